// Pieces of the messages pages: their paths, the inbox read, and a thread as a line of the inbox.
import { Link } from "react-router";
import { unwrap, type Api } from "../../api/client";
import { setting } from "../../routes";
import { useClock } from "../../session";
import { aboutWords, countWords, isBroadcast, withWords, type Thread } from "./words";

export const messagesPath = (settingId: string, rest = "") => setting(settingId, `/messages${rest}`);
export const threadPath = (settingId: string, threadId: string) => messagesPath(settingId, `/${encodeURIComponent(threadId)}`);

/** A parent's new message about one of their child's points, to its first contact (read back by `pointIntent`). */
export function pointMessagePath(settingId: string, childId: string, pointId: string, subject: string): string {
  const search = new URLSearchParams({ child: childId, to: "point-contact", pointId, subject });
  return messagesPath(settingId, `/new?${search.toString()}`);
}

/** What a page carries to the next one (a message sent: what became of it). */
export type MessagesNotice = { done?: string };

/** One page of the caller's inbox, newest activity first. */
export function loadInbox(api: Api, settingId: string, cursor?: string) {
  return unwrap(api.GET("/v1/settings/{settingId}/threads", { params: { path: { settingId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } } }));
}

/** A thread as a line of the inbox: its subject (the link), whom it is with and about, and what is new. */
export function ThreadCard({
  settingId,
  thread,
  roomName,
  staff,
}: {
  settingId: string;
  thread: Thread;
  roomName?: (id: string) => string | undefined;
  staff: boolean;
}) {
  const { when } = useClock();
  return (
    <li className={thread.unread ? "card unread" : "card"}>
      <Link to={threadPath(settingId, thread.threadId)}>
        {thread.subject}
        {thread.unread && <span className="visually-hidden"> (new)</span>}
      </Link>
      <p>
        {thread.unread && <span className="tag status-pending">New</span>}
        {isBroadcast(thread) && <span className="tag">To families</span>}
        <span className="hint">
          {withWords(thread, roomName)} · {aboutWords(thread, roomName, staff)}
        </span>
      </p>
      <p className="hint">
        {countWords(thread.messageCount, "message", "messages")} · last {when(thread.lastMessageAt)}
      </p>
    </li>
  );
}
