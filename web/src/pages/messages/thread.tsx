// One thread: its messages oldest first, each with who wrote it and when, its photos, whether
// the other side has seen it (where the setting shows that), and a way for its sender to take
// it back in its first minutes; then the reply, for those who may write in it. Opening the
// thread marks it read (the API does so with the access-log line).
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation } from "react-router";
import { idempotencyKey, unwrap } from "../../api/client";
import { ACCEPTED_MEDIA, uploadMedia, whenMediaReady } from "../../api/media";
import { keys, useApiQuery } from "../../api/queries";
import { isStaff } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Checkbox, Done, ErrorBox, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { MediaGrid } from "../../ui/journal";
import { useRoomNames } from "../feed/shared";
import { messagesPath, type MessagesNotice } from "./shared";
import { aboutWords, isBroadcast, seenWords, staffToldWords, withWords, type Message, type Thread } from "./words";

export function ThreadPage({ settingId, threadId }: { settingId: string; threadId: string }) {
  const { api } = useSession();
  const role = useMembership(settingId)?.role ?? "parent";
  const staff = isStaff(role);
  const roomName = useRoomNames(settingId, staff);
  const notice = (useLocation().state as MessagesNotice | null)?.done ?? null;
  const state = useApiQuery(keys.setting(settingId, "thread", threadId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/threads/{threadId}", { params: { path: { settingId, threadId } } })),
  );
  const detail = state.data;
  return (
    <Page title={detail ? detail.thread.subject : "Message"} back={{ to: messagesPath(settingId), label: "Messages" }}>
      <Done message={notice} />
      <Loaded state={state}>
        {(d) => (
          <>
            <p className="hint">
              {withWords(d.thread, roomName)} · {aboutWords(d.thread, roomName, staff)}
              {d.messages.some((m) => m.urgent) && (
                <>
                  {" "}
                  <span className="tag status-pending">Urgent</span>
                </>
              )}
            </p>
            <section aria-label="Messages">
              {d.messages.map((m) => (
                <MessageCard key={m.messageId} settingId={settingId} threadId={threadId} message={m} />
              ))}
            </section>
            {d.thread.canReply ? (
              <ReplyForm settingId={settingId} thread={d.thread} />
            ) : isBroadcast(d.thread) && role === "parent" ? (
              <p>
                This message went to families. To answer the setting about your child,{" "}
                <Link to={messagesPath(settingId, "/new")}>write a message of your own</Link>.
              </p>
            ) : isBroadcast(d.thread) ? (
              <p className="hint">This message went to families; they answer in messages of their own.</p>
            ) : null}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function MessageCard({ settingId, threadId, message: m }: { settingId: string; threadId: string; message: Message }) {
  const { api, me } = useSession();
  const { when } = useClock();
  const own = m.author.userId === me.userId;
  const withdraw = useAction();
  const seen = own ? seenWords(m.readBy) : null;
  const doWithdraw = () =>
    void withdraw.run(
      () =>
        unwrap(
          api.DELETE("/v1/settings/{settingId}/threads/{threadId}/messages/{messageId}", {
            params: { path: { settingId, threadId, messageId: m.messageId } },
            headers: idempotencyKey(),
          }),
        ),
      "Withdrawn: nobody will see its words or be emailed about it.",
    );
  return (
    <article className={["message", own ? "own" : "", m.withdrawn ? "withdrawn" : ""].join(" ").trim()} aria-label={`${own ? "You" : m.author.name}, ${when(m.sentAt)}`}>
      <header>
        <strong>{own ? "You" : m.author.name}</strong>
        <span className="hint">{when(m.sentAt)}</span>
        {m.urgent && <span className="tag status-pending">Urgent</span>}
      </header>
      {m.withdrawn ? (
        <p>{own ? "You withdrew this message." : "This message was withdrawn by its sender."}</p>
      ) : (
        <>
          <p className="written wrap">{m.text}</p>
          <MediaGrid media={m.media} who={m.author.name} />
        </>
      )}
      {seen && <p className="hint">{seen}</p>}
      <Done message={withdraw.done} />
      <ErrorBox error={withdraw.error} />
      {m.mayWithdraw && (
        <div className="actions">
          <button type="button" disabled={withdraw.busy} aria-busy={withdraw.busy} onClick={doWithdraw}>
            {withdraw.busy ? "Please wait…" : "Withdraw this message"}
          </button>
          <span className="hint">You can take a message back in its first 10 minutes; nobody is emailed about it before then.</span>
        </div>
      )}
    </article>
  );
}

type ReplyFields = { text: string; urgent: boolean };

/** The reply: words, optional photos (checked before they are sent), and for managers "urgent". */
function ReplyForm({ settingId, thread }: { settingId: string; thread: Thread }) {
  const { api } = useSession();
  const { when } = useClock();
  const manager = useMembership(settingId)?.role === "manager";
  const { register, handleSubmit, reset } = useForm<ReplyFields>({ defaultValues: { text: "", urgent: false } });
  const [files, setFiles] = useState<File[]>([]);
  // A new key empties the file picker once its files are sent.
  const [picker, setPicker] = useState(0);
  const [told, setTold] = useState<string | null>(null);
  const send = useAction();
  // A photo is tagged with the child the thread is about, so the photo consent applies as in the journal.
  const child = thread.about.kind === "child" ? [thread.about.childId] : [];
  const onSend = (f: ReplyFields) =>
    void send
      .run(async () => {
        const mediaIds: string[] = [];
        for (const file of files) mediaIds.push(await uploadMedia(api, settingId, file, child, () => undefined));
        return whenMediaReady(() =>
          unwrap(
            api.POST("/v1/settings/{settingId}/threads/{threadId}/messages", {
              params: { path: { settingId, threadId: thread.threadId } },
              body: { text: f.text.trim(), mediaIds, urgent: manager && f.urgent },
              headers: idempotencyKey(),
            }),
          ),
        );
      }, "Sent.")
      .then((sent) => {
        if (!sent) return;
        reset();
        setFiles([]);
        setPicker((n) => n + 1);
        setTold(staffToldWords(sent.staffToldAt, when));
      });
  return (
    <section aria-labelledby="reply-heading">
      <h2 id="reply-heading">Reply</h2>
      <form onSubmit={handleSubmit(onSend)}>
        <TextArea label="Your reply" {...register("text", { required: true })} required maxLength={5000} rows={4} />
        <div className="field">
          <label htmlFor="reply-photos">Photos or videos (optional, up to 5)</label>
          <input
            key={picker}
            id="reply-photos"
            type="file"
            multiple
            accept={ACCEPTED_MEDIA}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 5))}
          />
        </div>
        {manager && <Checkbox label="Urgent: email the family now, whatever their email choice (recorded in the access log)" {...register("urgent")} />}
        <ErrorBox error={send.error} />
        <Done message={send.done && (told ?? send.done)} />
        <Submit busy={send.busy}>Send reply</Submit>
      </form>
    </section>
  );
}
