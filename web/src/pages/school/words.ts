// How the school's screens say points, lessons, who to contact and what went wrong. Pure: the
// sentences parents and staff read, held by words.test.ts.
import type { Schemas } from "../../api/client";

type PointKind = Schemas["PointKind"];
type Contact = Schemas["ContactRecord"];
type Lesson = Schemas["LessonRecord"];
type Totals = Schemas["PointTotals"];
type Publishing = Schemas["AttendancePublishing"];

export const POINT_KINDS: { value: PointKind; label: string }[] = [
  { value: "achievement", label: "Achievement" },
  { value: "behaviour", label: "Behaviour" },
];

export const MAX_REASON = 200;
export const POINT_VALUES = [1, 2, 3, 4, 5] as const;

export function kindWords(kind: PointKind): string {
  return kind === "achievement" ? "Achievement" : "Behaviour";
}

/** "1 point", "3 points". */
export function pointsWords(n: number): string {
  return n === 1 ? "1 point" : `${n} points`;
}

/** A teaching group as staff name it: "Maths 9x1". */
export function teachingGroupWords(group: Pick<Schemas["TeachingGroup"], "subject" | "name">): string {
  return `${group.subject} ${group.name}`.trim();
}

/** Where a point was given: its lesson ("Maths 9x1") or "Outside a lesson". */
export function lessonWords(lesson: Lesson | null | undefined): string {
  return lesson ? teachingGroupWords({ subject: lesson.subject, name: lesson.teachingGroup }) : "Outside a lesson";
}

/** The first contact's role in a few words, for staff: "subject teacher", "Learning Manager". */
export function roleWords(role: Contact["role"]): string {
  return role === "subject-teacher" ? "subject teacher" : "Learning Manager";
}

/** "Tia Reed (subject teacher)"; the role alone when the name is not known. */
export function firstContactWords(contact: Contact): string {
  const name = contact.name.trim();
  return name ? `${name} (${roleWords(contact.role)})` : `the ${roleWords(contact.role)}`;
}

/** What staff read once a point is given. */
export function givenWords(point: Pick<Schemas["PointView"], "firstContact">): string {
  return `Point given. First contact: ${firstContactWords(point.firstContact)}.`;
}

/** The first contact as a parent is told of them: "Tia Reed, the subject teacher". */
export function contactWords(contact: Contact): string {
  const role = contact.role === "subject-teacher" ? "the subject teacher" : "the year's Learning Manager";
  const name = contact.name.trim();
  return name ? `${name}, ${role}` : role;
}

/** The guidance beside each point a parent reads: their child first, then the first contact. */
export function guidanceWords(firstName: string, contact: Contact): string {
  const child = firstName.trim() || "your child";
  return `Ask ${child} about it first. If you then want to talk to the school, contact ${contactWords(contact)}.`;
}

/** "1 hour", "1 hour 30 minutes", "45 minutes". */
export function durationWords(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const parts: string[] = [];
  if (h) parts.push(h === 1 ? "1 hour" : `${h} hours`);
  if (rest || !h) parts.push(rest === 1 ? "1 minute" : `${rest} minutes`);
  return parts.join(" ");
}

/** The delay is never shorter than this (as attendance marks). */
const MIN_DELAY_MINUTES = 15;

/**
 * Why a point given a moment ago is not shown to parents yet, and that they wait for it: the
 * school's publishing delay (as its attendance marks), in its own terms when known.
 */
export function publishingWords(publishing: Publishing | null | undefined): string {
  const ask = "Please do not contact the school about a point before it appears here.";
  if (!publishing) return `Points appear here after the school's publishing delay, a while after they are given. ${ask}`;
  const delay = durationWords(Math.max(publishing.delayMinutes, MIN_DELAY_MINUTES));
  return `Points appear here after the school's publishing delay: ${delay} after they are given, and none before ${publishing.morningAt} in the morning. ${ask}`;
}

/**
 * When marks reach parents, and that they wait for them: the same publishing delay as points,
 * in the school's own terms when known.
 */
export function marksPublishingWords(publishing: Publishing | null | undefined): string {
  const ask = "Please do not contact the school about a mark before it appears here.";
  if (!publishing) return `Marks appear here after the school's publishing delay, a while after the register is taken. ${ask}`;
  const delay = durationWords(Math.max(publishing.delayMinutes, MIN_DELAY_MINUTES));
  return `Marks appear here after the school's publishing delay: not before ${publishing.morningAt}, and at least ${delay} after the register is taken. ${ask}`;
}

const SEASONS = ["spring", "summer", "autumn"];

/** A school term's key as people say it: "2026-autumn" → "Autumn 2026"; an unknown key as it is. */
export function termName(term: string): string {
  const [year, season] = term.split("-");
  if (!year || !/^\d{4}$/.test(year) || !season || !SEASONS.includes(season)) return term;
  return `${season.charAt(0).toUpperCase()}${season.slice(1)} ${year}`;
}

/** "Autumn 2026: 4 achievement points, 1 behaviour point". */
export function termPointsWords(term: Schemas["TermPoints"]): string {
  return `${termName(term.term)}: ${totalsWords(term.totals)}`;
}

/** A parent's message about a point goes to its first contact: "Message Tia Reed about this point". */
export function messageAboutPointWords(contact: Contact): string {
  const name = contact.name.trim();
  return `Message ${name || `the ${roleWords(contact.role)}`} about this point`;
}

/** Whom such a message goes to, as the message form says it: "To: Tia Reed (the subject teacher)". */
export function pointRecipientWords(contact: Contact): string {
  const role = contact.role === "subject-teacher" ? "the subject teacher" : "the year's Learning Manager";
  const name = contact.name.trim();
  return name ? `To: ${name} (${role})` : `To: ${role}`;
}

/** The subject such a message starts with: "About the point: Good homework, 7 Dec 2026". */
export function pointSubjectWords(category: string, day: string): string {
  return `About the point: ${category}, ${day}`;
}

/** "2 achievement points, 1 behaviour point". */
export function totalsWords(totals: Totals): string {
  const one = (n: number, kind: string) => (n === 1 ? `1 ${kind} point` : `${n} ${kind} points`);
  return `${one(totals.achievement, "achievement")}, ${one(totals.behaviour, "behaviour")}`;
}

/** What the fields named in the API's refusals are, in a manager's words. */
const FIELDS: Record<string, string> = {
  yearGroupId: "the year groups (each at most 20 tutor groups)",
  learningManagerId: "each year group's Learning Manager (someone of the school's active staff)",
  tutorGroupId: "the tutor groups",
  tutorId: "each tutor group's tutor (someone of the school's active staff)",
  pupils: "the pupils (each pupil of the school, in one tutor group only, at most 40 in a group)",
  teachingGroupId: "the teaching groups (each in one of the year groups)",
  teacherId: "each teaching group's teacher (someone of the school's active staff)",
  subject: "the subjects (at most 40 characters)",
  name: "the names (at most 40 characters for a year group, 20 for a group)",
  achievement: "the achievement categories (at most 30, each different, 40 characters at most)",
  behaviour: "the behaviour categories (at most 30, each different, 40 characters at most)",
  category: "the categories (1 to 40 characters each)",
};

/**
 * What to do about a refused save of the school's groups: reload after someone else's save, or
 * which part to correct. Null when the API's own words are all there is to say.
 */
export function schoolProblemWords(error: { slug: string; detail?: string }): string | null {
  switch (error.slug) {
    case "conflict":
      return "Someone else saved the school's groups after this page loaded, so yours were not saved. Load the latest groups, then make your changes again.";
    case "not-a-school":
      return "This setting is a nursery: it has no year groups, tutor groups or points.";
    case "validation-failed": {
      const field = /^(\w+)/.exec(error.detail ?? "")?.[1];
      const what = field ? FIELDS[field] : undefined;
      return what ? `Nothing was saved. Check ${what}, then save again.` : "Nothing was saved. Correct the groups, then save again.";
    }
    default:
      return null;
  }
}

/** What to do about a point that could not be given. */
export function pointProblemWords(error: { slug: string }, firstName: string): string | null {
  switch (error.slug) {
    case "no-tutor-group":
      return `${firstName} is in no tutor group, so there is no Learning Manager to name for a point outside a lesson. Choose the lesson, or ask a manager to put ${firstName} in a tutor group.`;
    case "not-a-school":
      return "This setting is a nursery: it gives no points.";
    default:
      return null;
  }
}
