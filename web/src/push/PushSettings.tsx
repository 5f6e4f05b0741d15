// "Notifications on this device" on the account page: Web Push, per device, besides the email
// preference. Hidden where the browser cannot do it or the deployment has no push key.
import { useQueryClient } from "@tanstack/react-query";
import { keys, useApiQuery } from "../api/queries";
import { useSession } from "../session";
import { useAction } from "../ui/hooks";
import { ErrorBox } from "../ui/components";
import { disablePush, enablePush, pushSupported, readPushState } from "./push";

/** This device's state with the API's list: the person's own (under "me"), cleared at sign-out. */
const PUSH_KEY = [...keys.me, "push-subscriptions"] as const;

const STATUS = {
  on: "Notifications are on for this device.",
  off: "Notifications are off for this device.",
  denied: "Notifications are blocked for Nestling in this browser's settings.",
} as const;

export function PushSettings() {
  const supported = pushSupported();
  const { api } = useSession();
  const client = useQueryClient();
  const state = useApiQuery(PUSH_KEY, () => readPushState(api), { enabled: supported });
  const change = useAction({ changes: false });
  if (!supported) return null;
  // Not offered until known (a deployment without push shows nothing at all).
  if (!state.data && !state.error) return null;
  const current = state.data?.state;
  if (current === "unsupported" || current === "unavailable") return null;

  const refresh = () => client.invalidateQueries({ queryKey: PUSH_KEY });
  const turnOn = () =>
    void change.run(async () => {
      try {
        await enablePush(api, state.data?.publicKey);
      } finally {
        await refresh();
      }
    });
  const turnOff = () =>
    void change.run(async () => {
      try {
        await disablePush(api);
      } finally {
        await refresh();
      }
    });

  return (
    <section aria-labelledby="push-heading">
      <h2 id="push-heading">Notifications on this device</h2>
      <p>Get a notification on this phone or computer when there is news. Notifications never show your child's name or any text: open Nestling to read it.</p>
      <p className="hint">
        Notifications come as well as the emails you choose above. To have notifications instead of email, choose “Never” for email and turn
        notifications on.
      </p>
      <ErrorBox error={state.error ?? change.error} />
      {current && (
        <p role="status" aria-live="polite">
          {STATUS[current]}
        </p>
      )}
      {current === "off" && (
        <button type="button" className="primary" disabled={change.busy} aria-busy={change.busy} onClick={turnOn}>
          {change.busy ? "Please wait…" : "Turn on notifications on this device"}
        </button>
      )}
      {current === "on" && (
        <button type="button" disabled={change.busy} aria-busy={change.busy} onClick={turnOff}>
          {change.busy ? "Please wait…" : "Turn off notifications on this device"}
        </button>
      )}
    </section>
  );
}
