import { describe, expect, it } from "vitest";
import type { Schemas } from "../../api/client";
import { categoryLines, lessonsFor, placeOf, pupilsByTutorGroup, structureProblem, toForm, toStructure } from "./structure";

const structure: Schemas["SchoolStructure"] = {
  yearGroups: [
    {
      yearGroupId: "y9",
      name: "Year 9",
      learningManagerId: "lee",
      tutorGroups: [
        { tutorGroupId: "9rd", name: "9RD", tutorId: "tia", pupils: ["zara", "tom"] },
        { tutorGroupId: "9jb", name: "9JB", tutorId: "lee" },
      ],
    },
    { yearGroupId: "y10", name: "Year 10", learningManagerId: "tia", tutorGroups: [{ tutorGroupId: "10ab", name: "10AB", tutorId: "lee", pupils: ["amy"] }] },
  ],
  teachingGroups: [
    { teachingGroupId: "10x1-ma", subject: "Maths", name: "10x1", teacherId: "tia", yearGroupId: "y10" },
    { teachingGroupId: "9x1-sc", subject: "Science", name: "9x1", teacherId: "lee", yearGroupId: "y9" },
    { teachingGroupId: "9x1-ma", subject: "Maths", name: "9x1", teacherId: "tia", yearGroupId: "y9" },
  ],
  pointCategories: { achievement: ["Good homework", "Helping others"], behaviour: ["Forgot equipment"] },
};

const child = (childId: string, firstName: string) => ({ childId, firstName });

describe("the school's form", () => {
  it("holds the structure and gives it back as it was", () => {
    const form = toForm(structure);
    expect(form.achievement).toBe("Good homework\nHelping others");
    expect(form.yearGroups[0]?.tutorGroups[1]?.pupils).toEqual([]);
    const back = toStructure(form);
    expect(back.pointCategories).toEqual(structure.pointCategories);
    expect(back.teachingGroups).toEqual(structure.teachingGroups);
    expect(back.yearGroups[0]?.tutorGroups[0]?.pupils).toEqual(["zara", "tom"]);
  });
  it("holds whether the early years follow the EYFS: off unless the school said so", () => {
    expect(toForm(structure).earlyYears).toBe(false);
    expect(toStructure(toForm(structure)).earlyYears).toBe(false);
    const on = toForm({ ...structure, earlyYears: true });
    expect(on.earlyYears).toBe(true);
    expect(toStructure(on).earlyYears).toBe(true);
    expect(toStructure({ ...on, earlyYears: false }).earlyYears).toBe(false);
  });
  it("trims names and reads one category a line", () => {
    const form = toForm(structure);
    form.yearGroups[0]!.name = "  Year 9 ";
    form.teachingGroups[0]!.subject = " Maths";
    form.behaviour = " Forgot equipment \r\n\n  Late to lesson\n";
    const back = toStructure(form);
    expect(back.yearGroups[0]?.name).toBe("Year 9");
    expect(back.teachingGroups[0]?.subject).toBe("Maths");
    expect(back.pointCategories.behaviour).toEqual(["Forgot equipment", "Late to lesson"]);
    expect(categoryLines("\n \n")).toEqual([]);
  });
  it("finds what the API would refuse before it is sent", () => {
    expect(structureProblem(structure)).toBeNull();
    expect(structureProblem({ ...structure, yearGroups: structure.yearGroups.slice(0, 1) })).toBe("Choose the year group of Maths 10x1.");
    const twice = toStructure(toForm(structure));
    twice.yearGroups[0]!.tutorGroups[1]!.pupils = ["tom"];
    expect(structureProblem(twice)).toBe("A pupil is in both 9RD and 9JB: a pupil is in one tutor group only.");
    expect(structureProblem({ ...structure, pointCategories: { achievement: ["Effort", "Effort"], behaviour: [] } })).toBe(
      '"Effort" is twice in the achievement categories.',
    );
    expect(structureProblem({ ...structure, pointCategories: { achievement: [], behaviour: ["x".repeat(41)] } })).toMatch(/longer than 40/);
  });
});

describe("the staff's view of the school", () => {
  it("finds a pupil's tutor group and year", () => {
    expect(placeOf(structure, "tom")?.tutorGroup.name).toBe("9RD");
    expect(placeOf(structure, "tom")?.year.name).toBe("Year 9");
    expect(placeOf(structure, "nobody")).toBeNull();
  });
  it("groups pupils by tutor group, the rest last, leaving out empty groups", () => {
    const children = [child("amy", "Amy"), child("ben", "Ben"), child("tom", "Tom"), child("zara", "Zara")];
    const groups = pupilsByTutorGroup(structure, children);
    expect(groups.map((g) => g.label)).toEqual(["Year 9, 9RD", "Year 10, 10AB", "In no tutor group"]);
    expect(groups[0]?.pupils.map((c) => c.firstName)).toEqual(["Tom", "Zara"]);
    expect(groups[2]?.pupils.map((c) => c.firstName)).toEqual(["Ben"]);
    expect(pupilsByTutorGroup({ ...structure, yearGroups: [] }, children)).toEqual([{ label: "In no tutor group", pupils: children }]);
  });
  it("offers the pupil's year's lessons first", () => {
    expect(lessonsFor(structure, "tom").map((g) => g.teachingGroupId)).toEqual(["9x1-ma", "9x1-sc", "10x1-ma"]);
    expect(lessonsFor(structure, "amy").map((g) => g.teachingGroupId)).toEqual(["10x1-ma", "9x1-ma", "9x1-sc"]);
    // By subject, then group, with numbers in order: 9x1 before 10x1.
    expect(lessonsFor(structure, "nobody").map((g) => g.teachingGroupId)).toEqual(["9x1-ma", "10x1-ma", "9x1-sc"]);
  });
});
