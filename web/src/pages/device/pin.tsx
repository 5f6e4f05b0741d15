// "Tablet PIN": every member of a setting (staff and families) sets, from their own signed-in
// account, the PIN they type on the setting's paired tablets, and reads the number they type
// before it. Setting a new PIN unlocks one locked by wrong tries.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError, idempotencyKey, unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Done, ErrorBox, Field, Loaded, Page, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { LOCKED, PIN_HINT, confirmProblem, numberSentence, pinProblem, pinPurpose, pinSaved } from "./pinWords";

type PinFields = { pin: string; again: string };
const BLANK: PinFields = { pin: "", again: "" };

export function TabletPinPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { when } = useClock();
  const role = useMembership(settingId)?.role;
  const pin = useApiQuery(keys.setting(settingId, "device-pin"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/device-pin", { params: { path: { settingId } } })),
  );
  return (
    <Page title="Tablet PIN" back={{ to: setting(settingId), label: "Home" }}>
      <p>{pinPurpose(role)}</p>
      <Loaded state={pin}>
        {(view) => (
          <>
            <p className="tablet-number">
              {view.number ? (
                <>
                  Your number on the setting's tablets: <strong>{view.number}</strong>
                </>
              ) : (
                numberSentence(view)
              )}
            </p>
            {view.locked && (
              <div className="setup">
                <p>
                  <strong>{LOCKED}</strong>
                </p>
              </div>
            )}
            {view.setAt && <p className="hint">PIN set {when(view.setAt)}.</p>}
          </>
        )}
      </Loaded>
      <PinForm settingId={settingId} hasPin={Boolean(pin.data?.number)} />
    </Page>
  );
}

function PinForm({ settingId, hasPin }: { settingId: string; hasPin: boolean }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<PinFields>({ defaultValues: BLANK });
  const save = useAction();
  const [saved, setSaved] = useState<string | null>(null);
  const submit = handleSubmit(async ({ pin, again }) => {
    setSaved(null);
    // The API's rule, checked first: a typo costs nothing.
    const problem = pinProblem(pin) ?? confirmProblem(pin, again);
    if (problem) {
      save.setError(new ApiError(422, "pin-invalid", "That PIN cannot be used", problem));
      return;
    }
    const view = await save.run(() =>
      unwrap(api.PUT("/v1/settings/{settingId}/device-pin", { params: { path: { settingId } }, body: { pin }, headers: idempotencyKey() })),
    );
    // The PIN never stays in the form, whether or not it was taken.
    reset(BLANK);
    if (view) setSaved(pinSaved(view.number));
  });
  const pinInput = { type: "password", inputMode: "numeric", autoComplete: "new-password", maxLength: 8, spellCheck: false } as const;
  return (
    <form onSubmit={submit} noValidate>
      <h2>{hasPin ? "Set a new PIN" : "Set your PIN"}</h2>
      <Field label="New PIN" hint={PIN_HINT} {...pinInput} {...register("pin")} required />
      <Field label="Type the PIN again" {...pinInput} {...register("again")} required />
      <ErrorBox error={save.error} />
      <Done message={saved} />
      <Submit busy={save.busy}>Save my PIN</Submit>
    </form>
  );
}
