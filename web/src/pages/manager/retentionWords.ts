import type { Schemas } from "../../api/client";

type Period = Schemas["KeptFor"];

/** "2 years and 3 months" from months. */
export function monthsWords(months: number): string {
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const y = years === 1 ? "1 year" : `${years} years`;
  const m = rest === 1 ? "1 month" : `${rest} months`;
  if (years === 0) return m;
  return rest === 0 ? y : `${y} and ${m}`;
}

/** How long a kind is kept, as the page says it. */
export function periodWords(p: Period): string {
  if (p.until === "age") return `until the child is ${monthsWords(p.months)} old`;
  return p.months === 0 ? "until the child leaves" : `${monthsWords(p.months)} after the child leaves`;
}
