// One post: for a parent, a reply per child to an event; for staff, who replied and who has
// not; for its author and the managers, pinning, withdrawing and (managers) approving.
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { useNavigate } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useMembership, useSession } from "../../session";
import { Done, Empty, ErrorBox, Loaded, Page, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Confirm, newsPath, PostBody, PostStatus, postTitle, Radio, useRoomNames, type FeedNotice } from "./shared";
import { ANSWERS, answerWords, type Answer } from "./words";

type Detail = Schemas["PostDetail"];
type Reply = Schemas["ReplyView"];

export function PostPage({ settingId, postId }: { settingId: string; postId: string }) {
  const { api } = useSession();
  const role = useMembership(settingId)?.role ?? "parent";
  const staff = role === "manager" || role === "practitioner";
  const roomName = useRoomNames(settingId, staff);
  const state = useApiQuery(keys.setting(settingId, "post", postId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/posts/{postId}", { params: { path: { settingId, postId } } })),
  );
  const post = state.data;
  return (
    <Page title={post ? postTitle(post) : "News"} back={{ to: newsPath(settingId), label: "News" }}>
      <Loaded state={state}>
        {(post) => (
          <>
            <PostStatus post={post} />
            <PostBody post={post} roomName={roomName} />
            {post.event &&
              (staff ? (
                <ReplyTable post={post} roomName={roomName} />
              ) : role === "parent" ? (
                <ParentReplies settingId={settingId} post={post} />
              ) : (
                <p>Each child's parents reply to events for them.</p>
              ))}
            {staff && <Manage settingId={settingId} post={post} />}
          </>
        )}
      </Loaded>
    </Page>
  );
}

/** A parent's reply for each of their children the event is for. */
function ParentReplies({ settingId, post }: { settingId: string; post: Detail }) {
  return (
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading">Your replies</h2>
      {!post.event?.repliesOpen && <p>Replies to this event have closed; your answers below stay as they were.</p>}
      {post.replies.length === 0 && <Empty>This event is not for any of your children.</Empty>}
      {[...post.replies]
        .sort((a, b) => a.firstName.localeCompare(b.firstName))
        .map((reply) => (
          <ReplyFor key={reply.childId} settingId={settingId} post={post} reply={reply} />
        ))}
    </section>
  );
}

type ReplyForm = { answer: Answer | ""; note: string };

/** One child's reply: the answer now, and the form to give or change it. */
function ReplyFor({ settingId, post, reply }: { settingId: string; post: Detail; reply: Reply }) {
  const { api } = useSession();
  const { when } = useClock();
  const headingId = useId();
  // Here, not in the form: a saved reply reloads the post and starts the form afresh, and the message stays.
  const save = useAction();
  const open = post.event?.repliesOpen ?? false;
  const onSave = ({ answer, note }: ReplyForm) => {
    if (!answer) return;
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/posts/{postId}/replies/{childId}", {
            params: { path: { settingId, postId: post.postId, childId: reply.childId } },
            body: { answer, ...(note.trim() ? { note: note.trim() } : {}) },
            headers: idempotencyKey(),
          }),
        ),
      `Reply saved for ${reply.firstName}: ${answerWords(answer)}.`,
    );
  };
  return (
    <section className="entry" aria-labelledby={headingId}>
      <h3 id={headingId}>{`Reply for ${reply.firstName}`}</h3>
      <p>
        <strong>{`Your answer: ${reply.answer ? answerWords(reply.answer) : "not replied yet"}`}</strong>
        {reply.repliedBy && reply.repliedAt && (
          <span className="hint">
            {" "}
            ({reply.repliedBy.name}, {when(reply.repliedAt)})
          </span>
        )}
      </p>
      {reply.note && (
        <p>
          <strong>Note:</strong> <span className="written">{reply.note}</span>
        </p>
      )}
      <Done message={save.done} />
      {/* Keyed by version: a saved reply starts the fields from what was saved. */}
      {open && <ReplyFields key={reply.version ?? 0} post={post} reply={reply} save={save} onSave={onSave} />}
    </section>
  );
}

function ReplyFields({
  post,
  reply,
  save,
  onSave,
}: {
  post: Detail;
  reply: Reply;
  save: ReturnType<typeof useAction>;
  onSave: (f: ReplyForm) => void;
}) {
  const { register, handleSubmit, control } = useForm<ReplyForm>({ defaultValues: { answer: reply.answer ?? "", note: reply.note ?? "" } });
  const answer = useWatch({ control, name: "answer" });
  const full = post.event?.capacity != null && (post.event.placesLeft ?? 0) <= 0 && reply.answer !== "yes";
  return (
    <form onSubmit={handleSubmit(onSave)}>
      <fieldset>
        <legend>{`Is ${reply.firstName} coming?`}</legend>
        {ANSWERS.map((a) => (
          <Radio key={a.value} label={a.label} value={a.value} {...register("answer", { required: true })} />
        ))}
      </fieldset>
      {full && <p className="hint">There are no places left, so "Yes" cannot be taken; you can still answer "No" or "Maybe".</p>}
      <TextArea label="Note for the setting (optional)" {...register("note")} rows={2} maxLength={500} />
      <ErrorBox error={save.error} />
      <button type="submit" className="primary" disabled={save.busy || !answer} aria-busy={save.busy}>
        {save.busy ? "Please wait…" : reply.answer ? "Change reply" : "Send reply"}
      </button>
    </form>
  );
}

/** Staff: every child the event is for, replied or not, with the counts. */
function ReplyTable({ post, roomName }: { post: Detail; roomName?: (id: string) => string | undefined }) {
  const { when } = useClock();
  const counts = post.replyCounts;
  const rows = [...post.replies].sort((a, b) => a.firstName.localeCompare(b.firstName));
  return (
    <section aria-labelledby="replies-heading">
      <h2 id="replies-heading">Replies</h2>
      {counts && (
        <p>
          <span className="visually-hidden">Reply counts: </span>
          <span className="tag status-approved">Yes: {counts.yes}</span>
          <span className="tag">Maybe: {counts.maybe}</span>
          <span className="tag status-rejected">No: {counts.no}</span>
          <span className="tag status-pending">Not replied: {counts.notReplied}</span>
        </p>
      )}
      {rows.length === 0 ? (
        <Empty>No child is in the rooms this event is for.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Replies table (scroll sideways on small screens)">
          <table>
            <caption className="visually-hidden">Replies for each child</caption>
            <thead>
              <tr>
                <th scope="col">Child</th>
                <th scope="col">Room</th>
                <th scope="col">Answer</th>
                <th scope="col">Note</th>
                <th scope="col">Replied by</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.childId}>
                  <th scope="row">{r.firstName || "A child no longer on the roll"}</th>
                  <td>{roomName?.(r.roomId) ?? ""}</td>
                  <td>{answerWords(r.answer)}</td>
                  <td className="written wrap">{r.note ?? ""}</td>
                  <td>{r.repliedBy ? `${r.repliedBy.name}, ${when(r.repliedAt)}` : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** What the author or a manager may do with the post: approve (managers), pin, withdraw. */
function Manage({ settingId, post }: { settingId: string; post: Detail }) {
  const { api, me } = useSession();
  const role = useMembership(settingId)?.role;
  const navigate = useNavigate();
  const manager = role === "manager";
  const author = post.author.userId === me.userId;
  const action = useAction();
  const [asking, setAsking] = useState(false);
  if (!(manager || author) || post.status === "withdrawn") return null;
  const path = { settingId, postId: post.postId };

  const approve = () =>
    void action.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/posts/{postId}/approve", { params: { path }, headers: idempotencyKey() })),
      "Approved: the post is published, and families can see it now.",
    );
  const pin = (pinned: boolean) =>
    void action.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/posts/{postId}/pinned", { params: { path }, body: { pinned }, headers: idempotencyKey() })),
      pinned
        ? post.status === "pending"
          ? "Pinned: it goes to the top of the feed once approved."
          : "Pinned: it is shown at the top of the feed."
        : "Unpinned: it takes its place among the other posts.",
    );
  const withdraw = () =>
    void action
      .run(() => unwrap(api.DELETE("/v1/settings/{settingId}/posts/{postId}", { params: { path }, headers: idempotencyKey() })))
      .then((done) => {
        if (!done) return;
        const notice: FeedNotice = { done: "Withdrawn: nobody sees the post any more. It is kept in the setting's records." };
        navigate(newsPath(settingId), { state: notice });
      });

  return (
    <section aria-labelledby="manage-heading">
      <h2 id="manage-heading">{author ? "Your post" : "Manage this post"}</h2>
      <Done message={action.done} />
      <ErrorBox error={action.error} />
      <div className="actions">
        {manager && post.status === "pending" && (
          <button type="button" className="primary" disabled={action.busy} onClick={approve}>
            Approve
          </button>
        )}
        <button type="button" disabled={action.busy} onClick={() => pin(!post.pinned)}>
          {post.pinned ? "Unpin" : "Pin to the top of the feed"}
        </button>
        {!asking && (
          <button type="button" className="danger" disabled={action.busy} onClick={() => setAsking(true)}>
            Withdraw…
          </button>
        )}
      </div>
      {asking && (
        <Confirm confirmLabel="Yes, withdraw this post" busy={action.busy} onConfirm={withdraw} onCancel={() => setAsking(false)}>
          <p>
            Withdrawing takes the post out of the feed for everyone{post.event ? ", and its event takes no more replies" : ""}. It is kept in the
            setting's records, and cannot be put back.
          </p>
        </Confirm>
      )}
    </section>
  );
}
