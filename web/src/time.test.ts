import { describe, expect, test } from "vitest";
import { addDays, clock, formatDay, formatTime, formatWeekday, fromInput, instantOf, isZone, mondayOf, offsetMinutes, toInput, today, wallClock } from "./time";

const LONDON = "Europe/London";

describe("a setting's wall clock", () => {
  test("follows the setting's zone, not the device's", () => {
    // 23:30 UTC on 31 July is already 1 August in London (BST) and still 31 July in New York.
    const at = new Date("2026-07-31T23:30:00Z");
    expect(wallClock(at, LONDON)).toEqual({ day: "2026-08-01", time: "00:30" });
    expect(wallClock(at, "America/New_York")).toEqual({ day: "2026-07-31", time: "19:30" });
    expect(today(LONDON, at)).toBe("2026-08-01");
  });

  test("knows the offsets either side of the clocks changing", () => {
    expect(offsetMinutes(new Date("2026-01-15T12:00:00Z"), LONDON)).toBe(0);
    expect(offsetMinutes(new Date("2026-07-15T12:00:00Z"), LONDON)).toBe(60);
    expect(offsetMinutes(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toBe(330);
  });
});

describe("reading a time someone typed", () => {
  test("a summer morning in London is an hour before the same reading in UTC", () => {
    expect(instantOf("2026-06-01", "09:15", LONDON)).toBe("2026-06-01T08:15:00.000Z");
    expect(instantOf("2026-12-01", "09:15", LONDON)).toBe("2026-12-01T09:15:00.000Z");
  });

  test("the evening the clocks go forward and the morning they go back", () => {
    // 29 March 2026: 01:00 GMT becomes 02:00 BST. 00:30 is still GMT; 03:00 is BST.
    expect(instantOf("2026-03-29", "00:30", LONDON)).toBe("2026-03-29T00:30:00.000Z");
    expect(instantOf("2026-03-29", "03:00", LONDON)).toBe("2026-03-29T02:00:00.000Z");
    // 01:30 never happens that night: it is read with the offset before, landing at 02:30 BST.
    expect(instantOf("2026-03-29", "01:30", LONDON)).toBe("2026-03-29T01:30:00.000Z");
    // 25 October 2026: 01:30 happens twice; the first (BST) is taken.
    expect(instantOf("2026-10-25", "01:30", LONDON)).toBe("2026-10-25T00:30:00.000Z");
  });

  test("a datetime input round-trips through an instant in the setting's zone", () => {
    const iso = fromInput("2026-06-01T09:15", LONDON);
    expect(iso).toBe("2026-06-01T08:15:00.000Z");
    expect(toInput(iso!, LONDON)).toBe("2026-06-01T09:15");
    expect(fromInput("", LONDON)).toBeUndefined();
    expect(fromInput("yesterday", LONDON)).toBeUndefined();
  });

  test("malformed days are refused, not guessed", () => {
    expect(() => instantOf("2026-13-45", "09:00", LONDON)).toThrow(RangeError);
  });
});

describe("calendar days", () => {
  test("add across month and year ends and find their Monday", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(mondayOf("2026-12-06")).toBe("2026-11-30"); // a Sunday
    expect(mondayOf("2026-11-30")).toBe("2026-11-30");
  });

  test("a calendar day is shown as itself in every zone", () => {
    expect(formatDay("2026-03-01", "Pacific/Kiritimati")).toBe(formatDay("2026-03-01", "Pacific/Pago_Pago"));
    expect(formatDay("2026-03-01", LONDON)).toBe("1 Mar 2026");
    expect(formatWeekday("2026-12-07")).toBe("Mon 7 Dec");
    expect(formatWeekday("not a day")).toBe("not a day");
  });
});

describe("showing instants", () => {
  test("a time is shown as the setting reads its clock", () => {
    expect(formatTime("2026-07-01T08:05:00Z", LONDON)).toBe("09:05");
    expect(formatTime("2026-07-01T08:05:00Z", "UTC")).toBe("08:05");
    expect(clock(LONDON).when("2026-07-01T08:05:00Z")).toBe("1 Jul 2026, 09:05");
  });

  test("what is not an instant is shown as given, and nothing as nothing", () => {
    expect(formatTime("not a time", LONDON)).toBe("not a time");
    expect(formatTime(null, LONDON)).toBe("");
  });

  test("only real zones are zones", () => {
    expect(isZone(LONDON)).toBe(true);
    expect(isZone("Mars/Olympus")).toBe(false);
  });
});
