// A child's accident records, and recording a new one (a manager reviews it before parents see it).
import { useState, type FormEvent } from "react";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { LoadMore } from "../../ui/paging";
import { Card, useChildName } from "./shared";

const STATUS: Record<Schemas["AccidentStatus"], string> = {
  "awaiting-review": "Waiting for a manager's review",
  "awaiting-acknowledgement": "Waiting for the parents to acknowledge",
  acknowledged: "Acknowledged by the parents",
};

export function AccidentsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const { when, day } = useClock();
  const name = useChildName(settingId, childId);
  const path = { settingId, childId };
  const accidents = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/accidents", { params: { path, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
  const list = useApiQuery(keys.setting(settingId, "accidents", childId), () => accidents());
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);

  return (
    <Page title={name ? `Accidents: ${name}` : "Accidents"} back={{ to: `${base}/journal`, label: "Journal" }}>
      <RecordAccident settingId={settingId} childId={childId} onSaved={list.reload} />
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">Recorded accidents</h2>
        <Loaded state={list}>
          {(page) => {
            const items = page.items;
            if (items.length === 0) return <Empty>No accidents recorded.</Empty>;
            return (
              <>
                {items.map((a) => (
                  <Card key={a.accidentId} level={3} heading={`${when(a.happenedAt)}: ${a.place}`}>
                    <p>
                      <span className="tag">{STATUS[a.status]}</span>
                      {a.serious && <span className="tag status-breach">Serious</span>}
                    </p>
                    {a.ofstedDeadline && <p><strong>Ofsted must be told by {day(a.ofstedDeadline)}.</strong></p>}
                    <dl className="facts">
                      <dt>What happened</dt>
                      <dd className="written">{a.whatHappened}</dd>
                      <dt>Injury</dt>
                      <dd>{a.injury}</dd>
                      <dt>First aid</dt>
                      <dd>{a.firstAid}</dd>
                      <dt>Witnesses</dt>
                      <dd>{a.witnesses.length ? a.witnesses.join(", ") : "None"}</dd>
                      <dt>Recorded by</dt>
                      <dd>
                        {a.recordedByName}, {when(a.recordedAt)}
                      </dd>
                      {a.reviewNotes && (
                        <>
                          <dt>Manager's review</dt>
                          <dd>{a.reviewNotes}</dd>
                        </>
                      )}
                      {a.internalNotes && (
                        <>
                          <dt>Notes for staff</dt>
                          <dd>{a.internalNotes}</dd>
                        </>
                      )}
                      {a.acknowledgedAt && (
                        <>
                          <dt>Acknowledged</dt>
                          <dd>
                            {when(a.acknowledgedAt)}
                            {a.acknowledgementComment ? `: ${a.acknowledgementComment}` : ""}
                          </dd>
                        </>
                      )}
                    </dl>
                  </Card>
                ))}
                <LoadMore state={list} load={accidents} />
              </>
            );
          }}
        </Loaded>
      </section>
      <p>
        <Link to={`${base}/diary`}>Diary</Link>
      </p>
    </Page>
  );
}

function RecordAccident({ settingId, childId, onSaved }: { settingId: string; childId: string; onSaved: () => void }) {
  const { api } = useSession();
  const clock = useClock();
  const [place, setPlace] = useState("");
  const [whatHappened, setWhatHappened] = useState("");
  const [injury, setInjury] = useState("");
  const [firstAid, setFirstAid] = useState("");
  const [witnesses, setWitnesses] = useState("");
  const [serious, setSerious] = useState(false);
  const [at, setAt] = useState("");
  const save = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Typed as the setting's wall clock, whatever the device's zone.
    const happened = clock.fromInput(at);
    const body: Schemas["NewAccident"] = {
      place,
      whatHappened,
      injury,
      firstAid,
      serious,
      witnesses: witnesses.split(",").map((w) => w.trim()).filter(Boolean),
      ...(happened ? { at: happened } : {}),
    };
    void save
      .run(
        () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/accidents", { params: { path: { settingId, childId } }, body, headers: idempotencyKey() })),
        serious ? "Accident recorded. It is serious, so every manager has been emailed." : "Accident recorded. A manager will review it before the parents see it.",
      )
      .then((ok) => {
        if (!ok) return;
        setPlace("");
        setWhatHappened("");
        setInjury("");
        setFirstAid("");
        setWitnesses("");
        setSerious(false);
        setAt("");
        onSaved();
      });
  };
  return (
    <section aria-labelledby="record-heading">
      <h2 id="record-heading">Record an accident</h2>
      <form onSubmit={submit}>
        <Field label="When it happened (optional)" hint="Leave empty for now. Within the last 7 days." type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        <Field label="Where" value={place} onChange={(e) => setPlace(e.target.value)} required />
        <TextArea label="What happened" value={whatHappened} onChange={(e) => setWhatHappened(e.target.value)} required />
        <Field label="Injury" value={injury} onChange={(e) => setInjury(e.target.value)} required />
        <Field label="First aid given" value={firstAid} onChange={(e) => setFirstAid(e.target.value)} required />
        <Field label="Witnesses" hint="Names, separated by commas." value={witnesses} onChange={(e) => setWitnesses(e.target.value)} />
        <Checkbox label="Serious (Ofsted must be told within 14 days)" checked={serious} onChange={(e) => setSerious(e.target.checked)} />
        <ErrorBox error={save.error} />
        <Submit busy={save.busy}>Record accident</Submit>
      </form>
      <Done message={save.done} />
    </section>
  );
}
