import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError, unwrap, type Api } from "../api/client";
import type { Auth } from "../auth";
import { useNavigate } from "react-router";
import { ErrorBox, Field, Page, Submit } from "../ui/components";
import { SignInPage } from "./SignIn";

type PasswordForm = { password: string; confirm: string };

/** The link in an invitation email: choose a password, then sign in with it. */
export function InvitationPage({ auth, api, token }: { auth: Auth; api: Api; token: string }) {
  const navigate = useNavigate();
  const {
    register,
    handleSubmit,
    formState: { isSubmitting: busy },
  } = useForm<PasswordForm>({ defaultValues: { password: "", confirm: "" } });
  const [error, setError] = useState<ApiError | null>(null);
  const [accepted, setAccepted] = useState<{ email: string; passwordSet: boolean } | null>(null);

  const submit = handleSubmit(async ({ password, confirm }) => {
    if (password !== confirm) {
      setError(new ApiError(422, "mismatch", "The two passwords differ", "Type the same password twice."));
      return;
    }
    setError(null);
    try {
      const answer = await unwrap(api.POST("/v1/invitations/{token}/accept", { params: { path: { token } }, body: { password } }));
      // Signed in as someone else in this tab: this tab switches to the invitee; the other
      // person's sessions elsewhere are theirs and are left alone.
      if (auth.signedIn && auth.email !== answer.email) auth.forget();
      const result = await auth.signIn(answer.email, password).catch(() => null);
      if (result?.kind === "signed-in") navigate("/", { replace: true });
      else setAccepted({ email: answer.email, passwordSet: answer.passwordSet });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, "unexpected", "Something went wrong", String(e)));
    }
  });

  if (accepted)
    return (
      <SignInPage
        auth={auth}
        onSignedIn={() => navigate("/", { replace: true })}
        notice={
          accepted.passwordSet
            ? "Your invitation is accepted. Sign in with your new password."
            : "Your invitation is accepted. You already had a Nestling password: sign in with it."
        }
      />
    );
  return (
    <Page title="Welcome to Nestling">
      <p>You have been invited to your setting's Nestling. Choose a password to finish setting up your account.</p>
      <form onSubmit={submit} noValidate>
        <ErrorBox error={error} />
        <Field label="Password" hint="At least 12 characters, with upper- and lower-case letters and digits." type="password" autoComplete="new-password" {...register("password")} required minLength={12} />
        <Field label="Type the password again" type="password" autoComplete="new-password" {...register("confirm")} required />
        <Submit busy={busy}>Accept the invitation</Submit>
      </form>
    </Page>
  );
}
