import { describe, expect, test } from "vitest";
import { aboutWords, clockWords, exportBusy, exportWords, kindWords } from "./words";

describe("data request words", () => {
  test("the clock reads as people say it", () => {
    expect(clockWords({ status: "open", daysLeft: 12 })).toBe("Due in 12 days");
    expect(clockWords({ status: "open", daysLeft: 1 })).toBe("Due tomorrow");
    expect(clockWords({ status: "open", daysLeft: 0 })).toBe("Due today");
    expect(clockWords({ status: "open", daysLeft: -1 })).toBe("1 day overdue");
    expect(clockWords({ status: "open", daysLeft: -9 })).toBe("9 days overdue");
    expect(clockWords({ status: "answered", daysLeft: null })).toBe("Answered");
  });
  test("says what a request asks for", () => {
    expect(kindWords("access")).toBe("A copy of everything held");
    expect(kindWords("erasure")).toMatch(/^Erasure/);
  });
  test("says whom a request is about", () => {
    expect(aboutWords({ kind: "child", childId: "c1", name: "Ava Okafor" })).toBe("Ava Okafor (child)");
    expect(aboutWords({ kind: "person", name: "Sam Okafor" })).toBe("Sam Okafor");
  });
  test("says where an export stands", () => {
    const e = {
      status: "released" as const,
      gatheredBy: "Mina",
      askedAt: "2026-12-01T09:00:00Z",
      items: 12,
      withheld: 2,
      mediaLeftOut: 1,
      pdfBytes: 1,
      archiveBytes: 2,
    };
    expect(exportWords(e, false)).toBe("Released: 10 items, 2 withheld with the reasons listed; 1 photo or video left out by another family's consent.");
    expect(exportWords({ ...e, status: "review", withheld: 0 }, true)).toBe("12 items gathered: review them, then release.");
    expect(exportWords({ ...e, status: "review" }, false)).toBe("The setting is reviewing your data…");
    expect(exportBusy({ ...e, status: "gathering" })).toBe(true);
    expect(exportBusy(e)).toBe(false);
    expect(exportBusy(null)).toBe(false);
  });
});
