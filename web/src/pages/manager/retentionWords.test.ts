import { describe, expect, test } from "vitest";
import { monthsWords, periodWords } from "./retentionWords";

describe("retention words", () => {
  test("periods read as people say them", () => {
    expect(periodWords({ until: "age", months: 255 })).toBe("until the child is 21 years and 3 months old");
    expect(periodWords({ until: "age", months: 300 })).toBe("until the child is 25 years old");
    expect(periodWords({ until: "after-leaving", months: 36 })).toBe("3 years after the child leaves");
    expect(periodWords({ until: "after-leaving", months: 0 })).toBe("until the child leaves");
    expect(monthsWords(13)).toBe("1 year and 1 month");
    expect(monthsWords(5)).toBe("5 months");
  });
});
