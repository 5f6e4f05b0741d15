import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useChild } from "../parent/child";
import { aboutWords, clockWords, RECEIVED_BY } from "./words";

type Request = Schemas["RightsRequestView"];

function useRequests(settingId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "rights-requests"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/rights-requests", { params: { path: { settingId } } })),
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
                  <p>
                    Made on {day(r.receivedOn)}. {r.status === "open" ? `To be answered by ${day(r.dueOn)}.` : `Answered ${day(r.answered?.at)}: ${r.answered?.note ?? ""}`}
                  </p>
                  {r.extended && <p>Extended: {r.extended.note}</p>}
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
  const run = () =>
    void ask.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/rights-requests", { params: { path: { settingId, childId } }, body: {}, headers: idempotencyKey() }),
        ),
      `Your request about ${name} is made. The setting has one month to answer; you will be emailed.`,
    );
  return (
    <>
      {" "}
      <button type="button" onClick={run} disabled={ask.busy}>
        Ask for everything held about {name}
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
  const late = r.status === "open" && (r.daysLeft ?? 0) < 0;
  return (
    <li className="card" aria-label={`Request from ${r.requesterName} about ${aboutWords(r.about)}`}>
      <h2>
        {r.requesterName} about {aboutWords(r.about)}
      </h2>
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
        <p>
          Answered by {r.answered.by} on {day(r.answered.at)}: {r.answered.note}
        </p>
      )}
      <ErrorBox error={act.error} />
      <Done message={act.done} />
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
