// One child's assessment for a term. Staff see every aspect under its area with the judgement
// and its standing for the child's age, the term's observations per area, what a checkpoint
// still asks for, and (the key person and managers) judge each aspect with the child's own
// observations as evidence and share the term with the family. Managers refer to the SENCo.
// Families see the term once shared: the bands judged and the next steps from the journal.
import { Fragment, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Done, Empty, ErrorBox, Loaded, Page, Select, Submit, TextArea, Checkbox } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { ageWords, AREA_WORDS, aspectsByArea, concernWords, standingWords, termsBefore, termWords, type Assessment, type AspectView, type Judgement } from "./words";

function useAssessment(settingId: string, childId: string, term: string | null) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "assessment", childId, term ?? "current"), () =>
    unwrap(
      api.GET("/v1/settings/{settingId}/children/{childId}/assessment", {
        params: { path: { settingId, childId }, query: term ? { term } : {} },
      }),
    ),
  );
}

/** The term shown: the current one, or one of the three before it. */
function TermChoice({ current, term, onChange }: { current: string; term: string | null; onChange: (t: string | null) => void }) {
  const options = [{ value: "", label: `${termWords(current)} (this term)` }, ...termsBefore(current, 3).map((t) => ({ value: t, label: termWords(t) }))];
  return <Select label="Term" value={term ?? ""} onChange={(e) => onChange(e.target.value || null)} options={options} />;
}

export function StaffAssessmentPage({ settingId, childId }: { settingId: string; childId: string }) {
  const role = useMembership(settingId)?.role;
  const [term, setTerm] = useState<string | null>(null);
  const state = useAssessment(settingId, childId, term);
  const [current, setCurrent] = useState<string | null>(null);
  const a = state.data;
  if (a?.currentTerm && current !== a.term) setCurrent(a.term);
  return (
    <Page title={a ? `${a.firstName}'s assessment` : "Assessment"} back={{ to: setting(settingId, `/children/${encodeURIComponent(childId)}/journal`), label: "Journal" }}>
      {current && <TermChoice current={current} term={term} onChange={setTerm} />}
      <Loaded state={state}>
        {(a) =>
          !a.framework ? (
            <p className="setup">
              The setting has not chosen its assessment framework yet.{" "}
              {role === "manager" ? <Link to={setting(settingId, "/checkpoints")}>Choose it on the checkpoints page.</Link> : "A manager chooses it."}
            </p>
          ) : (
            <StaffAssessment settingId={settingId} assessment={a} framework={a.framework} />
          )
        }
      </Loaded>
    </Page>
  );
}

function StaffAssessment({ settingId, assessment: a, framework }: { settingId: string; assessment: Assessment; framework: Schemas["FrameworkView"] }) {
  const { when } = useClock();
  const title = (aspect: Schemas["Aspect"]) => framework.aspects.find((x) => x.aspect === aspect)?.title ?? aspect;
  const band = (key: string) => framework.bands.find((b) => b.key === key)?.title ?? key;
  return (
    <>
      <p>
        {termWords(a.term)} · {framework.title} · age {ageWords(a.ageMonths)}
        {a.sharedAt ? ` · shared with the family ${when(a.sharedAt)}` : ""}
      </p>
      {(a.concerns.length > 0 || a.progressCheckDue) && (
        <div className="setup" role="status" aria-label="Checkpoint">
          {a.checkpointMonths != null && <p>{`${a.firstName} is at the ${ageWords(a.checkpointMonths)} checkpoint.`}</p>}
          <ul>
            {a.concerns.map((c) => (
              <li key={`${c.kind}-${c.aspect}`}>{concernWords(c, title, band)}</li>
            ))}
            {a.progressCheckDue && <li>The progress check at two is due.</li>}
          </ul>
        </div>
      )}
      {(a.progressCheckDue || a.progressCheck) && (
        <p>
          <Link to={setting(settingId, `/children/${encodeURIComponent(a.childId)}/progress-check`)}>
            {a.progressCheck ? `Progress check at two (${a.progressCheck.replace("-", " ")})` : "Write the progress check at two"}
          </Link>
        </p>
      )}
      {a.sencoReferral && (
        <p className="setup">
          <strong>Referred to the SENCo</strong> by {a.sencoReferral.referredBy.name}, {when(a.sencoReferral.referredAt)}: <span className="written">{a.sencoReferral.note}</span>
        </p>
      )}
      <section aria-labelledby="observed-heading">
        <h2 id="observed-heading">Observations this term</h2>
        <p>
          {a.observations ?? 0} in all{a.lastObservedAt ? `, the last ${when(a.lastObservedAt)}` : ""}.
        </p>
        <dl className="facts">
          {a.byArea.map((c) => (
            <Fragment key={c.area}>
              <dt>{AREA_WORDS[c.area]}</dt>
              <dd>{c.observations === 0 ? "None yet" : c.observations}</dd>
            </Fragment>
          ))}
        </dl>
      </section>
      {aspectsByArea(framework).map((group) => (
        <section key={group.area} aria-label={group.title}>
          <h2>
            {group.title}
            {group.prime ? <span className="tag">Prime area</span> : null}
          </h2>
          {group.aspects.map((aspect) => (
            <AspectJudgement
              key={aspect.aspect}
              settingId={settingId}
              assessment={a}
              framework={framework}
              aspect={aspect}
              judgement={a.judgements.find((j) => j.aspect === aspect.aspect)}
            />
          ))}
        </section>
      ))}
      <Share settingId={settingId} assessment={a} />
      <SencoReferral settingId={settingId} assessment={a} />
    </>
  );
}

type JudgeForm = { band: string; evidence: string[]; note: string };

/** One aspect: its judgement, and the form to judge it (the key person and managers). */
function AspectJudgement({
  settingId,
  assessment: a,
  framework,
  aspect,
  judgement: j,
}: {
  settingId: string;
  assessment: Assessment;
  framework: Schemas["FrameworkView"];
  aspect: AspectView;
  judgement?: Judgement;
}) {
  const { api } = useSession();
  const { day } = useClock();
  const save = useAction();
  const { register, handleSubmit } = useForm<JudgeForm>({ values: { band: j?.band ?? "", evidence: j?.evidence ?? [], note: j?.note ?? "" } });
  const observations = useChildObservations(settingId, a.childId, aspect.area);
  const onSave = (f: JudgeForm) =>
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/assessment/{term}/{aspect}", {
            params: { path: { settingId, childId: a.childId, term: a.term, aspect: aspect.aspect } },
            body: { band: f.band, evidence: f.evidence, note: f.note.trim() || null },
            headers: idempotencyKey(),
          }),
        ),
      `Saved: ${aspect.title}.`,
    );
  return (
    <article className="entry" aria-label={aspect.title}>
      <h3>{aspect.title}</h3>
      {j ? (
        <p>
          <strong>{j.bandTitle}</strong>
          {j.standing && <span className={j.standing === "below" ? "tag status-pending" : "tag"}>{standingWords(j.standing)}</span>}
          <span className="hint">
            {" "}
            {j.judgedBy.name}, {day(j.judgedAt)} · {j.evidence.length} {j.evidence.length === 1 ? "observation" : "observations"} as evidence
          </span>
        </p>
      ) : (
        <p className="hint">Not judged this term.</p>
      )}
      {j?.note && <p className="written">{j.note}</p>}
      <details>
        <summary>{j ? `Change the judgement of ${aspect.title}` : `Judge ${aspect.title}`}</summary>
        <form onSubmit={handleSubmit(onSave)}>
          <Select
            label={`Best fit for ${aspect.title}`}
            {...register("band", { required: true })}
            options={[{ value: "", label: "Choose a band" }, ...framework.bands.map((b) => ({ value: b.key, label: b.title }))]}
          />
          <fieldset>
            <legend>Evidence: observations of {a.firstName} in {AREA_WORDS[aspect.area].toLowerCase()}</legend>
            {observations.length === 0 ? (
              <p className="hint">No observation in this area yet.</p>
            ) : (
              observations.map((o) => <Checkbox key={o.entryId} label={`${day(o.publishedAt)}: ${o.text.slice(0, 80)}`} value={o.entryId} {...register("evidence")} />)
            )}
          </fieldset>
          <TextArea label="Note (staff only)" {...register("note")} rows={2} maxLength={1000} />
          <ErrorBox error={save.error} />
          <Done message={save.done} />
          <Submit busy={save.busy}>Save judgement</Submit>
        </form>
      </details>
    </article>
  );
}

/** The child's observations in an area, from their journal (the newest 50): what evidence can name. */
function useChildObservations(settingId: string, childId: string, area: Schemas["AreaOfLearning"]) {
  const { api } = useSession();
  const journal = useApiQuery(keys.setting(settingId, "journal", childId, "evidence"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/journal", { params: { path: { settingId, childId }, query: { limit: 50 } } })),
  );
  return (journal.data?.items ?? []).filter((e) => e.entryKind === "observation" && e.areas.includes(area));
}

function Share({ settingId, assessment: a }: { settingId: string; assessment: Assessment }) {
  const { api } = useSession();
  const { when } = useClock();
  const share = useAction();
  if (a.judgements.length === 0) return null;
  return (
    <section aria-labelledby="share-heading">
      <h2 id="share-heading">Share with the family</h2>
      <Done message={share.done} />
      {a.sharedAt ? (
        <p>{`Shared with ${a.firstName}'s parents ${when(a.sharedAt)}: they see this term's bands, and any judged later as they are made.`}</p>
      ) : (
        <>
      <p>{a.firstName}'s parents see the bands judged this term (never staff's notes) once you share it; judgements made later this term are shared as they are made.</p>
      <ErrorBox error={share.error} />
      <button
        type="button"
        className="primary"
        disabled={share.busy}
        onClick={() =>
          void share.run(
            () =>
              unwrap(
                api.POST("/v1/settings/{settingId}/children/{childId}/assessment/{term}/share", {
                  params: { path: { settingId, childId: a.childId, term: a.term } },
                  headers: idempotencyKey(),
                }),
              ),
            "Shared: the family can see this term's judgements.",
          )
        }
      >
        {share.busy ? "Please wait…" : "Share this term with the family"}
      </button>
        </>
      )}
    </section>
  );
}

function SencoReferral({ settingId, assessment: a }: { settingId: string; assessment: Assessment }) {
  const { api } = useSession();
  const manager = useMembership(settingId)?.role === "manager";
  const save = useAction();
  const { register, handleSubmit } = useForm<{ note: string }>({ values: { note: a.sencoReferral?.note ?? "" } });
  if (!manager) return null;
  const send = (note: string | null) =>
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/senco-referral", {
            params: { path: { settingId, childId: a.childId } },
            body: { note },
            headers: idempotencyKey(),
          }),
        ),
      note ? "Referred to the SENCo. Staff see the note; the family does not." : "The referral is withdrawn.",
    );
  return (
    <section aria-labelledby="senco-heading">
      <h2 id="senco-heading">Special educational needs</h2>
      <form onSubmit={handleSubmit((f) => send(f.note.trim()))}>
        <TextArea label="Why refer to the SENCo (staff only)" {...register("note", { required: true })} rows={3} maxLength={2000} />
        <ErrorBox error={save.error} />
        <Done message={save.done} />
        <Submit busy={save.busy}>{a.sencoReferral ? "Update the referral" : "Refer to the SENCo"}</Submit>
      </form>
      {a.sencoReferral && (
        <button type="button" disabled={save.busy} onClick={() => send(null)}>
          Withdraw the referral
        </button>
      )}
    </section>
  );
}

/** A parent's view: the term's judgements once the key person shared them, and the next steps. */
export function FamilyAssessmentPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const { day } = useClock();
  const state = useAssessment(settingId, childId, null);
  const journal = useApiQuery(keys.setting(settingId, "journal", childId, "next-steps"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/journal", { params: { path: { settingId, childId }, query: { limit: 20 } } })),
  );
  const nextSteps = (journal.data?.items ?? []).filter((e) => e.nextSteps).slice(0, 5);
  const a = state.data;
  return (
    <Page title={a ? `${a.firstName}'s development` : "Development"} back={{ to: setting(settingId), label: "Your children" }}>
      <Loaded state={state}>
        {(a) => (
          <>
            <section aria-labelledby="next-heading">
              <h2 id="next-heading">Next steps</h2>
              {nextSteps.length === 0 ? (
                <Empty>No next steps in {a.firstName}'s journal yet.</Empty>
              ) : (
                <ul>
                  {nextSteps.map((e) => (
                    <li key={e.entryId}>
                      <span className="written">{e.nextSteps}</span> <span className="hint">({day(e.publishedAt)})</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {a.progressCheck && (
              <p className="setup">
                <Link to={setting(settingId, `/children/${encodeURIComponent(childId)}/progress-check`)}>
                  {a.progressCheck === "signed-off" ? `${a.firstName}'s progress check at two: read and download it` : `${a.firstName}'s progress check at two: read it and add your view`}
                </Link>
              </p>
            )}
            <section aria-labelledby="summary-heading">
              <h2 id="summary-heading">{termWords(a.term)}</h2>
              {!a.framework || a.judgements.length === 0 ? (
                <Empty>{a.firstName}'s key person has not shared this term's assessment yet.</Empty>
              ) : (
                aspectsByArea(a.framework).map((group) => {
                  const judged = group.aspects.map((x) => ({ x, j: a.judgements.find((j) => j.aspect === x.aspect) })).filter((p) => p.j);
                  if (judged.length === 0) return null;
                  return (
                    <div key={group.area}>
                      <h3>{group.title}</h3>
                      <dl className="facts">
                        {judged.map(({ x, j }) => (
                          <Fragment key={x.aspect}>
                            <dt>{x.title}</dt>
                            <dd>{j!.bandTitle}</dd>
                          </Fragment>
                        ))}
                      </dl>
                    </div>
                  );
                })
              )}
              {a.framework && <p className="hint">Bands from {a.framework.title}: a practitioner's judgement of how your child is developing, not a test.</p>}
            </section>
          </>
        )}
      </Loaded>
    </Page>
  );
}
