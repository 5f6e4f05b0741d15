import { describe, expect, it } from "vitest";
import { hundredths, inListedOrder, kindsOf, listWords, payerFor, payersWords, sharesOf, splitOf, type SplitFields } from "./billingWords";

const NAMES: Record<string, string> = { anna: "Anna Smith", tom: "Tom Smith", gran: "Mary Jones" };
const name = (id: string) => NAMES[id] ?? "A parent";
const noKinds = { "paid-hours": "", food: "", consumables: "", activities: "" };
const fields = (f: Partial<SplitFields>): SplitFields => ({ by: "percent", shares: {}, kinds: noKinds, ...f });

describe("who pays: the split the form sends", () => {
  it("reads a percentage as hundredths of a percent", () => {
    expect(hundredths("60")).toBe(6000);
    expect(hundredths("33.34")).toBe(3334);
    expect(hundredths("0.5")).toBe(50);
    expect(hundredths(" 100 ")).toBe(10_000);
    for (const bad of ["", "100.01", "101", "-1", "1.234", "abc", "60%"]) expect(hundredths(bad)).toBeNull();
  });
  it("keeps the payers chosen in the order the parents are listed, leaving out anyone not listed", () => {
    expect(inListedOrder(["tom", "anna"], ["anna", "tom", "gran"])).toEqual(["anna", "tom"]);
    expect(inListedOrder(["gone", "tom"], ["anna", "tom"])).toEqual(["tom"]);
  });
  it("sends no split for one payer, whatever the form holds", () => {
    expect(splitOf(["anna"], fields({ by: "item", kinds: { ...noKinds, food: "anna" } }))).toEqual({});
    expect(splitOf(["anna"], fields({ shares: { anna: "oops" } }))).toEqual({});
    expect(splitOf([], fields({}))).toEqual({});
  });
  it("splits by percentage in hundredths, and refuses a share that is not a percentage", () => {
    expect(splitOf(["anna", "tom"], fields({ shares: { anna: "60", tom: "40", gran: "5" } }))).toEqual({
      split: { by: "percent", shares: [["anna", 6000], ["tom", 4000]] },
    });
    expect(splitOf(["anna", "tom"], fields({ shares: { anna: "60" } })).error).toBe("Each share is a percentage, such as 60 or 33.33.");
    expect(splitOf(["anna", "tom"], fields({ shares: { anna: "60", tom: "forty" } })).split).toBeUndefined();
  });
  it("splits by item naming exactly the payers, each kind to its payer and any unchosen to the first", () => {
    const { split } = splitOf(["tom", "anna"], fields({ by: "item", shares: { tom: "x" }, kinds: { ...noKinds, food: "anna", activities: "gran" } }));
    expect(split).toEqual({
      by: "item",
      payers: ["tom", "anna"],
      // "" (never chosen) and someone who is no longer a payer both mean the first payer.
      kinds: { "paid-hours": "tom", food: "anna", consumables: "tom", activities: "tom" },
    });
    expect(Object.keys(split?.by === "item" ? split.kinds : {})).not.toContain("funded-hours");
  });
  it("loads a saved split by item back into the form, unnamed kinds to the split's first payer", () => {
    const saved = { by: "item" as const, payers: ["tom", "anna"], kinds: { food: "anna", "funded-hours": "anna" } };
    expect(kindsOf(saved)).toEqual({ "paid-hours": "tom", food: "anna", consumables: "tom", activities: "tom" });
    expect(kindsOf({ by: "percent", shares: [["anna", 5000], ["tom", 5000]] })).toEqual(noKinds);
    expect(kindsOf(undefined)).toEqual(noKinds);
    // Loaded, then saved with the parents listed the other way round: nothing moves.
    expect(splitOf(["anna", "tom"], fields({ by: "item", kinds: kindsOf(saved) })).split).toEqual({
      by: "item",
      payers: ["anna", "tom"],
      kinds: { "paid-hours": "tom", food: "anna", consumables: "tom", activities: "tom" },
    });
  });
  it("says who pays for a kind: the chosen payer if they pay, else the first", () => {
    expect(payerFor({ food: "tom" }, "food", ["anna", "tom"])).toBe("tom");
    expect(payerFor({ food: "gran" }, "food", ["anna", "tom"])).toBe("anna");
    expect(payerFor({}, "food", ["anna", "tom"])).toBe("anna");
  });
  it("reads a percentage split's shares", () => {
    expect(sharesOf({ by: "percent", shares: [["anna", 6000], ["tom", 4000]] })).toEqual([["anna", 6000], ["tom", 4000]]);
    expect(sharesOf({ by: "item", payers: ["anna", "tom"], kinds: {} })).toEqual([]);
    expect(sharesOf(null)).toEqual([]);
  });
});

describe("who pays: what the parents read", () => {
  it("lists things as people say them", () => {
    expect(listWords([])).toBe("");
    expect(listWords(["food"])).toBe("food");
    expect(listWords(["food", "activities"])).toBe("food and activities");
    expect(listWords(["paid hours", "food", "activities"])).toBe("paid hours, food and activities");
  });
  it("names one payer, or each payer's percentage as before", () => {
    expect(payersWords({ payers: ["anna"] }, name)).toBe("Paid by Anna Smith.");
    expect(payersWords({ payers: ["anna", "tom"], split: { by: "percent", shares: [["anna", 6000], ["tom", 4000]] } }, name)).toBe(
      "Paid by Anna Smith (60%) and Tom Smith (40%).",
    );
    expect(payersWords({ payers: ["anna", "tom"], split: { by: "percent", shares: [["anna", 6667], ["tom", 3333]] } }, name)).toBe(
      "Paid by Anna Smith (66.67%) and Tom Smith (33.33%).",
    );
  });
  it("groups a split by item's kinds by payer, the unnamed kinds with the first payer", () => {
    const split = { by: "item" as const, payers: ["anna", "tom"], kinds: { food: "anna", consumables: "tom", activities: "tom" } };
    expect(payersWords({ payers: ["anna", "tom"], split }, name)).toBe(
      "Paid by Anna Smith and Tom Smith: Anna Smith pays for paid hours and food; Tom Smith pays for consumables and activities.",
    );
    // The split's first payer takes what is not named, whatever order the payers are listed in.
    expect(payersWords({ payers: ["anna", "tom"], split: { by: "item", payers: ["tom", "anna"], kinds: { food: "anna" } } }, name)).toBe(
      "Paid by Anna Smith and Tom Smith: Anna Smith pays for food; Tom Smith pays for paid hours, consumables and activities.",
    );
  });
  it("leaves out of the detail a payer given no kind of item, and never names funded hours", () => {
    const split = { by: "item" as const, payers: ["anna", "tom", "gran"], kinds: { "funded-hours": "gran", activities: "tom" } };
    expect(payersWords({ payers: ["anna", "tom", "gran"], split }, name)).toBe(
      "Paid by Anna Smith and Tom Smith and Mary Jones: Anna Smith pays for paid hours, food and consumables; Tom Smith pays for activities.",
    );
  });
});
