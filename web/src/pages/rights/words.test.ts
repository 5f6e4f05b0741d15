import { describe, expect, test } from "vitest";
import { aboutWords, clockWords } from "./words";

describe("data request words", () => {
  test("the clock reads as people say it", () => {
    expect(clockWords({ status: "open", daysLeft: 12 })).toBe("Due in 12 days");
    expect(clockWords({ status: "open", daysLeft: 1 })).toBe("Due tomorrow");
    expect(clockWords({ status: "open", daysLeft: 0 })).toBe("Due today");
    expect(clockWords({ status: "open", daysLeft: -1 })).toBe("1 day overdue");
    expect(clockWords({ status: "open", daysLeft: -9 })).toBe("9 days overdue");
    expect(clockWords({ status: "answered", daysLeft: null })).toBe("Answered");
  });
  test("says whom a request is about", () => {
    expect(aboutWords({ kind: "child", childId: "c1", name: "Ava Okafor" })).toBe("Ava Okafor (child)");
    expect(aboutWords({ kind: "person", name: "Sam Okafor" })).toBe("Sam Okafor");
  });
});
