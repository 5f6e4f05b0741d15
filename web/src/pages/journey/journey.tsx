import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { saveFrom } from "../../ui/download";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Submit } from "../../ui/components";
import { useChild } from "../parent/child";
import { journeyFacts } from "./words";

type Journey = Schemas["JourneyView"];

/** While a journey is being made the list is read again every few seconds. */
const WHILE_MAKING_MS = 3000;

export function JourneyPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api, me } = useSession();
  const { day, when, today } = useClock();
  const manager = me.memberships.find((m) => m.settingId === settingId)?.role === "manager";
  const child = useChild(settingId, childId);
  const path = { params: { path: { settingId, childId } } };
  const journeys = useApiQuery(
    keys.setting(settingId, "journeys", childId),
    () => unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/journeys", path)),
    { poll: (page) => (page?.items.some((j) => j.status === "pending") ? WHILE_MAKING_MS : false) },
  );
  const ask = useAction();
  const download = useAction({ changes: false });
  const firstName = child.data?.firstName ?? "Your child";
  const make = () =>
    void ask.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/journeys", { ...path, headers: idempotencyKey() })),
      `It is being made. We will email ${manager ? "the parents" : "you"} when it is ready; it also appears below.`,
    );
  const save = (journey: Journey, format: "pdf" | "archive") =>
    void download.run(async () => {
      const { url } = await unwrap(
        api.GET("/v1/settings/{settingId}/children/{childId}/journeys/{day}", {
          params: { path: { settingId, childId, day: journey.day }, query: { format } },
        }),
      );
      saveFrom(url);
    });
  const back = manager
    ? { to: setting(settingId, `/children/${encodeURIComponent(childId)}`), label: firstName }
    : { to: setting(settingId, `/children/${encodeURIComponent(childId)}/journal`), label: "Journal" };
  return (
    <Page title={`${firstName}'s learning journey`} back={back}>
      <p>
        Every observation and everything added from home, in order, with the photos and videos and the comments{" "}
        {manager ? "the family can read" : "you can read"}: as a PDF to keep or print, and as an archive of the PDF, the same content as data
        (JSON) and the original photos and videos. A photo that shows another child whose family did not agree to it is left out.
      </p>
      <ErrorBox error={ask.error} />
      <Done message={ask.done} />
      {/* One a day: today's is in the list (the API refuses a second, 409). */}
      {journeys.data?.items.some((j) => j.day === today()) ? (
        <p>Today's is below; another can be made from tomorrow.</p>
      ) : (
        <p className="actions">
          <button type="button" onClick={make} disabled={ask.busy || journeys.loading}>
            Make {firstName}'s learning journey
          </button>
        </p>
      )}
      <h2>Made</h2>
      <ErrorBox error={download.error} />
      <Loaded state={journeys}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>None yet.</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((j) => (
                <li key={j.day} className="card" aria-label={`Learning journey of ${day(j.day)}`}>
                  <h3>Asked for on {day(j.day)}</h3>
                  <p>
                    By {j.requestedBy}, {when(j.requestedAt)}.
                  </p>
                  {j.status === "pending" ? (
                    <p role="status">Being made…</p>
                  ) : (
                    <>
                      <p>{journeyFacts(j)}</p>
                      {j.availableUntil && new Date(j.availableUntil) > new Date() ? (
                        <>
                          <p>Available until {day(j.availableUntil)}.</p>
                          <p className="actions">
                            <button type="button" onClick={() => save(j, "pdf")} disabled={download.busy}>
                              Download the PDF
                            </button>{" "}
                            <button type="button" onClick={() => save(j, "archive")} disabled={download.busy}>
                              Download the archive
                            </button>
                          </p>
                        </>
                      ) : (
                        <p>No longer kept: make a new one.</p>
                      )}
                      <Transfers journey={j} />
                      {manager && j.availableUntil && new Date(j.availableUntil) > new Date() && (
                        <SendOn settingId={settingId} childId={childId} journey={j} destination={child.data?.leaving?.destination ?? ""} />
                      )}
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {!manager && (
        <p>
          <Link to={setting(settingId, `/children/${encodeURIComponent(childId)}/journal`)}>Back to the journal</Link>
        </p>
      )}
    </Page>
  );
}

/** Where the journey was sent on, and whether the link was used. */
function Transfers({ journey }: { journey: Journey }) {
  const { day, when } = useClock();
  if (journey.transfers.length === 0) return null;
  return (
    <>
      <h4>Sent on</h4>
      <ul>
        {journey.transfers.map((t) => (
          <li key={t.transferId}>
            To {t.receiver} ({t.to}) by {t.sentBy}, {when(t.sentAt)}:{" "}
            {t.downloadedAt ? `downloaded ${when(t.downloadedAt)}.` : new Date(t.expiresAt) > new Date() ? `link open until ${day(t.expiresAt)}.` : "the link expired unused."}
          </li>
        ))}
      </ul>
    </>
  );
}

type SendForm = { receiver: string; to: string };

/** A manager sends the journey to the next school or setting: one link, used once. */
function SendOn({ settingId, childId, journey, destination }: { settingId: string; childId: string; journey: Journey; destination: string }) {
  const { api } = useSession();
  const send = useAction();
  const { register, handleSubmit, reset } = useForm<SendForm>({ values: { receiver: destination, to: "" } });
  const submit = handleSubmit(async (form) => {
    const sent = await send.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/journeys/{day}/transfers", {
            params: { path: { settingId, childId, day: journey.day } },
            body: form,
            headers: idempotencyKey(),
          }),
        ),
      `Sent to ${form.receiver}: the link works once, until the date shown.`,
    );
    if (sent) reset({ receiver: destination, to: "" });
  });
  return (
    <form onSubmit={submit} aria-label="Send to the next school or setting">
      <h4>Send to the next school or setting</h4>
      <ErrorBox error={send.error} />
      <Done message={send.done} />
      <Field label="School or setting" required maxLength={120} {...register("receiver", { required: true })} />
      <Field label="Their email address" type="email" required {...register("to", { required: true })} />
      <Submit busy={send.busy}>Send the link</Submit>
    </form>
  );
}
