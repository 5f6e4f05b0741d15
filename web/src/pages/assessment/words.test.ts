import { describe, expect, test } from "vitest";
import { ageWords, aspectsByArea, concernWords, standingWords, termsBefore, termWords, type FrameworkView } from "./words";

describe("terms and ages", () => {
  test("a term reads as people say it, and the terms before it run back across years", () => {
    expect(termWords("2026-autumn")).toBe("Autumn term 2026");
    expect(termWords("2027-spring")).toBe("Spring term 2027");
    expect(termWords("nonsense")).toBe("nonsense");
    expect(termsBefore("2027-spring", 4)).toEqual(["2026-autumn", "2026-summer", "2026-spring", "2025-autumn"]);
    expect(termsBefore("bad", 2)).toEqual([]);
  });

  test("ages in years and months", () => {
    expect(ageWords(25)).toBe("2 years 1 month");
    expect(ageWords(24)).toBe("2 years");
    expect(ageWords(8)).toBe("8 months");
    expect(ageWords(1)).toBe("1 month");
  });
});

describe("the framework's aspects and a judgement's standing", () => {
  const framework: FrameworkView = {
    framework: "birth-to-5-matters",
    version: "birth-to-5-matters-2021",
    title: "Birth to 5 Matters",
    bands: [],
    aspects: [
      { aspect: "number", title: "Number", area: "mathematics", prime: false },
      { aspect: "speaking", title: "Speaking", area: "communication-and-language", prime: true },
      { aspect: "listening-attention-and-understanding", title: "Listening, attention and understanding", area: "communication-and-language", prime: true },
    ],
  };

  test("aspects sit under their areas, the prime areas first", () => {
    const groups = aspectsByArea(framework);
    expect(groups.map((g) => g.title)).toEqual(["Communication and language", "Mathematics"]);
    expect(groups[0]!.aspects.map((a) => a.aspect)).toEqual(["speaking", "listening-attention-and-understanding"]);
  });

  test("standing and concerns in words", () => {
    expect(standingWords("below")).toBe("Below what is typical for their age");
    expect(standingWords(null)).toBe("");
    const title = (a: string) => (a === "speaking" ? "Speaking" : a);
    expect(concernWords({ kind: "not-judged", aspect: "speaking" }, title)).toBe("Speaking: not judged this term");
    expect(concernWords({ kind: "below", aspect: "speaking", band: "range-2" }, title, () => "Range 2")).toBe(
      "Speaking: judged Range 2, below what is typical for their age",
    );
  });
});
