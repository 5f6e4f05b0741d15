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

/** What a request asks for. */
export function kindWords(kind: Schemas["RightsRequestKind"]): string {
  return kind === "erasure" ? "Erasure of what the law does not require the setting to keep" : "A copy of everything held";
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

/** Where a request's export stands, in a sentence (for the person who asked, or the managers). */
export function exportWords(e: Schemas["ExportView"], managers: boolean): string {
  switch (e.status) {
    case "gathering":
      return managers ? "Gathering everything held…" : "The setting is gathering your data…";
    case "review":
      return managers
        ? `${e.items} items gathered${e.withheld ? `, ${e.withheld} withheld` : ""}: review them, then release.`
        : "The setting is reviewing your data…";
    case "releasing":
      return "Making the files…";
    case "released":
      return `Released: ${e.items - e.withheld} items${e.withheld ? `, ${e.withheld} withheld with the reasons listed` : ""}${
        e.mediaLeftOut ? `; ${e.mediaLeftOut === 1 ? "1 photo or video" : `${e.mediaLeftOut} photos or videos`} left out by another family's consent` : ""
      }.`;
  }
}

/** Whether the export is being made in the background (its page reads it again). */
export function exportBusy(e: Schemas["ExportView"] | null | undefined): boolean {
  return e?.status === "gathering" || e?.status === "releasing";
}
