import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import {
  changedLines,
  codeGroups,
  codeWords,
  defaultSession,
  defaultTutorGroup,
  fitsSession,
  markEveryonePresent,
  missingReasons,
  needsReason,
  percentWords,
  presentCode,
  reasonsMissingWords,
  savedWords,
  sessionsWords,
  startLines,
  termAttendanceWords,
  tutorGroupOptions,
  type Code,
  type RegisterPupil,
} from "./marks";

const codes: Code[] = [
  { code: "/", meaning: "Present in the morning session when the register was taken", category: "present" },
  { code: "\\", meaning: "Present in the afternoon session when the register was taken", category: "present" },
  { code: "L", meaning: "Late: arrived after the register began but before it closed", category: "present" },
  { code: "V", meaning: "On an educational visit or trip supervised by school staff", category: "approved-activity" },
  { code: "M", meaning: "Leave to attend a medical or dental appointment", category: "leave-of-absence" },
  { code: "I", meaning: "Illness", category: "authorised-absence" },
  { code: "Y1", meaning: "Unable to attend: transport normally provided is not available", category: "unavoidable-cause" },
  { code: "N", meaning: "Reason for absence not yet established", category: "unauthorised-absence" },
  { code: "#", meaning: "Planned whole school closure", category: "administrative" },
];

const mark = (code: string, version: number): Schemas["MarkView"] => ({
  code,
  meaning: codes.find((c) => c.code === code)?.meaning ?? "",
  category: codes.find((c) => c.code === code)?.category ?? "present",
  version,
  entries: [{ code, by: "tia", byName: "Tia Reed", at: "2026-12-07T08:50:00Z" }],
});

// Zara marked present this morning; Tom not marked yet; Ann absent (N) this afternoon.
const pupils: RegisterPupil[] = [
  { childId: "zara", firstName: "Zara", lastName: "Ali", am: mark("/", 1) },
  { childId: "tom", firstName: "Tom", lastName: "Hughes" },
  { childId: "ann", firstName: "Ann", lastName: "Jones", pm: mark("N", 1) },
];

describe("the codes a session takes", () => {
  it("offers each session its own present code", () => {
    expect(presentCode("am")).toBe("/");
    expect(presentCode("pm")).toBe("\\");
    expect(fitsSession("/", "am")).toBe(true);
    expect(fitsSession("/", "pm")).toBe(false);
    expect(fitsSession("\\", "pm")).toBe(true);
    expect(fitsSession("\\", "am")).toBe(false);
    expect(fitsSession("L", "am")).toBe(true);
    expect(fitsSession("N", "pm")).toBe(true);
  });
  it("groups the codes that fit by category, in the regulations' order", () => {
    const morning = codeGroups(codes, "am");
    expect(morning.map((g) => g.label)).toEqual([
      "Present",
      "Attending an approved activity",
      "Leave of absence",
      "Authorised absence",
      "Unable to attend (unavoidable cause)",
      "Unauthorised absence",
      "Not counted",
    ]);
    expect(morning[0]?.codes.map((c) => c.code)).toEqual(["/", "L"]);
    expect(codeGroups(codes, "pm")[0]?.codes.map((c) => c.code)).toEqual(["\\", "L"]);
    // A category with no code is left out.
    expect(codeGroups(codes.filter((c) => c.category !== "administrative"), "am").map((g) => g.label)).not.toContain("Not counted");
  });
  it("says a mark as its code and meaning", () => {
    expect(codeWords(codes[5])).toBe("I Illness");
    expect(codeWords(null)).toBe("—");
    expect(codeWords(undefined)).toBe("—");
  });
  it("takes the morning register before noon on the setting's clock, the afternoon's after", () => {
    expect(defaultSession("08:45")).toBe("am");
    expect(defaultSession("11:59")).toBe("am");
    expect(defaultSession("12:00")).toBe("pm");
    expect(defaultSession("13:30")).toBe("pm");
  });
});

describe("the register's form", () => {
  it("starts from each pupil's mark for the session", () => {
    expect(startLines(pupils, "am")).toEqual([
      { childId: "zara", code: "/", reason: "" },
      { childId: "tom", code: "", reason: "" },
      { childId: "ann", code: "", reason: "" },
    ]);
    expect(startLines(pupils, "pm").map((l) => l.code)).toEqual(["", "", "N"]);
  });
  it("marks only those not yet marked present", () => {
    const lines = startLines(pupils, "am");
    lines[2]!.code = "I";
    expect(markEveryonePresent(pupils, "am", lines).map((l) => l.code)).toEqual(["/", "/", "I"]);
    expect(markEveryonePresent(pupils, "pm", startLines(pupils, "pm")).map((l) => l.code)).toEqual(["\\", "\\", "N"]);
  });
  it("asks a reason only for a different code over a mark", () => {
    expect(needsReason("N", "I")).toBe(true);
    expect(needsReason("N", "N")).toBe(false);
    expect(needsReason(undefined, "N")).toBe(false);
    expect(needsReason("N", "")).toBe(false);
  });
  it("finds the changes still lacking their reason", () => {
    const lines = startLines(pupils, "pm");
    lines[2]!.code = "I";
    expect(missingReasons(pupils, "pm", lines).map((p) => p.childId)).toEqual(["ann"]);
    lines[2]!.reason = "   ";
    expect(missingReasons(pupils, "pm", lines).map((p) => p.childId)).toEqual(["ann"]);
    lines[2]!.reason = "x".repeat(201);
    expect(missingReasons(pupils, "pm", lines).map((p) => p.childId)).toEqual(["ann"]);
    lines[2]!.reason = "Mother rang: unwell";
    expect(missingReasons(pupils, "pm", lines)).toEqual([]);
    // A first mark needs none.
    lines[0]!.code = "N";
    expect(missingReasons(pupils, "pm", lines)).toEqual([]);
  });
  it("says whose reasons are missing", () => {
    expect(reasonsMissingWords([{ firstName: "Tom" }])).toBe(
      "Give the reason for changing Tom's mark (1 to 200 characters): the register keeps it with the change.",
    );
    expect(reasonsMissingWords([{ firstName: "Tom" }, { firstName: "Zara" }, { firstName: "Ann" }])).toMatch(/^Give the reason for changing the marks of Tom, Zara and Ann /);
  });
  it("sends only the changed lines, each at the version read, a reason only with an amendment", () => {
    const lines = startLines(pupils, "am");
    expect(changedLines(pupils, "am", lines)).toEqual([]);
    lines[1]!.code = "L";
    lines[1]!.reason = "typed, then the code changed back";
    lines[0]!.code = "M";
    lines[0]!.reason = "  Dentist  ";
    expect(changedLines(pupils, "am", lines)).toEqual([
      { childId: "zara", code: "M", version: 1, reason: "Dentist" },
      { childId: "tom", code: "L", version: 0 },
    ]);
    // The same code again is no change.
    lines[0]!.code = "/";
    expect(changedLines(pupils, "am", lines)).toEqual([{ childId: "tom", code: "L", version: 0 }]);
  });
  it("says what was saved: first marks and changes", () => {
    expect(savedWords([{ childId: "tom", code: "\\", version: 0 }, { childId: "zara", code: "\\", version: 0 }])).toBe("Register saved: 2 marked, 0 changed.");
    expect(savedWords([{ childId: "tom", code: "I", version: 1, reason: "Unwell" }])).toBe("Register saved: 0 marked, 1 changed.");
  });
});

describe("tutor groups", () => {
  const structure: Schemas["SchoolStructure"] = {
    yearGroups: [
      {
        yearGroupId: "y9",
        name: "Year 9",
        learningManagerId: "lee",
        tutorGroups: [
          { tutorGroupId: "9ab", name: "9AB", tutorId: "lee" },
          { tutorGroupId: "9rd", name: "9RD", tutorId: "tia" },
        ],
      },
      { yearGroupId: "y10", name: "Year 10", learningManagerId: "tia", tutorGroups: [{ tutorGroupId: "10cd", name: "10CD", tutorId: "sam" }] },
    ],
    teachingGroups: [],
    pointCategories: { achievement: [], behaviour: [] },
  };
  it("names each by its year", () => {
    expect(tutorGroupOptions(structure)).toEqual([
      { value: "9ab", label: "Year 9, 9AB" },
      { value: "9rd", label: "Year 9, 9RD" },
      { value: "10cd", label: "Year 10, 10CD" },
    ]);
  });
  it("starts from the group asked for, else the caller's own, else the first", () => {
    expect(defaultTutorGroup(structure, "tia", "10cd")).toBe("10cd");
    expect(defaultTutorGroup(structure, "tia", "gone")).toBe("9rd");
    expect(defaultTutorGroup(structure, "tia")).toBe("9rd");
    expect(defaultTutorGroup(structure, "head")).toBe("9ab");
    expect(defaultTutorGroup({ ...structure, yearGroups: [] }, "tia")).toBe("");
  });
});

describe("attendance in words", () => {
  it("says tenths of a percent with one decimal", () => {
    expect(percentWords(965)).toBe("96.5%");
    expect(percentWords(1000)).toBe("100.0%");
    expect(percentWords(950)).toBe("95.0%");
    expect(percentWords(0)).toBe("0.0%");
    expect(percentWords(7)).toBe("0.7%");
    expect(percentWords(null)).toBeNull();
    expect(percentWords(undefined)).toBeNull();
  });
  it("counts sessions", () => {
    expect(sessionsWords({ attended: 38, possible: 40 })).toBe("38 of 40 sessions");
    expect(sessionsWords({ attended: 1, possible: 1 })).toBe("1 of 1 session");
  });
  it("says each term", () => {
    const totals = { possible: 40, attended: 38, authorisedAbsences: 1, unauthorisedAbsences: 1 };
    expect(termAttendanceWords({ term: "2026-autumn", totals, attendancePerMille: 950 })).toBe("Autumn 2026: 95.0%, 38 of 40 sessions");
    expect(termAttendanceWords({ term: "2027-spring", totals: { ...totals, possible: 0, attended: 0 }, attendancePerMille: null })).toBe(
      "Spring 2027: no sessions counted",
    );
  });
});
