import type { Schemas } from "../../api/client";

/** "Due in 12 days", "Due today", "3 days overdue", or how it ended. */
export function clockWords(r: Pick<Schemas["RightsRequestView"], "status" | "daysLeft">): string {
  if (r.status === "answered") return "Answered";
  const left = r.daysLeft ?? 0;
  if (left > 1) return `Due in ${left} days`;
  if (left === 1) return "Due tomorrow";
  if (left === 0) return "Due today";
  return left === -1 ? "1 day overdue" : `${-left} days overdue`;
}

/** Whom a request is about, in a few words. */
export function aboutWords(about: Schemas["RequestSubject"]): string {
  return about.kind === "child" ? `${about.name} (child)` : about.name;
}

export const RECEIVED_BY: { value: Schemas["ReceivedBy"]; label: string }[] = [
  { value: "email", label: "Email" },
  { value: "letter", label: "Letter" },
  { value: "in-person", label: "In person" },
  { value: "phone", label: "Phone" },
];
