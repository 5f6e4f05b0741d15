// Messages' words, kept apart from the screens so they are tested on their own (words.test.ts):
// whom a thread is with and about, what the recipient count means, when staff will hear of a
// family's message, and the setting's opening hours.
import type { Schemas } from "../../api/client";

export type Thread = Schemas["ThreadView"];
export type Message = Schemas["MessageView"];
export type Recipients = Schemas["RecipientCount"];
export type ParentTo = Schemas["ParentWritesTo"];
export type OpeningHours = Schemas["OpeningHoursRecord"];

/** Whom a parent may write to about their child. */
export const PARENT_TARGETS: { value: ParentTo; label: (keyPerson?: string) => string }[] = [
  { value: "key-person", label: (keyPerson) => (keyPerson ? `${keyPerson}, the key person` : "The key person") },
  { value: "room", label: () => "The room's staff" },
  { value: "managers", label: () => "The managers" },
];

/** A parent's message about a point: the child, the point, and the subject to start from. */
export type PointIntent = { childId: string; pointId: string; subject: string };

/**
 * The point a new message is about, from the page's address (`?child=&to=point-contact&pointId=&subject=`,
 * as a point's link writes it); null for an ordinary message.
 */
export function pointIntent(search: URLSearchParams): PointIntent | null {
  const childId = search.get("child")?.trim();
  const pointId = search.get("pointId")?.trim();
  if (search.get("to") !== "point-contact" || !childId || !pointId) return null;
  // The subject field takes at most 120 characters.
  return { childId, pointId, subject: (search.get("subject") ?? "").trim().slice(0, 120) };
}

/**
 * What a thread is about: a child's name, a room's families, or every family. Staff are shown
 * which household a separated family's thread is with (`staff`).
 */
export function aboutWords(thread: Pick<Thread, "about" | "childName">, roomName?: (id: string) => string | undefined, staff = false): string {
  const about = thread.about;
  switch (about.kind) {
    case "child": {
      const household = staff && about.household != null ? ` (household ${about.household})` : "";
      return (thread.childName ? `About ${thread.childName}` : "About your child") + household;
    }
    case "room": {
      const name = roomName?.(about.roomId);
      return name ? `To the families of ${name}` : "To your child's room";
    }
    case "setting":
      return "To every family";
  }
}

/**
 * Whom at the setting a thread is with, as its reader sees it. Staff read it as the side it was
 * addressed to; families as the person or group answering them.
 */
export function withWords(thread: Pick<Thread, "with" | "withName" | "about">, roomName?: (id: string) => string | undefined): string {
  const side = thread.with;
  switch (side.with) {
    case "person":
      return thread.withName ?? "A member of staff";
    case "room": {
      const name = roomName?.(side.roomId);
      return name ? `${name} staff` : "The room's staff";
    }
    case "managers":
      return "The managers";
    case "staff":
      return thread.withName ? `${thread.withName} (to families)` : "The setting";
  }
}

export function isBroadcast(thread: Pick<Thread, "about">): boolean {
  return thread.about.kind !== "child";
}

/** "1 message", "4 messages". */
export function countWords(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What the recipient count says before sending: whom it reaches now, who will once they accept
 * the agreement, and who is left out; for one child, how many separate threads it makes.
 */
export function recipientWords(count: Recipients, toOneChild: boolean): string[] {
  const lines: string[] = [];
  if (count.adults === 0) {
    lines.push(toOneChild ? "No parent can read messages about this child now." : "No family can read this now.");
  } else {
    const who = toOneChild ? countWords(count.adults, "parent", "parents") : countWords(count.adults, "adult", "adults");
    const children = toOneChild ? "" : ` of ${countWords(count.children, "child", "children")}`;
    lines.push(`This reaches ${who}${children} now.`);
  }
  if (count.awaitingAgreement > 0)
    lines.push(`${countWords(count.awaitingAgreement, "more person", "more people")} will see it once they accept the setting's agreement.`);
  if (toOneChild && count.threads > 1)
    lines.push(`The parents live in ${count.threads} separate households: each household gets its own thread and never sees the other's.`);
  if (count.held > 0) lines.push(`${countWords(count.held, "child is", "children are")} under a safeguarding hold: their families are left out.`);
  return lines;
}

/**
 * A family's message sent while the setting is closed: it has arrived, and staff will be
 * emailed when the setting opens. `when` formats the instant in the setting's zone.
 */
export function staffToldWords(staffToldAt: string | null | undefined, when: (iso: string) => string): string | null {
  if (!staffToldAt) return null;
  return `Your message has arrived. The setting is closed now, so staff will be told about it when it opens (${when(staffToldAt)}).`;
}

const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
export const DAYS = DAY_NAMES.map((name, i) => ({ value: i + 1, name }));

/** "07:30 to 18:00, Monday to Friday", "09:00 to 12:00, Monday, Wednesday", or "Any time". */
export function openingHoursWords(hours: OpeningHours | null | undefined): string {
  if (!hours) return "Any time: staff are emailed as messages arrive";
  const days = [...hours.days].sort((a, b) => a - b);
  const name = (d: number | undefined) => (d === undefined ? "" : (DAY_NAMES[d - 1] ?? ""));
  const run = days.length > 2 && days.every((d, i) => i === 0 || d === (days[i - 1] ?? 0) + 1);
  const named = run ? `${name(days[0])} to ${name(days[days.length - 1])}` : days.map(name).join(", ");
  return `${hours.opens} to ${hours.closes}, ${named}`;
}

/** "Seen by Beth Brown", "Seen by Beth Brown and Dan Brown", "Not seen yet". */
export function seenWords(readBy: Message["readBy"]): string | null {
  if (readBy == null) return null;
  if (readBy.length === 0) return "Not seen yet";
  const names = readBy.map((p) => p.name);
  return `Seen by ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`}`;
}
