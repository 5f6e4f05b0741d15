// How the bookings screens say money, sessions and where a change stands.
import type { Schemas } from "../../api/client";

type Price = Schemas["Price"];
type Change = Schemas["ChangeView"];

/** Whole pence as pounds: 3200 -> "£32.00", a credit -1250 -> "-£12.50". */
export function pounds(pence: number): string {
  const sign = pence < 0 ? "-" : "";
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** "32", "32.5" or "32.50" as whole pence; null for anything else (no rounding: money is exact). */
export function pence(text: string): number | null {
  const m = /^\s*(\d{1,5})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
}

export function priceWords(price: Price): string {
  return price.per === "hour" ? `${pounds(price.pence)} an hour` : `${pounds(price.pence)} a session`;
}

/** Why a change waits, or that it was booked. */
export function statusWords(c: Pick<Change, "status" | "outcome">): string {
  if (c.status === "booked") return "Booked";
  if (c.status === "declined") return "Declined";
  switch (c.outcome) {
    case "short-notice":
      return "Waiting for a manager: asked at short notice";
    case "full":
      return "Waiting for a manager: the room is full then";
    case "no-capacity":
      return "Waiting for a manager";
    default:
      return "Waiting for a manager";
  }
}

export function changeWords(c: Pick<Change, "change" | "sessionName">): string {
  return c.change === "extra" ? `Extra ${c.sessionName}` : `Cancel ${c.sessionName}`;
}

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
};

/** The month after (or before, with -1) a YYYY-MM month. */
export function shiftMonth(month: string, by: number): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** One hour of a room in the staffing forecast: "3 children · 1 needed · 1 on the rota". */
export function hourWords(h: Pick<Schemas["HourView"], "children" | "needed" | "rostered" | "short">): string {
  const total = h.children.under2 + h.children.two + h.children.threePlus;
  const parts = [total === 1 ? "1 child" : `${total} children`, `${h.needed} needed`];
  if (h.rostered !== undefined && h.rostered !== null) parts.push(`${h.rostered} on the rota${h.short ? " (short)" : ""}`);
  return parts.join(" · ");
}

type Stream = Schemas["FundingStream"];

export const STREAMS: Record<Stream, string> = {
  universal: "Universal 15 hours (3 and 4 year olds)",
  "working-parent-extended": "Extra 15 hours for working parents (3 and 4 year olds)",
  "working-parent-15": "15 hours for working parents (from 9 months)",
  "working-parent-30": "30 hours for working parents (from 9 months)",
  "two-year-old": "15 hours for two-year-olds",
};

/** Whether a stream needs the working-parent eligibility code. */
export const needsCode = (stream: Stream) => stream.startsWith("working-parent");

/** "taken in term time (38 weeks)" or "stretched over 51 weeks". */
export function deliveryWords(delivery: Schemas["Delivery"]): string {
  return delivery.taken === "term-time" ? "taken in term time (38 weeks)" : `stretched over ${delivery.weeks} weeks`;
}

export function claimStatusWords(status: Schemas["ClaimStatus"]): string {
  switch (status) {
    case "not-started":
      return "Not started yet";
    case "active":
      return "Funded";
    case "grace":
      return "Funded in the grace period: the code was not reconfirmed";
    case "lapsed":
      return "No longer funded: the code lapsed";
    case "ended":
      return "Ended";
  }
}

/** "January 2027" for "2027-01". */
export function monthWords(month: string): string {
  const [y = 1970, m = 1] = month.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** Minutes as hours: 13500 -> "225 h", 90 -> "1 h 30 m", 45 -> "0 h 45 m", 120000 -> "2,000 h". */
export function hoursWords(minutes: number): string {
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60).toLocaleString("en-GB");
  const m = abs % 60;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} m`;
}

/** An invoice line's quantity: hours for hours ("89 h 25 m"), else days. */
export function lineWords(line: Pick<Schemas["Line"], "kind" | "quantity">): string {
  if (line.kind === "funded-hours" || line.kind === "paid-hours") {
    const hours = hoursWords(line.quantity);
    return line.kind === "funded-hours" ? `${hours}, funded: no charge` : hours;
  }
  return line.quantity === 1 ? "1 day" : `${line.quantity} days`;
}
