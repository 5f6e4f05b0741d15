// Sign-in against Cognito's public API (the emulator locally, the user pool in AWS): password
// sign-in, the new-password and MFA challenges, refresh and sign-out. Tokens live in
// sessionStorage, so closing the tab signs out; only the access token is sent to the API.
import type { AppConfig } from "./config";

const STORAGE_KEY = "nestling.session";
const REFRESH_MARGIN_MS = 60_000;

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: number;
  email: string;
}

export type SignInResult =
  | { kind: "signed-in" }
  | { kind: "new-password"; session: string; email: string }
  | { kind: "mfa"; session: string; email: string };

/** A refusal from Cognito, with a message for the person at the keyboard. */
export class SignInError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const MESSAGES: Record<string, string> = {
  NotAuthorizedException: "That email and password do not match an account.",
  UserNotFoundException: "That email and password do not match an account.",
  UserNotConfirmedException: "This account is not set up yet. Use the link in your invitation email.",
  PasswordResetRequiredException: "Your password has to be reset. Ask your setting's manager for a new invitation.",
  InvalidPasswordException:
    "That password is not strong enough: use at least 12 characters with upper- and lower-case letters and digits.",
  CodeMismatchException: "That code is not right. Check your authenticator app and try again.",
  ExpiredCodeException: "That code has expired. Use the newest one from your authenticator app.",
  TooManyRequestsException: "Too many attempts. Wait a minute and try again.",
  LimitExceededException: "Too many attempts. Wait a minute and try again.",
};

type Listener = () => void;

export class Auth {
  private listeners = new Set<Listener>();
  private refreshing: Promise<string | null> | null = null;

  constructor(private readonly config: AppConfig) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit() {
    for (const listener of this.listeners) listener();
  }

  private stored(): StoredSession | null {
    try {
      const raw = sessionStorage.getItem(STORAGE_KEY);
      return raw ? (JSON.parse(raw) as StoredSession) : null;
    } catch {
      return null;
    }
  }

  private store(session: StoredSession | null) {
    if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
    else sessionStorage.removeItem(STORAGE_KEY);
    this.emit();
  }

  get signedIn(): boolean {
    return this.stored() !== null;
  }

  get email(): string | null {
    return this.stored()?.email ?? null;
  }

  private async cognito<T>(operation: string, body: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(this.config.cognitoEndpoint.replace(/\/$/, "") + "/", {
        method: "POST",
        headers: {
          "Content-Type": "application/x-amz-json-1.1",
          "X-Amz-Target": `AWSCognitoIdentityProviderService.${operation}`,
        },
        body: JSON.stringify(body),
      });
    } catch {
      throw new SignInError("The sign-in service cannot be reached. Check your connection and try again.", "Network");
    }
    const data = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) {
      const code = String(data.__type ?? "").split("#").pop() ?? "";
      const message = MESSAGES[code] ?? (typeof data.message === "string" && data.message ? data.message : "Signing in failed. Try again.");
      throw new SignInError(message, code);
    }
    return data as T;
  }

  private accept(result: AuthenticationResult, email: string, refreshToken?: string) {
    this.store({
      accessToken: result.AccessToken,
      refreshToken: result.RefreshToken ?? refreshToken ?? "",
      expiresAt: Date.now() + result.ExpiresIn * 1000,
      email,
    });
  }

  private outcome(answer: InitiateAuthAnswer, email: string): SignInResult {
    if (answer.AuthenticationResult) {
      this.accept(answer.AuthenticationResult, email);
      return { kind: "signed-in" };
    }
    if (answer.ChallengeName === "NEW_PASSWORD_REQUIRED" && answer.Session) {
      return { kind: "new-password", session: answer.Session, email };
    }
    if (answer.ChallengeName === "SOFTWARE_TOKEN_MFA" && answer.Session) {
      return { kind: "mfa", session: answer.Session, email };
    }
    throw new SignInError("This account needs a sign-in step this app does not support yet. Contact your setting.", "Challenge");
  }

  async signIn(email: string, password: string): Promise<SignInResult> {
    const answer = await this.cognito<InitiateAuthAnswer>("InitiateAuth", {
      ClientId: this.config.appClientId,
      AuthFlow: "USER_PASSWORD_AUTH",
      AuthParameters: { USERNAME: email, PASSWORD: password },
    });
    return this.outcome(answer, email);
  }

  /** First sign-in with a temporary password: Cognito asks for a new one. */
  async setNewPassword(email: string, session: string, newPassword: string): Promise<SignInResult> {
    const answer = await this.cognito<InitiateAuthAnswer>("RespondToAuthChallenge", {
      ClientId: this.config.appClientId,
      ChallengeName: "NEW_PASSWORD_REQUIRED",
      Session: session,
      ChallengeResponses: { USERNAME: email, NEW_PASSWORD: newPassword },
    });
    return this.outcome(answer, email);
  }

  async answerMfa(email: string, session: string, code: string): Promise<SignInResult> {
    const answer = await this.cognito<InitiateAuthAnswer>("RespondToAuthChallenge", {
      ClientId: this.config.appClientId,
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: code },
    });
    return this.outcome(answer, email);
  }

  /** A valid access token, refreshed when close to expiry; null when signed out. */
  async accessToken(): Promise<string | null> {
    const session = this.stored();
    if (!session) return null;
    if (session.expiresAt - REFRESH_MARGIN_MS > Date.now()) return session.accessToken;
    this.refreshing ??= this.refresh(session).finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async refresh(session: StoredSession): Promise<string | null> {
    let answer: InitiateAuthAnswer;
    try {
      answer = await this.cognito<InitiateAuthAnswer>("InitiateAuth", {
        ClientId: this.config.appClientId,
        AuthFlow: "REFRESH_TOKEN_AUTH",
        AuthParameters: { REFRESH_TOKEN: session.refreshToken },
      });
    } catch (e) {
      // Refused (revoked, expired, signed out elsewhere): the session is over. Anything else
      // (offline, throttled) keeps it, so a half-filled form survives; the request fails.
      if (e instanceof SignInError && e.code === "NotAuthorizedException") {
        if (this.stored()?.refreshToken === session.refreshToken) this.store(null);
        return null;
      }
      throw e;
    }
    // Signed out (or in as someone else) while this was in flight: keep it that way.
    if (!answer.AuthenticationResult || this.stored()?.refreshToken !== session.refreshToken) return null;
    this.accept(answer.AuthenticationResult, session.email, session.refreshToken);
    return answer.AuthenticationResult.AccessToken;
  }

  /**
   * Ends this session: forgets the tokens here, revokes the refresh token (so it cannot mint
   * new access tokens, even if the access token has already expired) and, while the access
   * token is still valid, signs the account out everywhere.
   */
  async signOut(): Promise<void> {
    const session = this.stored();
    this.store(null);
    if (!session) return;
    await Promise.all([
      this.cognito("RevokeToken", { Token: session.refreshToken, ClientId: this.config.appClientId }).catch(() => undefined),
      this.cognito("GlobalSignOut", { AccessToken: session.accessToken }).catch(() => undefined),
    ]);
  }

  /** Forgets this tab's session without touching the account's other sessions. */
  forget() {
    if (this.stored()) this.store(null);
  }

  /** The API said the token is no longer good (401): forget it. */
  expire() {
    this.forget();
  }
}

interface AuthenticationResult {
  AccessToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

interface InitiateAuthAnswer {
  AuthenticationResult?: AuthenticationResult;
  ChallengeName?: string;
  Session?: string;
}
