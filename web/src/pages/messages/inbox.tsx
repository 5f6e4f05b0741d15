// The inbox: the threads the reader is in at this moment, newest activity first. Staff write
// from here; managers also set who sees that a message was read and the opening hours outside
// which staff are not emailed about families' messages.
import { useForm, useWatch } from "react-hook-form";
import { Link, useLocation } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { isStaff, setting } from "../../routes";
import { useMembership, useSession } from "../../session";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { LoadMore } from "../../ui/paging";
import { useRoomNames } from "../feed/shared";
import { loadInbox, messagesPath, ThreadCard, type MessagesNotice } from "./shared";
import { DAYS, openingHoursWords } from "./words";

export function InboxPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const role = useMembership(settingId)?.role ?? "parent";
  const staff = isStaff(role);
  const roomName = useRoomNames(settingId, staff);
  const notice = (useLocation().state as MessagesNotice | null)?.done ?? null;
  const load = (cursor?: string) => loadInbox(api, settingId, cursor);
  const state = useApiQuery(keys.setting(settingId, "threads"), () => load());
  return (
    <Page title="Messages" back={{ to: setting(settingId), label: "Home" }}>
      <Done message={notice} />
      {role !== "family" && (
        <p>
          <Link to={messagesPath(settingId, "/new")}>Write a message</Link>
        </p>
      )}
      {role === "family" && <p className="hint">You receive the setting's messages to families here. Children's parents write to the setting.</p>}
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No messages yet.</Empty>
          ) : (
            <ul className="cards" aria-label="Conversations">
              {page.items.map((t) => (
                <ThreadCard key={t.threadId} settingId={settingId} thread={t} roomName={roomName} staff={staff} />
              ))}
            </ul>
          )
        }
      </Loaded>
      {staff && <LoadMore state={state} load={load} label="Load older messages" />}
      {role === "manager" && <MessagingPolicy settingId={settingId} />}
    </Page>
  );
}

type PolicyForm = { staffSeeRead: boolean; familiesSeeRead: boolean; hours: boolean; opens: string; closes: string; days: string[] };

function toForm(policy: Schemas["MessagingPolicy"]): PolicyForm {
  const hours = policy.openingHours;
  return {
    staffSeeRead: policy.staffSeeRead ?? false,
    familiesSeeRead: policy.familiesSeeRead ?? false,
    hours: hours != null,
    opens: hours?.opens ?? "07:30",
    closes: hours?.closes ?? "18:00",
    days: (hours?.days ?? [1, 2, 3, 4, 5]).map(String),
  };
}

/** The setting's messaging policy: read receipts each way, and the opening hours. */
function MessagingPolicy({ settingId }: { settingId: string }) {
  const { api } = useSession();
  // The same read (and key) as the manager's other pages of the setting.
  const state = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
  const save = useAction();
  return (
    <section aria-labelledby="policy-heading">
      <h2 id="policy-heading">Message settings</h2>
      <Loaded state={state}>
        {(s) => (
          <>
            <p>
              Staff are emailed about families' messages: <strong>{openingHoursWords(s.messaging.openingHours)}</strong>.
            </p>
            {/* Keyed by version: a saved setting starts the form afresh. */}
            <PolicyFields key={s.version} settingId={settingId} current={toForm(s.messaging)} save={save} />
          </>
        )}
      </Loaded>
    </section>
  );
}

function PolicyFields({ settingId, current, save }: { settingId: string; current: PolicyForm; save: ReturnType<typeof useAction> }) {
  const { api } = useSession();
  const { register, handleSubmit, control } = useForm<PolicyForm>({ defaultValues: current });
  const hours = useWatch({ control, name: "hours" });
  const onSave = (f: PolicyForm) =>
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/messaging-policy", {
            params: { path: { settingId } },
            body: {
              staffSeeRead: f.staffSeeRead,
              familiesSeeRead: f.familiesSeeRead,
              openingHours: f.hours ? { opens: f.opens, closes: f.closes, days: f.days.map(Number).sort((a, b) => a - b) } : null,
            },
            headers: idempotencyKey(),
          }),
        ),
      "Saved. The message settings apply from now.",
    );
  return (
    <form onSubmit={handleSubmit(onSave)}>
      <Checkbox label="Staff see when parents have read their messages" {...register("staffSeeRead")} />
      <Checkbox label="Parents see when staff have read their messages" {...register("familiesSeeRead")} />
      <Checkbox label="Hold staff emails outside opening hours" {...register("hours")} />
      {hours && (
        <fieldset>
          <legend>Opening hours (families' messages still arrive at once; staff are emailed when the setting opens)</legend>
          <Field label="Opens at" type="time" {...register("opens", { required: true })} required />
          <Field label="Closes at" type="time" {...register("closes", { required: true })} required />
          <fieldset>
            <legend>Open on</legend>
            {DAYS.map((d) => (
              <Checkbox key={d.value} label={d.name} value={String(d.value)} {...register("days", { required: true })} />
            ))}
          </fieldset>
        </fieldset>
      )}
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Save message settings</Submit>
    </form>
  );
}
