import { describe, expect, it } from "vitest";
import {
  contactWords,
  durationWords,
  firstContactWords,
  givenWords,
  guidanceWords,
  kindWords,
  lessonWords,
  marksPublishingWords,
  messageAboutPointWords,
  pointProblemWords,
  pointRecipientWords,
  pointsWords,
  pointSubjectWords,
  publishingWords,
  schoolProblemWords,
  teachingGroupWords,
  termName,
  termPointsWords,
  totalsWords,
} from "./words";

const tia = { role: "subject-teacher", userId: "u1", name: "Tia Reed" } as const;
const lee = { role: "learning-manager", userId: "u2", name: "Lee Grant" } as const;

describe("points words", () => {
  it("names kinds, points and lessons", () => {
    expect(kindWords("achievement")).toBe("Achievement");
    expect(kindWords("behaviour")).toBe("Behaviour");
    expect(pointsWords(1)).toBe("1 point");
    expect(pointsWords(5)).toBe("5 points");
    expect(teachingGroupWords({ subject: "Maths", name: "9x1" })).toBe("Maths 9x1");
    expect(lessonWords({ subject: "Maths", teachingGroup: "9x1", teachingGroupId: "9x1-ma" })).toBe("Maths 9x1");
    expect(lessonWords(null)).toBe("Outside a lesson");
    expect(lessonWords(undefined)).toBe("Outside a lesson");
  });
  it("tells staff the first contact once a point is given", () => {
    expect(firstContactWords(tia)).toBe("Tia Reed (subject teacher)");
    expect(firstContactWords(lee)).toBe("Lee Grant (Learning Manager)");
    expect(firstContactWords({ ...lee, name: "" })).toBe("the Learning Manager");
    expect(givenWords({ firstContact: tia })).toBe("Point given. First contact: Tia Reed (subject teacher).");
  });
  it("tells parents to ask their child first, then whom to contact", () => {
    expect(contactWords(tia)).toBe("Tia Reed, the subject teacher");
    expect(contactWords(lee)).toBe("Lee Grant, the year's Learning Manager");
    expect(guidanceWords("Zara", tia)).toBe("Ask Zara about it first. If you then want to talk to the school, contact Tia Reed, the subject teacher.");
    expect(guidanceWords("Zara", lee)).toBe(
      "Ask Zara about it first. If you then want to talk to the school, contact Lee Grant, the year's Learning Manager.",
    );
    expect(guidanceWords(" ", { ...tia, name: " " })).toBe("Ask your child about it first. If you then want to talk to the school, contact the subject teacher.");
  });
  it("says the totals", () => {
    expect(totalsWords({ achievement: 2, behaviour: 1 })).toBe("2 achievement points, 1 behaviour point");
    expect(totalsWords({ achievement: 0, behaviour: 0 })).toBe("0 achievement points, 0 behaviour points");
  });
});

describe("terms", () => {
  it("names a term's key as people say it", () => {
    expect(termName("2026-autumn")).toBe("Autumn 2026");
    expect(termName("2027-spring")).toBe("Spring 2027");
    expect(termName("2027-summer")).toBe("Summer 2027");
    for (const odd of ["2026", "2026-winter", "autumn-2026", ""]) expect(termName(odd)).toBe(odd);
  });
  it("says a term's points", () => {
    expect(termPointsWords({ term: "2026-autumn", totals: { achievement: 4, behaviour: 1 } })).toBe("Autumn 2026: 4 achievement points, 1 behaviour point");
  });
});

describe("writing about a point", () => {
  it("names the first contact on the link and the message form, and starts the subject", () => {
    expect(messageAboutPointWords(tia)).toBe("Message Tia Reed about this point");
    expect(messageAboutPointWords({ ...lee, name: " " })).toBe("Message the Learning Manager about this point");
    expect(pointRecipientWords(tia)).toBe("To: Tia Reed (the subject teacher)");
    expect(pointRecipientWords(lee)).toBe("To: Lee Grant (the year's Learning Manager)");
    expect(pointRecipientWords({ ...lee, name: "" })).toBe("To: the year's Learning Manager");
    expect(pointSubjectWords("Good homework", "7 Dec 2026")).toBe("About the point: Good homework, 7 Dec 2026");
  });
});

describe("the publishing delay", () => {
  it("says durations", () => {
    expect(durationWords(60)).toBe("1 hour");
    expect(durationWords(90)).toBe("1 hour 30 minutes");
    expect(durationWords(15)).toBe("15 minutes");
    expect(durationWords(121)).toBe("2 hours 1 minute");
    expect(durationWords(1440)).toBe("24 hours");
  });
  it("says when points appear and asks parents to wait", () => {
    expect(publishingWords({ morningAt: "10:30", delayMinutes: 60 })).toBe(
      "Points appear here after the school's publishing delay: 1 hour after they are given, and none before 10:30 in the morning. Please do not contact the school about a point before it appears here.",
    );
    // Never sooner than 15 minutes, as attendance marks.
    expect(publishingWords({ morningAt: "09:00", delayMinutes: 5 })).toContain("15 minutes after they are given");
    expect(marksPublishingWords({ morningAt: "10:30", delayMinutes: 60 })).toBe(
      "Marks appear here after the school's publishing delay: not before 10:30, and at least 1 hour after the register is taken. Please do not contact the school about a mark before it appears here.",
    );
    expect(marksPublishingWords({ morningAt: "09:00", delayMinutes: 5 })).toContain("at least 15 minutes after the register is taken");
    expect(marksPublishingWords(undefined)).toMatch(/^Marks appear here after the school's publishing delay, a while after the register is taken\. Please do not contact/);
    expect(publishingWords(undefined)).toBe(
      "Points appear here after the school's publishing delay, a while after they are given. Please do not contact the school about a point before it appears here.",
    );
  });
});

describe("problems", () => {
  it("says what to do about a refused save of the groups", () => {
    expect(schoolProblemWords({ slug: "conflict" })).toMatch(/^Someone else saved the school's groups/);
    expect(schoolProblemWords({ slug: "not-a-school" })).toBe("This setting is a nursery: it has no year groups, tutor groups or points.");
    expect(schoolProblemWords({ slug: "validation-failed", detail: "pupils is not a valid pupil of the school, in one tutor group" })).toBe(
      "Nothing was saved. Check the pupils (each pupil of the school, in one tutor group only, at most 40 in a group), then save again.",
    );
    expect(schoolProblemWords({ slug: "validation-failed", detail: "tutorId is not a valid member of the school's staff" })).toMatch(/each tutor group's tutor/);
    expect(schoolProblemWords({ slug: "validation-failed", detail: "something else" })).toBe("Nothing was saved. Correct the groups, then save again.");
    expect(schoolProblemWords({ slug: "validation-failed" })).toBe("Nothing was saved. Correct the groups, then save again.");
    expect(schoolProblemWords({ slug: "forbidden" })).toBeNull();
  });
  it("says what to do about a point outside a lesson for a pupil in no tutor group", () => {
    expect(pointProblemWords({ slug: "no-tutor-group" }, "Tom")).toBe(
      "Tom is in no tutor group, so there is no Learning Manager to name for a point outside a lesson. Choose the lesson, or ask a manager to put Tom in a tutor group.",
    );
    expect(pointProblemWords({ slug: "validation-failed" }, "Tom")).toBeNull();
  });
});
