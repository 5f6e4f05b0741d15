// Rule 15: staff and operators sign in with an authenticator app as well as a password. Until
// they enrol one the API refuses them everything else, so this page is all they are shown.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { unwrap, type Schemas } from "../api/client";
import { useSession } from "../session";
import { useAction } from "../ui/hooks";
import { ErrorBox, Field, Page, Submit } from "../ui/components";

/** The secret in groups of four, as authenticator apps show and take it. */
function grouped(secret: string): string {
  return secret.toUpperCase().replace(/(.{4})/g, "$1 ").trim();
}

export function MfaEnrolPage() {
  const { api, reloadMe } = useSession();
  const [secret, setSecret] = useState<Schemas["TotpSecret"] | null>(null);
  const { register, handleSubmit } = useForm<{ code: string }>({ defaultValues: { code: "" } });
  const start = useAction();
  const confirm = useAction();
  const begin = () => void start.run(() => unwrap(api.POST("/v1/me/mfa/totp")).then(setSecret));
  const submit = handleSubmit(async ({ code }) => {
    const done = await confirm.run(() => unwrap(api.POST("/v1/me/mfa/totp/confirm", { body: { code: code.trim() } })));
    if (done) reloadMe();
  });
  return (
    <Page title="Set up your authenticator app">
      <p>
        Staff sign in to Nestling with a code from an authenticator app as well as their password, because Nestling holds children's records. Use any
        authenticator app on your phone (for example Microsoft Authenticator, Google Authenticator or 1Password).
      </p>
      <ErrorBox error={start.error} />
      {!secret ? (
        <button type="button" className="primary" onClick={begin} disabled={start.busy}>
          Set up my authenticator app
        </button>
      ) : (
        <form onSubmit={submit} noValidate>
          <ol>
            <li>
              In your authenticator app, add an account and choose to enter a setup key. Type this key:
              <p>
                <code aria-label="Setup key" className="secret">{grouped(secret.secretCode)}</code>
              </p>
              <p className="hint">
                On this phone you can instead <a href={secret.otpauthUri}>open it in your authenticator app</a>.
              </p>
            </li>
            <li>Type the six-digit code the app now shows for Nestling.</li>
          </ol>
          <ErrorBox error={confirm.error} />
          <Field label="Code from your authenticator app" inputMode="numeric" autoComplete="one-time-code" {...register("code")} required pattern="[0-9]{6}" />
          <Submit busy={confirm.busy}>Finish setting up</Submit>
        </form>
      )}
    </Page>
  );
}
