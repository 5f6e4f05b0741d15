// The school's structure as the managers' form holds it, and what the staff's pages read from
// it: where a pupil is, the pupils grouped by tutor group, the teaching groups to choose from.
// Pure (no React): held by structure.test.ts.
import type { Schemas } from "../../api/client";
import { teachingGroupWords } from "./words";

type Structure = Schemas["SchoolStructure"];
type YearGroup = Schemas["YearGroup"];
type TutorGroup = Schemas["TutorGroup"];
type TeachingGroup = Schemas["TeachingGroup"];

export type TutorGroupForm = { tutorGroupId: string; name: string; tutorId: string; pupils: string[] };
export type YearGroupForm = { yearGroupId: string; name: string; learningManagerId: string; tutorGroups: TutorGroupForm[] };
export type TeachingGroupForm = TeachingGroup;
/** The categories are typed one a line. */
export type SchoolForm = { earlyYears: boolean; yearGroups: YearGroupForm[]; teachingGroups: TeachingGroupForm[]; achievement: string; behaviour: string };

export function toForm(structure: Structure): SchoolForm {
  return {
    // Off unless the school enabled it (a structure saved before the choice existed has none).
    earlyYears: structure.earlyYears ?? false,
    yearGroups: structure.yearGroups.map((y) => ({
      yearGroupId: y.yearGroupId,
      name: y.name,
      learningManagerId: y.learningManagerId,
      tutorGroups: y.tutorGroups.map((t) => ({ tutorGroupId: t.tutorGroupId, name: t.name, tutorId: t.tutorId, pupils: [...(t.pupils ?? [])] })),
    })),
    teachingGroups: structure.teachingGroups.map((g) => ({ ...g })),
    achievement: structure.pointCategories.achievement.join("\n"),
    behaviour: structure.pointCategories.behaviour.join("\n"),
  };
}

/** One category a line, each trimmed; blank lines dropped. */
export function categoryLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The form as the API takes it: names trimmed (the API refuses untrimmed ones). */
export function toStructure(form: SchoolForm): Structure {
  return {
    earlyYears: form.earlyYears,
    yearGroups: form.yearGroups.map((y) => ({
      yearGroupId: y.yearGroupId,
      name: y.name.trim(),
      learningManagerId: y.learningManagerId,
      tutorGroups: y.tutorGroups.map((t) => ({ tutorGroupId: t.tutorGroupId, name: t.name.trim(), tutorId: t.tutorId, pupils: [...t.pupils] })),
    })),
    teachingGroups: form.teachingGroups.map((g) => ({
      teachingGroupId: g.teachingGroupId,
      subject: g.subject.trim(),
      name: g.name.trim(),
      teacherId: g.teacherId,
      yearGroupId: g.yearGroupId,
    })),
    pointCategories: { achievement: categoryLines(form.achievement), behaviour: categoryLines(form.behaviour) },
  };
}

/**
 * What would make the API refuse the structure that the form's own required fields do not
 * catch, in a manager's words; null when there is nothing.
 */
export function structureProblem(structure: Structure): string | null {
  const years = new Set(structure.yearGroups.map((y) => y.yearGroupId));
  for (const g of structure.teachingGroups) {
    if (!years.has(g.yearGroupId)) return `Choose the year group of ${teachingGroupWords(g) || "each teaching group"}.`;
  }
  const placed = new Map<string, string>();
  for (const y of structure.yearGroups) {
    for (const t of y.tutorGroups) {
      if ((t.pupils ?? []).length > 40) return `${t.name} has more than 40 pupils.`;
      for (const p of t.pupils ?? []) {
        const other = placed.get(p);
        if (other) return `A pupil is in both ${other} and ${t.name}: a pupil is in one tutor group only.`;
        placed.set(p, t.name);
      }
    }
  }
  for (const [kind, list] of [
    ["achievement", structure.pointCategories.achievement],
    ["behaviour", structure.pointCategories.behaviour],
  ] as const) {
    if (list.length > 30) return `At most 30 ${kind} categories.`;
    const twice = list.find((c, i) => list.indexOf(c) !== i);
    if (twice) return `"${twice}" is twice in the ${kind} categories.`;
    const long = list.find((c) => c.length > 40);
    if (long) return `"${long}" is longer than 40 characters.`;
  }
  return null;
}

/** A new group's id: letters, digits and dashes, as the API takes them. */
export function newGroupId(): string {
  return crypto.randomUUID();
}

/** The tutor group a pupil is in, and its year group. */
export function placeOf(structure: Structure, childId: string): { year: YearGroup; tutorGroup: TutorGroup } | null {
  for (const year of structure.yearGroups) {
    const tutorGroup = year.tutorGroups.find((t) => (t.pupils ?? []).includes(childId));
    if (tutorGroup) return { year, tutorGroup };
  }
  return null;
}

export interface PupilGroup<C> {
  /** "Year 9, 9RD"; "In no tutor group" for the rest. */
  label: string;
  pupils: C[];
}

/**
 * The pupils grouped by tutor group, in the school's order (year groups, then their tutor
 * groups; pupils in the list's own order, by name), then those in none. Empty groups are left out.
 */
export function pupilsByTutorGroup<C extends { childId: string }>(structure: Structure, children: C[]): PupilGroup<C>[] {
  const groups: PupilGroup<C>[] = [];
  const placed = new Set<string>();
  for (const year of structure.yearGroups) {
    for (const t of year.tutorGroups) {
      const members = new Set(t.pupils ?? []);
      const pupils = children.filter((c) => members.has(c.childId) && !placed.has(c.childId));
      pupils.forEach((c) => placed.add(c.childId));
      if (pupils.length) groups.push({ label: `${year.name}, ${t.name}`, pupils });
    }
  }
  const rest = children.filter((c) => !placed.has(c.childId));
  if (rest.length) groups.push({ label: "In no tutor group", pupils: rest });
  return groups;
}

/** The teaching groups to pick a lesson from: the pupil's year's first, each by subject and name. */
export function lessonsFor(structure: Structure, childId: string): TeachingGroup[] {
  const year = placeOf(structure, childId)?.year.yearGroupId;
  const rank = (g: TeachingGroup) => (g.yearGroupId === year ? 0 : 1);
  return [...structure.teachingGroups].sort(
    (a, b) => rank(a) - rank(b) || teachingGroupWords(a).localeCompare(teachingGroupWords(b), "en-GB", { numeric: true }),
  );
}
