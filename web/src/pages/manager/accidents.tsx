// Accidents: reviewing each record before the parents see it, and what is still unacknowledged.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { AccidentFacts } from "../../ui/accidents";
import { Tag } from "./common";

export function AccidentsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const list = (status: "awaiting-review" | "awaiting-acknowledgement") =>
    unwrap(api.GET("/v1/settings/{settingId}/accidents", { params: { path: { settingId }, query: { status } } }));
  const review = useApiQuery(keys.setting(settingId, "accidents", "awaiting-review"), () => list("awaiting-review"));
  const ack = useApiQuery(keys.setting(settingId, "accidents", "awaiting-acknowledgement"), () => list("awaiting-acknowledgement"));
  return (
    <Page title="Accidents" back={{ to: setting(settingId), label: "Home" }}>
      <h2>Awaiting your review</h2>
      <p className="hint">Parents see an accident record, and are emailed, once a manager has reviewed it.</p>
      <Loaded state={review}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Nothing to review.</Empty>
          ) : (
            page.items.map((a) => <Accident key={a.accidentId} settingId={settingId} accident={a} />)
          )
        }
      </Loaded>
      <h2>Waiting for parents to acknowledge</h2>
      <Loaded state={ack}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>Every reviewed accident has been acknowledged.</Empty>
          ) : (
            page.items.map((a) => <Accident key={a.accidentId} settingId={settingId} accident={a} />)
          )
        }
      </Loaded>
    </Page>
  );
}

type ReviewForm = { notes: string; internal: string };
const BLANK_REVIEW: ReviewForm = { notes: "", internal: "" };

function Accident({ settingId, accident: a }: { settingId: string; accident: Schemas["AccidentListItem"] }) {
  const { api } = useSession();
  const { when } = useClock();
  const { register, handleSubmit, reset } = useForm<ReviewForm>({ defaultValues: BLANK_REVIEW });
  const review = useAction();
  const submit = handleSubmit(async (f) => {
    const reviewed = await review.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/accidents/{accidentId}/review", {
            params: { path: { settingId, accidentId: a.accidentId } },
            body: { notes: f.notes, ...(f.internal.trim() ? { internalNotes: f.internal } : {}) },
            headers: idempotencyKey(),
          }),
        ),
      "Reviewed. The parents can now see the record and have been emailed.",
    );
    if (reviewed) reset(BLANK_REVIEW);
  });
  return (
    <article className="entry">
      <header>
        <span>
          {when(a.happenedAt)}, {a.place}
        </span>
        <Tag status={a.status === "awaiting-review" ? "pending" : "ok"}>{a.status === "awaiting-review" ? "Awaiting review" : "Awaiting acknowledgement"}</Tag>
      </header>
      <h3 className="entry-title">
        <Link to={setting(settingId, `/children/${encodeURIComponent(a.childId)}/manage`)}>{a.childName}</Link>
        {a.serious && " (serious)"}
      </h3>
      {a.serious && a.ofstedDeadline && (
        <p className="setup">
          <strong>Serious injury: notify Ofsted by {when(a.ofstedDeadline)}</strong>
          {a.ofstedHoursLeft != null && (a.ofstedHoursLeft > 0 ? ` (${a.ofstedHoursLeft} hours left)` : " (OVERDUE)")}.
        </p>
      )}
      <FullRecord settingId={settingId} childId={a.childId} accidentId={a.accidentId} />
      <Done message={review.done} />
      {a.status === "awaiting-review" && (
        <form onSubmit={submit}>
          <TextArea label="Review notes" hint="Shown to the parents with the record." {...register("notes")} required />
          <TextArea label="Notes for staff (optional)" hint="Follow-up, risk assessment: never shown to the family." {...register("internal")} />
          <ErrorBox error={review.error} />
          <Submit busy={review.busy}>Mark as reviewed</Submit>
        </form>
      )}
    </article>
  );
}

/** The full record, read from the child's accidents when opened. */
function FullRecord({ settingId, childId, accidentId }: { settingId: string; childId: string; accidentId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>Full record</summary>
      {open && <RecordDetail settingId={settingId} childId={childId} accidentId={accidentId} />}
    </details>
  );
}

function RecordDetail({ settingId, childId, accidentId }: { settingId: string; childId: string; accidentId: string }) {
  const { api } = useSession();
  // One accident, found in the child's list: not that list (the child's accidents page's key).
  const state = useApiQuery(keys.setting(settingId, "accident", childId, accidentId), async () => {
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await unwrap(
        api.GET("/v1/settings/{settingId}/children/{childId}/accidents", { params: { path: { settingId, childId }, query: { limit: 100, cursor } } }),
      );
      const found = page.items.find((x) => x.accidentId === accidentId);
      if (found || !page.nextCursor) return found ?? null;
      cursor = page.nextCursor;
    }
    return null;
  });
  return (
    <Loaded state={state}>
      {(r) => (r === null ? <Empty>The record could not be found.</Empty> : <AccidentFacts accident={r} />)}
    </Loaded>
  );
}
