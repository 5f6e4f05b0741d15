// Lockdown: stop families reaching anything at once, and lift it again.
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap } from "../../api/client";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, ErrorBox, Page, Submit, TextArea } from "../../ui/components";
import { Confirm, useConfirm } from "./common";

type LockdownForm = { notice: string; message: string };

export function LockdownPage({ settingId }: { settingId: string }) {
  const { api, reloadMe } = useSession();
  const { when } = useClock();
  const membership = useMembership(settingId);
  const lockdown = membership?.lockdown;
  const { register, handleSubmit, getValues, reset } = useForm<LockdownForm>({ defaultValues: { notice: "", message: "" } });
  const confirm = useConfirm();
  const action = useAction();
  const path = { path: { settingId } };

  // The lockdown shows in the signed-in person's memberships, not in a setting's read: reloadMe, not useAction, refreshes it.
  const start = () =>
    void action.run(async () => {
      const notice = getValues("notice").trim();
      await unwrap(api.POST("/v1/settings/{settingId}/lockdown", { params: path, body: { notice }, headers: idempotencyKey() }));
      reset();
      confirm.cancel();
      reloadMe();
    }, "Lockdown started. Parents and family are being signed out and emailed your notice.");

  const lift = handleSubmit(({ message }) =>
    action.run(async () => {
      await unwrap(api.DELETE("/v1/settings/{settingId}/lockdown", { params: path, body: { message: message.trim() }, headers: idempotencyKey() }));
      reset();
      reloadMe();
    }, "Lockdown lifted. Parents and family are being emailed your message and can sign in again."),
  );

  return (
    <Page title="Lockdown" back={{ to: setting(settingId), label: "Home" }}>
      <Done message={action.done} />
      {lockdown ? (
        <>
          <h2>The setting is in lockdown</h2>
          <dl className="facts">
            <dt>Since</dt>
            <dd>{when(lockdown.startedAt)}</dd>
            <dt>Started by</dt>
            <dd>{lockdown.startedByName}</dd>
            <dt>Notice</dt>
            <dd className="pre">{lockdown.notice}</dd>
          </dl>
          <p>
            Parents and family cannot use Nestling and see only the notice. Practitioners can read but not change anything, except report a fault.
            Managers carry on as usual.
          </p>
          <h2>Lift the lockdown</h2>
          <form onSubmit={lift}>
            <TextArea
              label="Message to parents and family"
              hint="Emailed to every parent and family member when the lockdown is lifted."
              {...register("message")}
              required
            />
            <ErrorBox error={action.error} />
            <Submit busy={action.busy}>Lift lockdown</Submit>
          </form>
        </>
      ) : (
        <>
          <p>
            Use lockdown when something may be exposing children's information, for example a lost phone or a fault you cannot fix at once.
          </p>
          <h2>Start a lockdown</h2>
          <form onSubmit={handleSubmit(confirm.ask)}>
            <TextArea
              label="Notice to parents and family"
              hint="Shown in Nestling and emailed to every parent and family member. Say what is happening and how to reach you."
              {...register("notice")}
              required
            />
            {!confirm.asking && (
              <button type="submit" className="danger">
                Start lockdown…
              </button>
            )}
          </form>
          {confirm.asking && (
            <Confirm confirmLabel="Yes, start lockdown now" busy={action.busy} onConfirm={start} onCancel={confirm.cancel}>
              <p>From the moment you confirm:</p>
              <ul>
                <li>every parent and family member is signed out of Nestling on every device and emailed your notice;</li>
                <li>they see only the notice until you lift the lockdown;</li>
                <li>practitioners can still read, but cannot change anything;</li>
                <li>managers carry on as usual.</li>
              </ul>
            </Confirm>
          )}
          <ErrorBox error={action.error} />
        </>
      )}
    </Page>
  );
}
