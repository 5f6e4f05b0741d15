// Accident records as every role sees them: the record itself, and a child's accidents page
// shared by staff (who record them) and parents (who acknowledge them once a manager has reviewed).
import { useId, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../api/client";
import { keys, useApiQuery } from "../api/queries";
import { useChildName } from "./hooks";
import { setting } from "../routes";
import { useClock, useMembership, useSession } from "../session";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Submit, TextArea } from "./components";
import { useAction } from "./hooks";
import { LoadMore } from "./paging";

const STATUS: Record<Schemas["AccidentStatus"], string> = {
  "awaiting-review": "Waiting for a manager's review",
  "awaiting-acknowledgement": "Waiting for the parents to acknowledge",
  acknowledged: "Acknowledged by the parents",
};

/** What the record says, times on the setting's clock; the notes for staff only reach staff. */
export function AccidentFacts({ accident: a }: { accident: Schemas["AccidentView"] }) {
  const { me } = useSession();
  const { when } = useClock();
  // Typed text may hold long words (a room code, a link): they wrap rather than widen a phone's page.
  return (
    <dl className="facts wrap">
      <dt>Where</dt>
      <dd>{a.place}</dd>
      <dt>What happened</dt>
      <dd className="written">{a.whatHappened}</dd>
      <dt>Injury</dt>
      <dd className="written">{a.injury}</dd>
      <dt>First aid</dt>
      <dd className="written">{a.firstAid}</dd>
      <dt>Witnesses</dt>
      <dd>{a.witnesses.length ? a.witnesses.join(", ") : "None"}</dd>
      <dt>Recorded by</dt>
      <dd>
        {a.recordedByName}, {when(a.recordedAt)}
      </dd>
      {a.reviewNotes && (
        <>
          <dt>Manager's review</dt>
          <dd className="written">{a.reviewNotes}</dd>
        </>
      )}
      {a.internalNotes && (
        <>
          <dt>Notes for staff</dt>
          <dd className="written">{a.internalNotes}</dd>
        </>
      )}
      {a.acknowledgedAt && (
        <>
          <dt>Acknowledged</dt>
          <dd>
            {a.acknowledgedBy === me.userId ? "By you" : "By a parent"}, {when(a.acknowledgedAt)}
          </dd>
        </>
      )}
      {a.acknowledgementComment && (
        <>
          <dt>Parent's comment</dt>
          <dd className="written">{a.acknowledgementComment}</dd>
        </>
      )}
    </dl>
  );
}

/**
 * One accident, named by its heading; `ofsted` shows a serious one's deadline for telling Ofsted
 * (the setting's duty, not the family's). `children` are the viewer's actions on it.
 */
export function AccidentCard({ accident: a, ofsted, children }: { accident: Schemas["AccidentView"]; ofsted: boolean; children?: ReactNode }) {
  const { when, day } = useClock();
  const headingId = useId();
  return (
    <article className="entry" aria-labelledby={headingId}>
      <h3 id={headingId}>{`${when(a.happenedAt)}: ${a.place}`}</h3>
      <p>
        <span className="tag">{STATUS[a.status]}</span>
        {a.serious && <span className="tag status-breach">Serious</span>}
      </p>
      {ofsted && a.ofstedDeadline && (
        <p>
          <strong>Ofsted must be told by {day(a.ofstedDeadline)}.</strong>
        </p>
      )}
      <AccidentFacts accident={a} />
      {children}
    </article>
  );
}

/** A child's accidents: staff record them and see every one; parents acknowledge the reviewed ones. */
export function ChildAccidentsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const parent = useMembership(settingId)?.role === "parent";
  const name = useChildName(settingId, childId);
  const accidents = (cursor?: string) =>
    unwrap(
      api.GET("/v1/settings/{settingId}/children/{childId}/accidents", {
        params: { path: { settingId, childId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
      }),
    );
  const list = useApiQuery(keys.setting(settingId, "accidents", childId), () => accidents());
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);

  return (
    <Page title={name ? `Accidents: ${name}` : "Accidents"} back={{ to: `${base}/journal`, label: "Journal" }}>
      {!parent && <RecordAccident settingId={settingId} childId={childId} />}
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Recorded accidents</h2>
        <Loaded state={list}>
          {(page) =>
            page.items.length === 0 ? (
              <Empty>No accidents recorded.</Empty>
            ) : (
              <>
                {page.items.map((a) => (
                  <AccidentCard key={a.accidentId} accident={a} ofsted={!parent}>
                    {parent && a.status === "awaiting-acknowledgement" && <Acknowledge settingId={settingId} accidentId={a.accidentId} />}
                  </AccidentCard>
                ))}
                <LoadMore state={list} load={accidents} />
              </>
            )
          }
        </Loaded>
      </section>
      <p>
        <Link to={`${base}/diary`}>Diary</Link>
      </p>
    </Page>
  );
}

type AccidentForm = { at: string; place: string; whatHappened: string; injury: string; firstAid: string; witnesses: string; serious: boolean };
const BLANK_ACCIDENT: AccidentForm = { at: "", place: "", whatHappened: "", injury: "", firstAid: "", witnesses: "", serious: false };

/** Staff record an accident; a manager reviews it before the parents see it. */
function RecordAccident({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const clock = useClock();
  const { register, handleSubmit, reset } = useForm<AccidentForm>({ defaultValues: BLANK_ACCIDENT });
  const save = useAction();
  const submit = handleSubmit(async (f) => {
    // Typed as the setting's wall clock, whatever the device's zone.
    const happened = clock.fromInput(f.at);
    const body: Schemas["NewAccident"] = {
      place: f.place,
      whatHappened: f.whatHappened,
      injury: f.injury,
      firstAid: f.firstAid,
      serious: f.serious,
      witnesses: f.witnesses.split(",").map((w) => w.trim()).filter(Boolean),
      ...(happened ? { at: happened } : {}),
    };
    const saved = await save.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/accidents", { params: { path: { settingId, childId } }, body, headers: idempotencyKey() })),
      f.serious ? "Accident recorded. It is serious, so every manager has been emailed." : "Accident recorded. A manager will review it before the parents see it.",
    );
    if (saved) reset(BLANK_ACCIDENT);
  });
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Record an accident</h2>
      <form onSubmit={submit}>
        <Field label="When it happened (optional)" hint="Leave empty for now. Within the last 7 days." type="datetime-local" {...register("at")} />
        <Field label="Where" {...register("place")} required />
        <TextArea label="What happened" {...register("whatHappened")} required />
        <Field label="Injury" {...register("injury")} required />
        <Field label="First aid given" {...register("firstAid")} required />
        <Field label="Witnesses" hint="Names, separated by commas." {...register("witnesses")} />
        <Checkbox label="Serious (Ofsted must be told within 14 days)" {...register("serious")} />
        <ErrorBox error={save.error} />
        <Submit busy={save.busy}>Record accident</Submit>
      </form>
      <Done message={save.done} />
    </section>
  );
}

type AcknowledgeForm = { comment: string };

/** A parent confirms they have read a reviewed record. */
function Acknowledge({ settingId, accidentId }: { settingId: string; accidentId: string }) {
  const { api } = useSession();
  const { register, handleSubmit } = useForm<AcknowledgeForm>({ defaultValues: { comment: "" } });
  const ack = useAction();
  const submit = handleSubmit(async (f) => {
    await ack.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/accidents/{accidentId}/acknowledge", {
          params: { path: { settingId, accidentId } },
          body: { comment: f.comment || null },
          headers: idempotencyKey(),
        }),
      ),
    );
  });
  return (
    <form onSubmit={submit}>
      <ErrorBox error={ack.error} />
      <TextArea label="Comment (optional)" {...register("comment")} rows={2} />
      <Submit busy={ack.busy}>I have read this</Submit>
    </form>
  );
}
