import { useState, type FormEvent } from "react";
import { ApiError } from "../api/client";
import { SignInError, type Auth, type SignInResult } from "../auth";
import { ErrorBox, Field, Page, Submit } from "../ui/components";

type Step = { kind: "password" } | Exclude<SignInResult, { kind: "signed-in" }>;

export function SignInPage({ auth, notice, onSignedIn }: { auth: Auth; notice?: string; onSignedIn?: () => void }) {
  const [step, setStep] = useState<Step>({ kind: "password" });
  const [email, setEmail] = useState(auth.email ?? "");
  const [password, setPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [code, setCode] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function attempt(action: () => Promise<SignInResult>) {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (result.kind !== "signed-in") setStep(result);
      else onSignedIn?.();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(new ApiError(401, e instanceof SignInError ? e.code : "sign-in", message));
    } finally {
      setBusy(false);
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (step.kind === "password") void attempt(() => auth.signIn(email.trim(), password));
    else if (step.kind === "new-password") void attempt(() => auth.setNewPassword(step.email, step.session, newPassword));
    else void attempt(() => auth.answerMfa(step.email, step.session, code.trim()));
  };

  if (step.kind === "new-password")
    return (
      <Page title="Choose your password">
        <p>This is your first sign-in. Choose a password only you know.</p>
        <form onSubmit={submit} noValidate>
          <ErrorBox error={error} />
          <Field label="New password" hint="At least 12 characters, with upper- and lower-case letters and digits." type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} required minLength={12} />
          <Submit busy={busy}>Set password and sign in</Submit>
        </form>
      </Page>
    );
  if (step.kind === "mfa")
    return (
      <Page title="Enter your sign-in code">
        <form onSubmit={submit} noValidate>
          <ErrorBox error={error} />
          <Field label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} required pattern="[0-9]{6}" />
          <Submit busy={busy}>Sign in</Submit>
        </form>
      </Page>
    );
  return (
    <Page title="Sign in to Nestling">
      {notice && <p className="done" role="status">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        <Field label="Email" type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        <Field label="Password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        <Submit busy={busy}>Sign in</Submit>
      </form>
      <p className="hint">New to Nestling? Use the link in the invitation email your setting sent you.</p>
    </Page>
  );
}
