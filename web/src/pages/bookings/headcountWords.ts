// How the termly funding headcount says itself, without React: every figure the API gives is
// minutes, said as hours; each mismatch is a sentence a manager can act on.
import type { Schemas } from "../../api/client";
import { listWords } from "./billingWords";
import { hoursWords, STREAMS } from "./words";

type Mismatch = Schemas["Mismatch"];
type MonthFunding = Schemas["MonthFunding"];
type TermOption = Schemas["TermOption"];

const DAY = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
const MONTH = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** "Tuesday 10 November" for "2026-11-10": a day of the term (the term says the year). */
export function termDay(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(d.getTime()) ? DAY.format(d).replace(",", "") : day;
}

/** "November" for "2026-11". */
export function monthName(month: string): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1, 1));
  return /^\d{4}-\d{2}$/.test(month) && !Number.isNaN(d.getTime()) ? MONTH.format(d) : month;
}

/** A funding stream's name, as the child's funded hours name it. */
export function streamName(stream: Schemas["FundingStream"]): string {
  return STREAMS[stream] ?? stream;
}

/** "Spring (5 Jan 2027 to 26 Mar 2027)", the days said by the page's clock. */
export function termWords(term: TermOption, day: (d: string) => string): string {
  return `${term.name} (${day(term.starts)} to ${day(term.ends)})`;
}

/** One thing to put right, as a manager reads it. */
export function mismatchWords(m: Mismatch): string {
  switch (m.kind) {
    case "funding-unused":
      return `${hoursWords(m.minutes)} of funded hours not booked`;
    case "absent-on-funded-days":
      return m.days.length === 1 ? `Away on a funded day: ${termDay(m.days[0]!)}` : `Away on funded days: ${listWords(m.days.map(termDay))}`;
    case "not-invoiced":
      return `${monthName(m.month)} not invoiced (${hoursWords(m.booked)} funded booked)`;
    case "invoice-differs":
      return `${monthName(m.month)}'s invoices show ${hoursWords(m.invoiced)} funded; the bookings now come to ${hoursWords(m.booked)}`;
    case "funding-ends":
      return `${streamName(m.stream)} ends on ${termDay(m.day)}`;
  }
}

/** A month's funded hours on the invoices: "September: 60 h", "October: 50 h (bookings say
 * 60 h)", "November: not invoiced", or "December: no funded hours booked". */
export function monthInvoiceWords(m: MonthFunding): string {
  const name = monthName(m.month);
  if (m.invoiced === undefined || m.invoiced === null) return m.booked > 0 ? `${name}: not invoiced` : `${name}: no funded hours booked`;
  if (m.invoiced === m.booked) return `${name}: ${hoursWords(m.invoiced)}`;
  return `${name}: ${hoursWords(m.invoiced)} (bookings say ${hoursWords(m.booked)})`;
}

/** What the child attended of the funded hours booked on days gone by: "20 h of 24 h". */
export function attendedWords(c: Pick<Schemas["TermFunding"], "attended" | "bookedToDate">): string {
  return `${hoursWords(c.attended)} of ${hoursWords(c.bookedToDate)}`;
}

/** "3 children have something to check.", "1 child has something to check." or "Everything matches." */
export function checkWords(mismatched: number): string {
  if (mismatched <= 0) return "Everything matches.";
  return mismatched === 1 ? "1 child has something to check." : `${mismatched} children have something to check.`;
}

/** "1 child" or "12 children". */
export function childrenWords(n: number): string {
  return n === 1 ? "1 child" : `${n} children`;
}
