import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError } from "../api/client";
import { SignInError, type Auth, type SignInResult } from "../auth";
import { ErrorBox, Field, Page, Submit } from "../ui/components";

type Step = { kind: "password" } | Exclude<SignInResult, { kind: "signed-in" }>;
/** Every step's fields in one form: each step shows its own, and the email stays for the next. */
type SignInForm = { email: string; password: string; newPassword: string; code: string };

export function SignInPage({ auth, notice, onSignedIn }: { auth: Auth; notice?: string; onSignedIn?: () => void }) {
  const [step, setStep] = useState<Step>({ kind: "password" });
  const {
    register,
    handleSubmit,
    formState: { isSubmitting: busy },
  } = useForm<SignInForm>({ defaultValues: { email: auth.email ?? "", password: "", newPassword: "", code: "" } });
  const [error, setError] = useState<ApiError | null>(null);

  async function attempt(action: () => Promise<SignInResult>) {
    setError(null);
    try {
      const result = await action();
      if (result.kind !== "signed-in") setStep(result);
      else onSignedIn?.();
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      setError(new ApiError(401, e instanceof SignInError ? e.code : "sign-in", message));
    }
  }

  const submit = handleSubmit((f) => {
    if (step.kind === "password") return attempt(() => auth.signIn(f.email.trim(), f.password));
    if (step.kind === "new-password") return attempt(() => auth.setNewPassword(step.email, step.session, f.newPassword));
    return attempt(() => auth.answerMfa(step.email, step.session, f.code.trim()));
  });

  if (step.kind === "new-password")
    return (
      <Page title="Choose your password">
        <p>This is your first sign-in. Choose a password only you know.</p>
        <form onSubmit={submit} noValidate>
          <ErrorBox error={error} />
          <Field label="New password" hint="At least 12 characters, with upper- and lower-case letters and digits." type="password" autoComplete="new-password" {...register("newPassword")} required minLength={12} />
          <Submit busy={busy}>Set password and sign in</Submit>
        </form>
      </Page>
    );
  if (step.kind === "mfa")
    return (
      <Page title="Enter your sign-in code">
        <form onSubmit={submit} noValidate>
          <ErrorBox error={error} />
          <Field label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" {...register("code")} required pattern="[0-9]{6}" />
          <Submit busy={busy}>Sign in</Submit>
        </form>
      </Page>
    );
  return (
    <Page title="Sign in to Nestling">
      {notice && <p className="done" role="status">{notice}</p>}
      <form onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        <Field label="Email" type="email" autoComplete="username" {...register("email")} required />
        <Field label="Password" type="password" autoComplete="current-password" {...register("password")} required />
        <Submit busy={busy}>Sign in</Submit>
      </form>
      <p className="hint">New to Nestling? Use the link in the invitation email your setting sent you.</p>
    </Page>
  );
}
