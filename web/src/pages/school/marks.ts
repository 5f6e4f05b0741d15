// A school's registers as the screens need them: which national codes fit a session and how
// they group, what a register's form starts from, which of its lines go to the API (and which
// need a reason first), and how attendance is said. Pure (no React): held by marks.test.ts.
import type { Schemas } from "../../api/client";
import { termName } from "./words";

export type Session = Schemas["SchoolSession"];
export type Code = Schemas["CodeView"];
export type Category = Schemas["CodeCategory"];
export type RegisterPupil = Schemas["RegisterPupil"];
export type NewMark = Schemas["NewMark"];
type Totals = Schemas["SessionTotals"];
type Structure = Schemas["SchoolStructure"];

export const SESSIONS: { value: Session; label: string }[] = [
  { value: "am", label: "Morning" },
  { value: "pm", label: "Afternoon" },
];

export function sessionWords(session: Session): string {
  return session === "am" ? "Morning" : "Afternoon";
}

export function otherSession(session: Session): Session {
  return session === "am" ? "pm" : "am";
}

/** The session a register is most likely being taken for at a time of day ("HH:MM", the setting's). */
export function defaultSession(hhmm: string): Session {
  return hhmm < "12:00" ? "am" : "pm";
}

/** "Present" has a code of its own in each session: "/" in the morning, "\" in the afternoon. */
export function presentCode(session: Session): string {
  return session === "am" ? "/" : "\\";
}

/** Whether a code may be entered for the session (the API refuses the other session's present code). */
export function fitsSession(code: string, session: Session): boolean {
  if (code === "/") return session === "am";
  if (code === "\\") return session === "pm";
  return true;
}

/** The categories in the regulations' order, as the register's choice groups them. */
export const CATEGORIES: { category: Category; label: string }[] = [
  { category: "present", label: "Present" },
  { category: "approved-activity", label: "Attending an approved activity" },
  { category: "leave-of-absence", label: "Leave of absence" },
  { category: "authorised-absence", label: "Authorised absence" },
  { category: "unavoidable-cause", label: "Unable to attend (unavoidable cause)" },
  { category: "unauthorised-absence", label: "Unauthorised absence" },
  { category: "administrative", label: "Not counted" },
];

/** The codes that fit the session, grouped by category in the regulations' order; empty groups left out. */
export function codeGroups(codes: Code[], session: Session): { label: string; codes: Code[] }[] {
  return CATEGORIES.map(({ category, label }) => ({ label, codes: codes.filter((c) => c.category === category && fitsSession(c.code, session)) })).filter(
    (g) => g.codes.length > 0,
  );
}

/** "N Reason for absence not yet established"; "—" for no mark. */
export function codeWords(mark: Pick<Code, "code" | "meaning"> | null | undefined): string {
  return mark ? `${mark.code} ${mark.meaning}` : "—";
}

/** One pupil's line of the register's form: the code chosen ("" for none) and, for a change, why. */
export type MarkLine = { childId: string; code: string; reason: string };

/** What the form starts from: each pupil's mark for the session as read, no reasons. */
export function startLines(pupils: RegisterPupil[], session: Session): MarkLine[] {
  return pupils.map((p) => ({ childId: p.childId, code: p[session]?.code ?? "", reason: "" }));
}

/** A different code over a mark already made is an amendment: the regulations keep it with its reason. */
export function needsReason(current: string | null | undefined, chosen: string): boolean {
  return !!current && chosen !== "" && chosen !== current;
}

export const MAX_MARK_REASON = 200;

function lineOf(lines: MarkLine[], childId: string): MarkLine | undefined {
  return lines.find((l) => l.childId === childId);
}

/** The pupils whose change still lacks a reason (1 to 200 characters), in the register's order. */
export function missingReasons(pupils: RegisterPupil[], session: Session, lines: MarkLine[]): RegisterPupil[] {
  return pupils.filter((p) => {
    const line = lineOf(lines, p.childId);
    if (!line || !needsReason(p[session]?.code, line.code)) return false;
    const reason = line.reason.trim();
    return reason === "" || reason.length > MAX_MARK_REASON;
  });
}

/** What the form says when changes lack their reason: whose, and why it is asked. */
export function reasonsMissingWords(pupils: Pick<RegisterPupil, "firstName">[]): string {
  const names = pupils.map((p) => p.firstName);
  const whose = names.length === 1 ? `${names[0]}'s mark` : `the marks of ${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `Give the reason for changing ${whose} (1 to ${MAX_MARK_REASON} characters): the register keeps it with the change.`;
}

/**
 * The lines that change the register, as the API takes them: a code chosen where there was
 * none, or a different one over a mark (with its reason), each with the version the register
 * was read at (0: no mark yet). Unchanged lines are not sent.
 */
export function changedLines(pupils: RegisterPupil[], session: Session, lines: MarkLine[]): NewMark[] {
  const marks: NewMark[] = [];
  for (const p of pupils) {
    const line = lineOf(lines, p.childId);
    const current = p[session];
    if (!line || line.code === "" || line.code === current?.code) continue;
    marks.push({
      childId: p.childId,
      code: line.code,
      version: current?.version ?? 0,
      // A reason only with an amendment: the API refuses one on a first mark.
      ...(current ? { reason: line.reason.trim() } : {}),
    });
  }
  return marks;
}

/** The form with every pupil not marked (in the register or the form) marked present. */
export function markEveryonePresent(pupils: RegisterPupil[], session: Session, lines: MarkLine[]): MarkLine[] {
  const marked = new Set(pupils.filter((p) => p[session]).map((p) => p.childId));
  return lines.map((l) => (l.code === "" && !marked.has(l.childId) ? { ...l, code: presentCode(session) } : l));
}

/** "Register saved: 2 marked, 1 changed." (first marks, then amendments). */
export function savedWords(marks: NewMark[]): string {
  const changed = marks.filter((m) => (m.version ?? 0) > 0).length;
  return `Register saved: ${marks.length - changed} marked, ${changed} changed.`;
}

/** The tutor groups to take a register for, in the school's order: "Year 9, 9RD". */
export function tutorGroupOptions(structure: Structure): { value: string; label: string }[] {
  return structure.yearGroups.flatMap((y) => y.tutorGroups.map((t) => ({ value: t.tutorGroupId, label: `${y.name}, ${t.name}` })));
}

/** The group asked for when it is one of the school's; else the caller's own as tutor; else the first. */
export function defaultTutorGroup(structure: Structure, userId: string, asked?: string | null): string {
  const groups = structure.yearGroups.flatMap((y) => y.tutorGroups);
  return (groups.find((t) => t.tutorGroupId === asked) ?? groups.find((t) => t.tutorId === userId) ?? groups[0])?.tutorGroupId ?? "";
}

/** Sessions attended in tenths of a percent, as a percentage with one decimal: 965 → "96.5%"; null when none was possible. */
export function percentWords(perMille: number | null | undefined): string | null {
  if (perMille == null) return null;
  const whole = Math.max(0, Math.round(perMille));
  return `${Math.floor(whole / 10)}.${whole % 10}%`;
}

/** "38 of 40 sessions"; "1 of 1 session". */
export function sessionsWords(totals: Pick<Totals, "attended" | "possible">): string {
  return `${totals.attended} of ${totals.possible} ${totals.possible === 1 ? "session" : "sessions"}`;
}

/** "Autumn 2026: 95.0%, 38 of 40 sessions"; a term with no session counted says so. */
export function termAttendanceWords(term: Schemas["TermAttendance"]): string {
  const percent = percentWords(term.attendancePerMille);
  return percent ? `${termName(term.term)}: ${percent}, ${sessionsWords(term.totals)}` : `${termName(term.term)}: no sessions counted`;
}
