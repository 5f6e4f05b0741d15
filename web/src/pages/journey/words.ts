import type { Schemas } from "../../api/client";

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12 entries, 30 photos and videos (2 left out by another family's choice), PDF 1.2 MB, archive 80 MB." */
export function journeyFacts(j: Schemas["JourneyView"]): string {
  const leftOut = j.mediaLeftOut > 0 ? ` (${plural(j.mediaLeftOut, "left out", "left out")} by another family's choice)` : "";
  return `${plural(j.entries, "entry", "entries")}, ${plural(j.media, "photo or video", "photos and videos")}${leftOut}. PDF ${size(j.pdfBytes)}, archive ${size(j.archiveBytes)}.`;
}

/** Bytes as people read them (decimal, as the file managers show). */
export function size(bytes: number): string {
  if (bytes < 1_000_000) return `${Math.max(1, Math.round(bytes / 1000))} kB`;
  if (bytes < 1_000_000_000) return `${(bytes / 1_000_000).toFixed(1)} MB`;
  return `${(bytes / 1_000_000_000).toFixed(2)} GB`;
}
