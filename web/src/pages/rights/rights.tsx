import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { saveFrom } from "../../ui/download";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useChild } from "../parent/child";
import { aboutWords, clockWords, exportBusy, exportWords, kindWords, RECEIVED_BY } from "./words";

type Request = Schemas["RightsRequestView"];

/** While an export is gathered or made the list is read again every few seconds. */
const WHILE_MAKING_MS = 3000;

function useRequests(settingId: string) {
  const { api } = useSession();
  return useApiQuery(
    keys.setting(settingId, "rights-requests"),
    () => unwrap(api.GET("/v1/settings/{settingId}/rights-requests", { params: { path: { settingId } } })),
    { poll: (page) => (page?.items.some((r) => exportBusy(r.export)) ? WHILE_MAKING_MS : false) },
  );
}

/** The released files' buttons, while they are kept. */
function ExportDownloads({ settingId, request: r }: { settingId: string; request: Request }) {
  const { api } = useSession();
  const { day } = useClock();
  const download = useAction({ changes: false });
  const until = r.export?.availableUntil;
  if (r.export?.status !== "released" || !until) return null;
  if (new Date(until) <= new Date()) return <p>The files are no longer kept.</p>;
  const save = (format: "pdf" | "archive") =>
    void download.run(async () => {
      const { url } = await unwrap(
        api.GET("/v1/settings/{settingId}/rights-requests/{requestId}/export/download", {
          params: { path: { settingId, requestId: r.requestId }, query: { format } },
        }),
      );
      saveFrom(url);
    });
  return (
    <>
      <ErrorBox error={download.error} />
      <p>Available until {day(until)}.</p>
      <p className="actions">
        <button type="button" onClick={() => save("pdf")} disabled={download.busy}>
          Download the PDF
        </button>{" "}
        <button type="button" onClick={() => save("archive")} disabled={download.busy}>
          Download the archive
        </button>
      </p>
    </>
  );
}

/** A family's or a practitioner's own requests, and asking for one. */
export function YourDataPage({ settingId }: { settingId: string }) {
  const { api, me } = useSession();
  const { day } = useClock();
  const membership = me.memberships.find((m) => m.settingId === settingId);
  // A parent asks about a child through a live link with parental responsibility (the API decides).
  const children = membership?.role === "parent" ? membership.linkedChildren.filter((c) => c.status === "active" && c.access === "parent") : [];
  const requests = useRequests(settingId);
  const ask = useAction();
  const aboutMe = () =>
    void ask.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/rights-requests", { params: { path: { settingId } }, body: {}, headers: idempotencyKey() })),
      "Your request is made. The setting has one month to answer; you will be emailed.",
    );
  return (
    <Page title="Your data">
      <p>
        You have the right to a copy of everything the setting holds about you{children.length ? " and your children" : ""}: records, the journal,
        messages and the access log. The setting must answer within one month (two more months at most, if it tells you why).
      </p>
      <ErrorBox error={ask.error} />
      <Done message={ask.done} />
      <p className="actions">
        <button type="button" onClick={aboutMe} disabled={ask.busy}>
          Ask for everything held about me
        </button>
        {children.map((c) => (
          <AskAboutChild key={c.childId} settingId={settingId} childId={c.childId} ask={ask} />
        ))}
      </p>
      <h2>Your requests</h2>
      <Loaded state={requests}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>None yet.</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((r) => (
                <li key={r.requestId} className="card" aria-label={`Request about ${aboutWords(r.about)}`}>
                  <h3>About {aboutWords(r.about)}</h3>
                  <p>{kindWords(r.requestKind)}.</p>
                  {/* An answer's paragraphs (an erasure's plan) keep their breaks. */}
                  <p className="answer">
                    Made on {day(r.receivedOn)}. {r.status === "open" ? `To be answered by ${day(r.dueOn)}.` : `Answered ${day(r.answered?.at)}: ${r.answered?.note ?? ""}`}
                  </p>
                  {r.extended && <p>Extended: {r.extended.note}</p>}
                  {r.export && <p role="status">{exportWords(r.export, false)}</p>}
                  <ExportDownloads settingId={settingId} request={r} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function AskAboutChild({ settingId, childId, ask }: { settingId: string; childId: string; ask: ReturnType<typeof useAction> }) {
  const { api } = useSession();
  const child = useChild(settingId, childId);
  if (!child.data) return null;
  const name = child.data.firstName;
  const run = (requestKind: Schemas["RightsRequestKind"]) =>
    void ask.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/rights-requests", {
            params: { path: { settingId, childId } },
            body: { requestKind },
            headers: idempotencyKey(),
          }),
        ),
      requestKind === "erasure"
        ? `Your request to erase ${name}'s records is made. The setting has one month to answer; you will be emailed.`
        : `Your request about ${name} is made. The setting has one month to answer; you will be emailed.`,
    );
  return (
    <>
      {" "}
      <button type="button" onClick={() => run("access")} disabled={ask.busy}>
        Ask for everything held about {name}
      </button>{" "}
      <button type="button" onClick={() => run("erasure")} disabled={ask.busy}>
        Ask for {name}'s records to be erased
      </button>
    </>
  );
}

/** The managers' register of requests: each one's clock, logging one received another way. */
export function DataRequestsPage({ settingId }: { settingId: string }) {
  const requests = useRequests(settingId);
  return (
    <Page title="Data requests">
      <p>
        Subject access requests: everything held about a person or a child, to be answered within one month of receipt, extendable once by two
        months with a reason given within the first month. You are emailed a week before each is due, on the day and if it is overdue.
      </p>
      <Loaded state={requests}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No requests.</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((r) => (
                <RequestCard key={`${r.requestId}-${r.version}`} settingId={settingId} request={r} />
              ))}
            </ul>
          )
        }
      </Loaded>
      <LogRequest settingId={settingId} />
    </Page>
  );
}

type NoteForm = { note: string };

function RequestCard({ settingId, request: r }: { settingId: string; request: Request }) {
  const { api } = useSession();
  const { day } = useClock();
  const act = useAction();
  const extend = useForm<NoteForm>({ defaultValues: { note: "" } });
  const answer = useForm<NoteForm>({ defaultValues: { note: "" } });
  const path = { params: { path: { settingId, requestId: r.requestId } } };
  const doExtend = extend.handleSubmit((body) =>
    act.run(() => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/extend", { ...path, body, headers: idempotencyKey() })), "Extended."),
  );
  const doAnswer = answer.handleSubmit((body) =>
    act.run(() => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/answer", { ...path, body, headers: idempotencyKey() })), "Recorded as answered."),
  );
  const gather = () =>
    void act.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/export", { ...path, headers: idempotencyKey() })),
      "Gathering everything held: it appears here when it is ready to review.",
    );
  const late = r.status === "open" && (r.daysLeft ?? 0) < 0;
  // Nothing is held under the name of someone without an account: such a request is answered by hand.
  const gatherable = r.requestKind === "access" && (r.about.kind === "child" || !!r.about.userId);
  const erasure = useForm<NoteForm>({ defaultValues: { note: "" } });
  const doErase = erasure.handleSubmit((body) =>
    act.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/erasure", { ...path, body, headers: idempotencyKey() })),
      "Approved: what the law does not require is erased tonight.",
    ),
  );
  const review = setting(settingId, `/data-requests/${encodeURIComponent(r.requestId)}`);
  return (
    <li className="card" aria-label={`Request from ${r.requesterName} about ${aboutWords(r.about)}`}>
      <h2>
        {r.requesterName} about {aboutWords(r.about)}
      </h2>
      <p>{kindWords(r.requestKind)}.</p>
      <p>
        Received {day(r.receivedOn)} ({r.receivedBy === "app" ? "in the app" : r.receivedBy.replace("-", " ")}). To answer by {day(r.dueOn)}:{" "}
        {late ? <strong>{clockWords(r).toLowerCase()}</strong> : clockWords(r).toLowerCase()}.
      </p>
      {r.extended && (
        <p>
          Extended by {r.extended.by}: {r.extended.note}
        </p>
      )}
      {r.answered && (
        <p className="answer">
          Answered by {r.answered.by} on {day(r.answered.at)}: {r.answered.note}
        </p>
      )}
      <ErrorBox error={act.error} />
      <Done message={act.done} />
      {r.export && <p role="status">{exportWords(r.export, true)}</p>}
      {r.export?.status === "review" && (
        <p>
          <Link to={review}>Review the export</Link>
        </p>
      )}
      <ExportDownloads settingId={settingId} request={r} />
      {r.status === "open" && !r.export && gatherable && (
        <p className="actions">
          <button type="button" onClick={gather} disabled={act.busy}>
            Gather everything held
          </button>
        </p>
      )}
      {r.status === "open" && r.requestKind === "erasure" && (
        <form onSubmit={doErase} aria-label="Approve the erasure">
          <p>
            Everything no law requires you to keep is erased at tonight's run; what must be kept is listed in the answer with the law behind it
            and the day it goes. The child must have left.
          </p>
          <TextArea label="Anything the person should know" required {...erasure.register("note", { required: true })} />
          <Submit busy={act.busy}>Approve the erasure</Submit>
        </form>
      )}
      {r.status === "open" && (
        <>
          {!r.extended && (
            <form onSubmit={doExtend} aria-label="Extend by two months">
              <TextArea label="Why more time is needed (the person is told)" required {...extend.register("note", { required: true })} />
              <Submit busy={act.busy}>Extend by two months</Submit>
            </form>
          )}
          <form onSubmit={doAnswer} aria-label="Record the answer">
            <TextArea label="How it was answered, and anything withheld and why" required {...answer.register("note", { required: true })} />
            <Submit busy={act.busy}>Record as answered</Submit>
          </form>
        </>
      )}
    </li>
  );
}

type LogForm = { requesterName: string; requesterEmail: string; receivedOn: string; receivedBy: Schemas["ReceivedBy"] };

/** A request that came by email, letter, phone or in person. */
function LogRequest({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { today } = useClock();
  const log = useAction();
  const { register, handleSubmit, reset } = useForm<LogForm>({ defaultValues: { requesterName: "", requesterEmail: "", receivedOn: today(), receivedBy: "email" } });
  const submit = handleSubmit(async (form) => {
    const made = await log.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/rights-requests", {
            params: { path: { settingId } },
            body: { ...form, requesterEmail: form.requesterEmail || undefined },
            headers: idempotencyKey(),
          }),
        ),
      "Logged: the month runs from the day it was received.",
    );
    if (made) reset();
  });
  return (
    <form onSubmit={submit} aria-label="Log a request received another way">
      <h2>Log a request received another way</h2>
      <ErrorBox error={log.error} />
      <Done message={log.done} />
      <Field label="Who made it" required maxLength={100} {...register("requesterName", { required: true })} />
      <Field label="Their email address (optional)" type="email" {...register("requesterEmail")} />
      <Field label="Received on" type="date" required {...register("receivedOn", { required: true })} />
      <Select label="Received by" options={RECEIVED_BY} {...register("receivedBy")} />
      <Submit busy={log.busy}>Log the request</Submit>
    </form>
  );
}

/** A manager's review of a gathered export: every item with its content and whom else it names;
 * an item holding other people's data is withheld with a reason; then the rest is released. */
export function ExportReviewPage({ settingId, requestId }: { settingId: string; requestId: string }) {
  const { api } = useSession();
  const path = { params: { path: { settingId, requestId } } };
  const review = useApiQuery(keys.setting(settingId, "rights-requests", requestId, "export"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/rights-requests/{requestId}/export", path)),
  );
  const act = useAction();
  const release = () =>
    void act.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/export/release", { ...path, headers: idempotencyKey() })),
      "Released: the files are being made; the request is answered and the person told when they are ready.",
    );
  const again = () =>
    void act.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/export", { ...path, headers: idempotencyKey() })),
      "Gathering again (your decisions on items found again are kept).",
    );
  const back = { to: setting(settingId, "/data-requests"), label: "Data requests" };
  return (
    <Page title="Review the export" back={back}>
      <ErrorBox error={act.error} />
      <Done message={act.done} />
      <Loaded state={review}>
        {(page) => {
          const e = page.request.export;
          const inReview = e?.status === "review";
          return (
            <>
              <p>
                {page.request.requesterName} asked for everything held about {aboutWords(page.request.about)}. Read each item; withhold an item
                that holds someone else's personal data, with the reason the person will read. Withheld items are listed in the files by kind,
                date and reason, never their content.
              </p>
              {e && <p role="status">{exportWords(e, true)}</p>}
              {inReview && (
                <p className="actions">
                  <button type="button" onClick={release} disabled={act.busy}>
                    Release {e.items - e.withheld} items
                  </button>{" "}
                  <button type="button" onClick={again} disabled={act.busy}>
                    Gather again
                  </button>
                </p>
              )}
              {page.items.length === 0 ? (
                <Empty>Nothing was found.</Empty>
              ) : (
                <ul className="cards">
                  {page.items.map((item) => (
                    <ReviewCard key={`${item.itemId}-${item.withheld?.reason ?? ""}`} settingId={settingId} requestId={requestId} item={item} editable={inReview} />
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

type Item = Schemas["ReviewItem"];

function ReviewCard({ settingId, requestId, item, editable }: { settingId: string; requestId: string; item: Item; editable: boolean }) {
  const { api } = useSession();
  const { day } = useClock();
  const act = useAction();
  const form = useForm<{ reason: string }>({ defaultValues: { reason: "" } });
  const path = { params: { path: { settingId, requestId } } };
  const decide = (reason: string | undefined, done: string) =>
    act.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/rights-requests/{requestId}/export/withhold", {
            ...path,
            body: { itemId: item.itemId, reason },
            headers: idempotencyKey(),
          }),
        ),
      done,
    );
  const withhold = form.handleSubmit(({ reason }) => decide(reason, "Withheld."));
  return (
    <li className="card" aria-label={`${item.kindTitle}: ${item.title}`}>
      <h2>
        {item.title} <small>({item.kindTitle}, {day(item.date)})</small>
      </h2>
      {item.others.length > 0 && <p>Also names: {item.others.join(", ")}</p>}
      {item.media > 0 && <p>{item.media === 1 ? "1 photo or video" : `${item.media} photos or videos`}</p>}
      <details>
        <summary>What it holds</summary>
        <dl>
          {item.lines.map((l, i) => (
            <div key={i}>
              <dt>{l.label}</dt>
              <dd>{l.text}</dd>
            </div>
          ))}
        </dl>
      </details>
      <ErrorBox error={act.error} />
      <Done message={act.done} />
      {item.withheld ? (
        <>
          <p>
            <strong>Withheld</strong> by {item.withheld.by}: {item.withheld.reason}
          </p>
          {editable && (
            <button type="button" onClick={() => void decide(undefined, "Released again.")} disabled={act.busy}>
              Release it again
            </button>
          )}
        </>
      ) : (
        editable && (
          <form onSubmit={withhold} aria-label={`Withhold ${item.title}`}>
            <TextArea label="Why it is withheld (the person reads this)" required {...form.register("reason", { required: true })} />
            <Submit busy={act.busy}>Withhold</Submit>
          </form>
        )
      )}
    </li>
  );
}
