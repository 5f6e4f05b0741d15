// Pieces of the news feed every role's pages share: a post as a card or in full, an event's
// facts, the rooms' names for staff, and the reads and links of the feed.
import { useId, type ComponentProps, type ReactNode } from "react";
import { Link } from "react-router";
import { unwrap, type Api } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting, type Role } from "../../routes";
import { useClock, useSession } from "../../session";
import { MediaGrid } from "../../ui/journal";
import { listRooms } from "../staff/shared";
import { audienceWords, eventWhen, placesWords, repliesWords, type EventView, type Post } from "./words";

export const newsPath = (settingId: string, rest = "") => setting(settingId, `/news${rest}`);
export const postPath = (settingId: string, postId: string) => newsPath(settingId, `/${encodeURIComponent(postId)}`);

/** The feed's messages carried to it from another page (a post written, one withdrawn). */
export type FeedNotice = { done?: string };

/** One page of the feed, published (everyone) or waiting for approval (staff). */
export function loadFeed(api: Api, settingId: string, status: "published" | "pending", cursor?: string) {
  return unwrap(
    api.GET("/v1/settings/{settingId}/posts", { params: { path: { settingId }, query: { status, limit: 20, ...(cursor ? { cursor } : {}) } } }),
  );
}

/**
 * The room names staff see on a post ("Acorns (babies)"); families are not given the rooms
 * list, so for them (and while it loads, or off the premises) there is none. The same read and
 * key as the staff screens' own list of rooms.
 */
export function useRoomNames(settingId: string, staff: boolean): ((id: string) => string | undefined) | undefined {
  const { api } = useSession();
  const rooms = useApiQuery(keys.setting(settingId, "rooms"), () => listRooms(api, settingId), { enabled: staff });
  if (!staff || !rooms.data) return undefined;
  const names = new Map(rooms.data.map((r) => [r.id, r.name]));
  return (id) => names.get(id);
}

const ROLE_WORDS: Record<Role, string> = { manager: "manager", practitioner: "practitioner", parent: "parent", family: "family member" };

/** The post's status and pin as tags; a published post says nothing of its status. */
function PostTags({ post }: { post: Post }) {
  return (
    <>
      {post.pinned && <span className="tag status-pinned">Pinned</span>}
      {post.status === "pending" && <span className="tag status-pending">Waiting for a manager's approval</span>}
      {post.status === "withdrawn" && <span className="tag status-revoked">Withdrawn</span>}
    </>
  );
}

/** Who wrote it, when, and for whom. */
export function PostByline({ post, roomName }: { post: Post; roomName?: (id: string) => string | undefined }) {
  const { when } = useClock();
  const at = post.publishedAt ?? post.createdAt;
  return (
    <p className="hint">
      By {post.author.name} ({ROLE_WORDS[post.authorRole]}) · {post.publishedAt ? "" : "written "}
      {when(at)} · For: {audienceWords(post.audience, roomName)}
    </p>
  );
}

/** When, where, what to bring, the places and the replies. */
export function EventFacts({ event }: { event: EventView }) {
  return (
    <div className="event">
      <dl className="facts wrap">
        <dt>When</dt>
        <dd>{eventWhen(event)}</dd>
        <dt>Where</dt>
        <dd>{event.place}</dd>
        {event.bring && (
          <>
            <dt>Bring</dt>
            <dd className="written">{event.bring}</dd>
          </>
        )}
        <dt>Places</dt>
        <dd>{placesWords(event)}</dd>
        <dt>Replies</dt>
        <dd>{repliesWords(event)}</dd>
      </dl>
    </div>
  );
}

/** A post's words, photos (or the "not shared" placeholder, as in the journal) and event. */
export function PostBody({ post, roomName }: { post: Post; roomName?: (id: string) => string | undefined }) {
  return (
    <>
      <PostByline post={post} roomName={roomName} />
      <p className="written wrap">{post.text}</p>
      <MediaGrid media={post.media} who={post.author.name} />
      {post.event && <EventFacts event={post.event} />}
    </>
  );
}

/** The post's heading: an event's title, or who it is from. */
export function postTitle(post: Post): string {
  return post.event ? post.event.title : `News from ${post.author.name}`;
}

/**
 * A post in the feed, named by its heading; `children` are what the reader may do with it
 * (the link to reply, to see the replies, to approve).
 */
export function PostCard({
  post,
  roomName,
  level = 3,
  children,
}: {
  post: Post;
  roomName?: (id: string) => string | undefined;
  level?: 2 | 3;
  children?: ReactNode;
}) {
  const headingId = useId();
  const H = level === 2 ? "h2" : "h3";
  return (
    <article className="entry post" aria-labelledby={headingId}>
      <header>
        <H id={headingId}>{postTitle(post)}</H>
        <span>
          <PostTags post={post} />
        </span>
      </header>
      <PostBody post={post} roomName={roomName} />
      {children}
    </article>
  );
}

/** The link from a card to the post's own page, in the words the reader's role needs. */
export function PostLink({ settingId, post, role }: { settingId: string; post: Post; role: Role }) {
  const staff = role === "manager" || role === "practitioner";
  const label = post.event
    ? staff
      ? "See the replies"
      : role === "parent" && post.event.repliesOpen
        ? "Reply"
        : "See the event"
    : "Open the post";
  return (
    <p>
      <Link to={postPath(settingId, post.postId)}>
        {label}
        <span className="visually-hidden">: {postTitle(post)}</span>
      </Link>
    </p>
  );
}

/** The tags as the post's page shows them, beside its title. */
export function PostStatus({ post }: { post: Post }) {
  if (!post.pinned && post.status === "published") return null;
  return (
    <p>
      <PostTags post={post} />
    </p>
  );
}

export function Radio({ label, ...input }: { label: string } & ComponentProps<"input">) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} {...input} type="radio" />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** The second step of withdrawing: says what will happen, then asks again (as the manager's screens do). */
export function Confirm({
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" role="group" aria-label="Please confirm">
      {children}
      <div className="actions">
        {/* Focus lands on Cancel: keyboard users reach the question, and one Enter never confirms. */}
        <button type="button" className="danger" disabled={busy} aria-busy={busy} onClick={onConfirm}>
          {busy ? "Please wait…" : confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </div>
  );
}
