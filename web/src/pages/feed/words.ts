// The news feed's words and the one body it sends, kept apart from the screens so they are
// tested on their own (words.test.ts): how an event's day, places and replies read, who a
// post is for, and the compose form made into the API's NewPost.
import type { Schemas } from "../../api/client";

export type Post = Schemas["PostView"];
export type EventView = Schemas["EventView"];
export type Answer = Schemas["ReplyAnswer"];
export type Audience = Post["audience"];

export const ANSWERS: { value: Answer; label: string }[] = [
  { value: "yes", label: "Yes" },
  { value: "no", label: "No" },
  { value: "maybe", label: "Maybe" },
];

/** An answer as the reply table and the reply form show it. */
export function answerWords(answer: Answer | null | undefined): string {
  return ANSWERS.find((a) => a.value === answer)?.label ?? "Not replied";
}

/** The rooms a post is for, or null for the whole setting. */
export function audienceRooms(audience: Audience): string[] | null {
  return audience.scope === "rooms" && "rooms" in audience ? audience.rooms : null;
}

/**
 * Who a post is for. Staff read the rooms' names (`roomName`); a family is shown a room post
 * only through one of their own children's rooms, so it is theirs.
 */
export function audienceWords(audience: Audience, roomName?: (id: string) => string | undefined): string {
  const rooms = audienceRooms(audience);
  if (!rooms) return "Whole nursery";
  if (!roomName) return "Your child's room";
  const names = rooms.map((id) => roomName(id) ?? "a room no longer in use");
  return names.length ? names.join(", ") : "No rooms";
}

const WEEKDAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "Friday 6 March 2026": an event's calendar day, as it is (no zone: it is the setting's). */
export function eventDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(d.getTime()) ? WEEKDAY.format(d).replace(",", "") : day;
}

/** "Friday 6 March 2026, 10:00 to 11:30". */
export function eventWhen(event: Pick<EventView, "date" | "startsAt" | "endsAt">): string {
  return `${eventDay(event.date)}, ${event.startsAt}${event.endsAt ? ` to ${event.endsAt}` : ""}`;
}

/** "3 of 12 places left", "Full: no places left", or "No limit". */
export function placesWords(event: Pick<EventView, "capacity" | "placesLeft">): string {
  if (event.capacity == null) return "No limit";
  const left = event.placesLeft ?? event.capacity;
  if (left <= 0) return "Full: no places left";
  return `${left} of ${event.capacity} ${event.capacity === 1 ? "place" : "places"} left`;
}

/** Until when families may reply, or that they no longer may. */
export function repliesWords(event: Pick<EventView, "date" | "replyBy" | "repliesOpen">): string {
  if (!event.repliesOpen) return "Replies have closed";
  return `Reply by ${eventDay(event.replyBy ?? event.date)}`;
}

/** The compose form's values, as typed. */
export interface PostForm {
  text: string;
  scope: "setting" | "rooms";
  rooms: string[];
  /** The children the photos show (the upload API tags each file with them). */
  children: string[];
  pinned: boolean;
  isEvent: boolean;
  title: string;
  date: string;
  startsAt: string;
  endsAt: string;
  place: string;
  bring: string;
  capacity: string;
  replyBy: string;
}

export const BLANK_POST: PostForm = {
  text: "",
  scope: "setting",
  rooms: [],
  children: [],
  pinned: false,
  isEvent: false,
  title: "",
  date: "",
  startsAt: "",
  endsAt: "",
  place: "",
  bring: "",
  capacity: "",
  replyBy: "",
};

/** What still stops the form being sent (the API would refuse it), or null. */
export function missingFromPost(f: PostForm, photos: number): string | null {
  if (f.scope === "rooms" && f.rooms.length === 0) return "Choose at least one room, or post to the whole nursery.";
  if (photos > 0 && f.children.length === 0) return "Choose the children the photos show.";
  if (photos > 0 && f.children.length > 20) return "Photos may show at most 20 children: choose fewer.";
  if (f.isEvent && f.capacity.trim() && !(Number.isInteger(Number(f.capacity)) && Number(f.capacity) >= 1))
    return "Places must be a whole number, 1 or more (or empty for no limit).";
  return null;
}

/** The form as the API's NewPost: empty optional fields left out, the event only when asked for. */
export function newPostBody(f: PostForm, mediaIds: string[]): Schemas["NewPost"] {
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  const body: Schemas["NewPost"] = {
    text: f.text.trim(),
    rooms: f.scope === "rooms" ? f.rooms : [],
    mediaIds,
    pinned: f.pinned,
  };
  if (f.isEvent) {
    const capacity = optional(f.capacity);
    body.event = {
      title: f.title.trim(),
      date: f.date,
      startsAt: f.startsAt,
      place: f.place.trim(),
      ...(optional(f.endsAt) ? { endsAt: f.endsAt } : {}),
      ...(optional(f.bring) ? { bring: f.bring.trim() } : {}),
      ...(capacity ? { capacity: Number(capacity) } : {}),
      ...(optional(f.replyBy) ? { replyBy: f.replyBy } : {}),
    };
  }
  return body;
}
