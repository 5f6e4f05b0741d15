// Assessment's words, kept apart from the screens so they are tested on their own
// (words.test.ts): a term's name and the terms before it, a child's age, the aspects grouped by
// area, a judgement's standing and the concerns a checkpoint raises.
import type { Schemas } from "../../api/client";

export type Assessment = Schemas["AssessmentView"];
export type FrameworkView = Schemas["FrameworkView"];
export type AspectView = Schemas["AspectView"];
export type Judgement = Schemas["JudgementView"];
export type Concern = Schemas["CheckpointConcern"];
export type Area = Schemas["AreaOfLearning"];

const SEASONS = ["spring", "summer", "autumn"] as const;
type Season = (typeof SEASONS)[number];

/** "2026-autumn" → "Autumn term 2026". */
export function termWords(term: string): string {
  const [year, season] = term.split("-");
  if (!year || !season || !SEASONS.includes(season as Season)) return term;
  return `${season.charAt(0).toUpperCase()}${season.slice(1)} term ${year}`;
}

/** `count` terms before `term`, newest first ("2026-autumn" → "2026-summer", "2026-spring", ...). */
export function termsBefore(term: string, count: number): string[] {
  const [yearText, season] = term.split("-");
  let year = Number(yearText);
  let index = SEASONS.indexOf(season as Season);
  if (!Number.isInteger(year) || index < 0) return [];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    index -= 1;
    if (index < 0) {
      index = SEASONS.length - 1;
      year -= 1;
    }
    out.push(`${year}-${SEASONS[index]}`);
  }
  return out;
}

/** 25 → "2 years 1 month"; 8 → "8 months". */
export function ageWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const m = `${rest} ${rest === 1 ? "month" : "months"}`;
  if (years === 0) return m;
  const y = `${years} ${years === 1 ? "year" : "years"}`;
  return rest === 0 ? y : `${y} ${m}`;
}

/**
 * The 17 aspects of the seven areas, one per early learning goal, as the API names them (the
 * observation form works offline, so it does not ask the API for them).
 */
export const ASPECTS: { aspect: Schemas["Aspect"]; title: string; area: Area }[] = [
  { aspect: "listening-attention-and-understanding", title: "Listening, attention and understanding", area: "communication-and-language" },
  { aspect: "speaking", title: "Speaking", area: "communication-and-language" },
  { aspect: "self-regulation", title: "Self-regulation", area: "personal-social-and-emotional-development" },
  { aspect: "managing-self", title: "Managing self", area: "personal-social-and-emotional-development" },
  { aspect: "building-relationships", title: "Building relationships", area: "personal-social-and-emotional-development" },
  { aspect: "gross-motor-skills", title: "Gross motor skills", area: "physical-development" },
  { aspect: "fine-motor-skills", title: "Fine motor skills", area: "physical-development" },
  { aspect: "comprehension", title: "Comprehension", area: "literacy" },
  { aspect: "word-reading", title: "Word reading", area: "literacy" },
  { aspect: "writing", title: "Writing", area: "literacy" },
  { aspect: "number", title: "Number", area: "mathematics" },
  { aspect: "numerical-patterns", title: "Numerical patterns", area: "mathematics" },
  { aspect: "past-and-present", title: "Past and present", area: "understanding-the-world" },
  { aspect: "people-culture-and-communities", title: "People, culture and communities", area: "understanding-the-world" },
  { aspect: "the-natural-world", title: "The natural world", area: "understanding-the-world" },
  { aspect: "creating-with-materials", title: "Creating with materials", area: "expressive-arts-and-design" },
  { aspect: "being-imaginative-and-expressive", title: "Being imaginative and expressive", area: "expressive-arts-and-design" },
];

export const aspectTitle = (aspect: Schemas["Aspect"]) => ASPECTS.find((a) => a.aspect === aspect)?.title ?? aspect;

export const AREA_WORDS: Record<Area, string> = {
  "communication-and-language": "Communication and language",
  "physical-development": "Physical development",
  "personal-social-and-emotional-development": "Personal, social and emotional development",
  literacy: "Literacy",
  mathematics: "Mathematics",
  "understanding-the-world": "Understanding the world",
  "expressive-arts-and-design": "Expressive arts and design",
};

/** The framework's aspects under their areas, prime areas first, in the framework's order. */
export function aspectsByArea(framework: FrameworkView): { area: Area; title: string; prime: boolean; aspects: AspectView[] }[] {
  const groups = new Map<Area, AspectView[]>();
  for (const a of framework.aspects) groups.set(a.area, [...(groups.get(a.area) ?? []), a]);
  return [...groups]
    .map(([area, aspects]) => ({ area, title: AREA_WORDS[area], prime: aspects.some((a) => a.prime), aspects }))
    .sort((a, b) => Number(b.prime) - Number(a.prime));
}

/** How a judgement stands against the child's age, for staff. */
export function standingWords(standing: Judgement["standing"]): string {
  switch (standing) {
    case "below":
      return "Below what is typical for their age";
    case "above":
      return "Beyond what is typical for their age";
    case "typical":
      return "Typical for their age";
    default:
      return "";
  }
}

/** What a checkpoint asks for, in words. */
export function concernWords(concern: Concern, title: (aspect: Schemas["Aspect"]) => string, band?: (key: string) => string): string {
  return concern.kind === "not-judged"
    ? `${title(concern.aspect)}: not judged this term`
    : `${title(concern.aspect)}: judged ${band?.(concern.band) ?? concern.band}, below what is typical for their age`;
}
