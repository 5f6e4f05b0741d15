// How a setting names the people it cares for: a nursery's children, a school's pupils. Pages
// about a school (and the nav in one) say "pupil"; every nursery page stays as it is.
import type { Schemas } from "./api/client";

export type SettingKind = Schemas["SettingKind"];

export interface SettingWords {
  /** "child" or "pupil". */
  child: string;
  /** "children" or "pupils". */
  children: string;
  /** "Child" or "Pupil", to start a sentence or a heading. */
  Child: string;
  /** "Children" or "Pupils". */
  Children: string;
  /** "nursery" or "school": what the setting is. */
  setting: string;
}

const NURSERY: SettingWords = { child: "child", children: "children", Child: "Child", Children: "Children", setting: "nursery" };
const SCHOOL: SettingWords = { child: "pupil", children: "pupils", Child: "Pupil", Children: "Pupils", setting: "school" };

/** The words for a kind of setting; a nursery's while the kind is not known yet. */
export function settingWords(kind: SettingKind | null | undefined): SettingWords {
  return kind === "school" ? SCHOOL : NURSERY;
}

/** "1 pupil", "3 pupils", "no children". */
export function countOf(n: number, words: SettingWords): string {
  if (n === 0) return `no ${words.children}`;
  return n === 1 ? `1 ${words.child}` : `${n} ${words.children}`;
}
