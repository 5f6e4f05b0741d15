// Who pays for a child, without React: the split the "Who pays" form sends and the sentence
// the parents read about it.
import type { Schemas } from "../../api/client";

export type Split = Schemas["Split"];
/** A split as read back from the API (a pair of the shares reads as a plain array). */
type SavedSplit =
  | { by: "percent"; shares: readonly (readonly (string | number)[])[] }
  | { by: "item"; payers: readonly string[]; kinds: Readonly<Partial<Record<string, string>>> };
type LineKind = Schemas["LineKind"];

/** The kinds of line a payer can be given in a split by item, in the order the form asks.
 * Funded hours cost nothing and every payer's invoice shows them, so they are never a choice. */
export const ITEM_KINDS = ["paid-hours", "food", "consumables", "activities"] as const satisfies readonly LineKind[];
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_NAMES: Record<ItemKind, string> = {
  "paid-hours": "paid hours",
  food: "food",
  consumables: "consumables",
  activities: "activities",
};

/** How the bill is split between two or more payers, as the form holds it: the shares as
 * typed, and for each kind of item the payer chosen ("" or someone no longer a payer means the
 * first payer, as the form shows it). */
export type SplitFields = {
  by: "percent" | "item";
  shares: Record<string, string>;
  kinds: Record<ItemKind, string>;
};

/** "60" or "33.34" percent as hundredths of a percent; null for anything else. */
export function hundredths(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const value = Number(m[1]) * 100 + Number((m[2] ?? "0").padEnd(2, "0"));
  return value <= 10_000 ? value : null;
}

/** "a", "a and b", "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The payers chosen, in the order the form lists the parents who may pay (so the first payer
 * is the first shown); anyone no longer listed (who may no longer pay) is left out. */
export function inListedOrder(chosen: readonly string[], listed: readonly string[]): string[] {
  return listed.filter((p) => chosen.includes(p));
}

/** A percentage split's shares, as (payer, hundredths of a percent); none for any other split. */
export function sharesOf(split: SavedSplit | null | undefined): [string, number][] {
  return split?.by === "percent" ? split.shares.map(([id, share]) => [String(id), Number(share)]) : [];
}

/** Who pays for a kind of item: the payer chosen for it if they pay, else the first payer. */
export function payerFor(kinds: Partial<Record<string, string>>, kind: ItemKind, payers: readonly string[]): string {
  const chosen = kinds[kind];
  return chosen !== undefined && payers.includes(chosen) ? chosen : (payers[0] ?? "");
}

/** The form's choice for each kind of item, from a saved split: each kind a split by item names
 * goes to that payer, any other to the split's first payer; with no split by item, "" (the first
 * payer the form shows). */
export function kindsOf(split: SavedSplit | null | undefined): Record<ItemKind, string> {
  const item = split?.by === "item" ? split : undefined;
  return Object.fromEntries(ITEM_KINDS.map((k) => [k, item ? payerFor(item.kinds, k, item.payers) : ""])) as Record<ItemKind, string>;
}

/** The split to send for these payers (in order, the first taking any kind not named): none for
 * one payer; for two or more, the shares of a split by percentage (each a percentage, else an
 * error) or each kind of item to one of the payers. */
export function splitOf(payers: readonly string[], f: SplitFields): { split?: Split; error?: string } {
  if (payers.length < 2) return {};
  if (f.by === "item") {
    return { split: { by: "item", payers: [...payers], kinds: Object.fromEntries(ITEM_KINDS.map((k) => [k, payerFor(f.kinds, k, payers)])) } };
  }
  const shares = payers.map((p) => [p, hundredths(f.shares[p] ?? "")] as const);
  if (shares.some(([, s]) => s === null)) return { error: "Each share is a percentage, such as 60 or 33.33." };
  return { split: { by: "percent", shares: shares.map(([p, s]) => [p, s ?? 0]) } };
}

/** Who pays, for the parents: "Paid by Anna Smith (60%) and Tom Smith (40%)." or, split by item,
 * "Paid by Anna Smith and Tom Smith: Anna Smith pays for paid hours and food; Tom Smith pays for
 * consumables and activities." (a payer given no kind of item is not named after the colon). */
export function payersWords(billing: { payers: readonly string[]; split?: SavedSplit | null }, name: (userId: string) => string): string {
  const { payers, split } = billing;
  if (split?.by === "item") {
    const kindsOfPayer = (p: string) => ITEM_KINDS.filter((k) => payerFor(split.kinds, k, split.payers) === p);
    const parts = payers
      .map((p) => [p, kindsOfPayer(p)] as const)
      .filter(([, kinds]) => kinds.length > 0)
      .map(([p, kinds]) => `${name(p)} pays for ${listWords(kinds.map((k) => ITEM_KIND_NAMES[k]))}`);
    return `Paid by ${payers.map(name).join(" and ")}${parts.length > 0 ? `: ${parts.join("; ")}` : ""}.`;
  }
  const shares = sharesOf(split);
  return `Paid by ${payers
    .map((p) => {
      const share = shares.find(([id]) => id === p)?.[1];
      return share === undefined ? name(p) : `${name(p)} (${share / 100}%)`;
    })
    .join(" and ")}.`;
}
