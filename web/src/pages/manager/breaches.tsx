// The breach register: each personal-data breach, its 72-hour ICO decision and who was told.
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Submit, TextArea, words } from "../../ui/components";
import { LoadMore, Radio, Tag, statusWords, timeLeft, unreadableTime, useDirectory, type Directory } from "./common";
import { RecordBreachForm } from "./breachForm";

export function BreachesPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const directory = useDirectory(settingId);
  const load = (cursor?: string) => unwrap(api.GET("/v1/settings/{settingId}/breaches", { params: { path: { settingId }, query: { limit: 50, cursor } } }));
  const list = useApiQuery(keys.setting(settingId, "breaches"), () => load());
  return (
    <Page title="Breach register" back={{ to: setting(settingId), label: "Home" }}>
      <p className="hint">
        Record every personal-data breach here, however small. A reportable one must be reported to the ICO within 72 hours of discovery, weekends
        included, or the reason for not reporting it recorded.
      </p>
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No breaches recorded.</Empty>
          ) : (
            <>
              {page.items.map((b) => (
                <Breach key={b.breachId} settingId={settingId} breach={b} dir={directory.data} />
              ))}
              <LoadMore state={list} load={load} />
            </>
          )
        }
      </Loaded>
      <h2>Record a breach</h2>
      <ErrorBox error={directory.error} />
      {directory.data && <RecordBreachForm settingId={settingId} directory={directory.data} />}
    </Page>
  );
}

function Breach({ settingId, breach: b, dir }: { settingId: string; breach: Schemas["BreachView"]; dir?: Directory }) {
  const { when } = useClock();
  const due = b.icoStatus === "due";
  const left = due ? timeLeft(b.minutesLeft, b.overdue) : "";
  return (
    <article className="entry">
      <header>
        <span>
          Discovered {when(b.discoveredAt)}; recorded by {b.recordedByName}
        </span>
        <Tag status={due ? (b.overdue ? "breach" : "pending") : b.icoStatus === "reported" ? "ok" : "none"}>
          {statusWords(b.icoStatus)}
        </Tag>
      </header>
      <h2 className="entry-title">
        {words(b.category)}, {b.risk} risk
      </h2>
      <p className="pre">{b.description}</p>
      <dl className="facts">
        <dt>Reportable</dt>
        <dd>{b.reportable ? "Yes" : "No"}</dd>
        <dt>Children affected</dt>
        <dd>{b.affectedChildren.length ? b.affectedChildren.map((c) => c.name).join(", ") : "None named"}</dd>
        <dt>ICO deadline</dt>
        <dd>
          {when(b.icoDeadline)}
          {left && (
            <>
              {" "}
              <strong className={left === "OVERDUE" ? "overdue" : undefined}>{left}</strong>
            </>
          )}
        </dd>
        {b.icoDecision && (
          <>
            <dt>ICO decision</dt>
            <dd>
              {b.icoDecision.reported
                ? `Reported${b.icoDecision.reportedAt ? ` on ${when(b.icoDecision.reportedAt)}` : ""}, reference ${b.icoDecision.reference ?? ""}`
                : `Not reported: ${b.icoDecision.reasonNotReported ?? ""}`}{" "}
              (recorded by {b.icoDecision.decidedByName}, {when(b.icoDecision.decidedAt)})
            </dd>
          </>
        )}
      </dl>
      {b.familyNotifications.length > 0 && (
        <>
          <h3>Families told</h3>
          {b.familyNotifications.map((n) => (
            <NotificationSummary key={n.notificationId} notification={n} dir={dir} />
          ))}
        </>
      )}
      {!b.icoDecision && (
        <details open={due}>
          <summary>Record the ICO decision</summary>
          <IcoForm settingId={settingId} breachId={b.breachId} />
        </details>
      )}
      <details>
        <summary>Tell the families</summary>
        <NotifyForm settingId={settingId} breachId={b.breachId} dir={dir} />
      </details>
    </article>
  );
}

const NOT_NOTIFIED: Record<string, string> = {
  "safeguarding-hold": "under a safeguarding hold, so no guardian was emailed",
  "no-parent-on-nestling": "no parent on Nestling to email; tell them another way",
};

function NotificationSummary({ notification: n, dir }: { notification: Schemas["FamilyNotification"]; dir?: Directory }) {
  const { when } = useClock();
  return (
    <div className="notification">
      <p>
        {when(n.at)}, sent by {n.byName}: “{n.message}”
      </p>
      <p>
        Emailed to {n.recipients.length} {n.recipients.length === 1 ? "person" : "people"}
        {n.recipients.length > 0 ? `: ${n.recipients.map((r) => `${r.name} (${r.email})`).join(", ")}` : ""}.
      </p>
      {n.notNotified.length > 0 && (
        <>
          <p>Not told:</p>
          <ul>
            {n.notNotified.map((x) => (
              <li key={x.childId}>
                {dir?.childName(x.childId) ?? x.childId}: {NOT_NOTIFIED[x.reason] ?? words(x.reason)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

type IcoDecisionForm = { choice: "reported" | "not-reported"; reference: string; reportedAt: string; reason: string };
const BLANK_ICO: IcoDecisionForm = { choice: "reported", reference: "", reportedAt: "", reason: "" };

function IcoForm({ settingId, breachId }: { settingId: string; breachId: string }) {
  const { api } = useSession();
  const clock = useClock();
  const { register, handleSubmit, reset, control } = useForm<IcoDecisionForm>({ defaultValues: BLANK_ICO });
  const choice = useWatch({ control, name: "choice" });
  const save = useAction();
  const submit = handleSubmit(async (f) => {
    // Read as the setting's wall clock, whatever the device's zone; empty means now.
    const reported = f.reportedAt ? clock.fromInput(f.reportedAt) : undefined;
    if (f.choice === "reported" && f.reportedAt && !reported) {
      save.setError(unreadableTime("When it was reported"));
      return;
    }
    await save.run(async () => {
      const body: Schemas["IcoReport"] =
        f.choice === "reported" ? { reference: f.reference.trim(), ...(reported ? { reportedAt: reported } : {}) } : { reasonNotReported: f.reason.trim() };
      await unwrap(
        api.POST("/v1/settings/{settingId}/breaches/{breachId}/ico-report", {
          params: { path: { settingId, breachId } },
          body,
          headers: idempotencyKey(),
        }),
      );
      reset({ ...BLANK_ICO, choice: f.choice });
    }, "The ICO decision is recorded; reminders stop.");
  });
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>What did you decide?</legend>
        <Radio label="We reported it to the ICO" value="reported" {...register("choice")} />
        <Radio label="We decided not to report it" value="not-reported" {...register("choice")} />
      </fieldset>
      {choice === "reported" ? (
        <>
          <Field label="ICO reference" {...register("reference")} required />
          <Field
            label="When it was reported (optional)"
            hint="Leave empty if you are reporting it now."
            type="datetime-local"
            {...register("reportedAt")}
          />
        </>
      ) : (
        <TextArea label="Why it is not being reported" {...register("reason")} required />
      )}
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Record decision</Submit>
    </form>
  );
}

function NotifyForm({ settingId, breachId, dir }: { settingId: string; breachId: string; dir?: Directory }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<{ message: string }>({ defaultValues: { message: "" } });
  const [sent, setSent] = useState<Schemas["FamilyNotification"] | null>(null);
  const send = useAction();
  const submit = handleSubmit(async ({ message }) => {
    setSent(null);
    const result = await send.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/breaches/{breachId}/notify-families", {
          params: { path: { settingId, breachId } },
          body: { message: message.trim() },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!result) return;
    reset();
    setSent(result);
  });
  return (
    <form onSubmit={submit}>
      <TextArea
        label="Message to the parents of the affected children"
        hint="Each parent of an affected child is emailed once, with this message and nothing else."
        {...register("message")}
        required
      />
      <ErrorBox error={send.error} />
      {sent && (
        <div className="done" role="status">
          <p>Sent.</p>
          <NotificationSummary notification={sent} dir={dir} />
        </div>
      )}
      <Submit busy={send.busy}>Email the families</Submit>
    </form>
  );
}
