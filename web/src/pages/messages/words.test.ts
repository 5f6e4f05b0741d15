import { describe, expect, test } from "vitest";
import { aboutWords, isBroadcast, openingHoursWords, pointIntent, recipientWords, seenWords, staffToldWords, withWords } from "./words";

const rooms = (id: string) => (id === "r1" ? "Oaks" : undefined);

describe("what a thread is about and whom it is with", () => {
  test("a child's thread names the child; a broadcast its families", () => {
    expect(aboutWords({ about: { kind: "child", childId: "c1" }, childName: "Ava Brown" })).toBe("About Ava Brown");
    expect(aboutWords({ about: { kind: "child", childId: "c1" }, childName: null })).toBe("About your child");
    expect(aboutWords({ about: { kind: "room", roomId: "r1" }, childName: null }, rooms)).toBe("To the families of Oaks");
    expect(aboutWords({ about: { kind: "room", roomId: "r1" }, childName: null })).toBe("To your child's room");
    expect(aboutWords({ about: { kind: "setting" }, childName: null })).toBe("To every family");
    const separated = { about: { kind: "child", childId: "c1", household: 2 }, childName: "Ava Brown" } as const;
    expect(aboutWords(separated, undefined, true)).toBe("About Ava Brown (household 2)");
    // A family is not told its household number.
    expect(aboutWords(separated)).toBe("About Ava Brown");
    expect(isBroadcast({ about: { kind: "setting" } })).toBe(true);
    expect(isBroadcast({ about: { kind: "child", childId: "c1" } })).toBe(false);
  });

  test("the setting's side: a person, a room's staff, the managers, or a broadcast's sender", () => {
    const about = { kind: "child", childId: "c1" } as const;
    expect(withWords({ about, with: { with: "person", userId: "u1" }, withName: "Priya Patel" })).toBe("Priya Patel");
    expect(withWords({ about, with: { with: "room", roomId: "r1" }, withName: null }, rooms)).toBe("Oaks staff");
    expect(withWords({ about, with: { with: "room", roomId: "r1" }, withName: null })).toBe("The room's staff");
    expect(withWords({ about, with: { with: "managers" }, withName: "The managers" })).toBe("The managers");
    expect(withWords({ about: { kind: "setting" }, with: { with: "staff" }, withName: "Maya Manager" })).toBe("Maya Manager (to families)");
  });
});

describe("the count before sending", () => {
  test("one child's parents, split into households", () => {
    expect(recipientWords({ children: 1, adults: 2, awaitingAgreement: 0, threads: 2, held: 0 }, true)).toEqual([
      "This reaches 2 parents now.",
      "The parents live in 2 separate households: each household gets its own thread and never sees the other's.",
    ]);
    expect(recipientWords({ children: 1, adults: 1, awaitingAgreement: 0, threads: 1, held: 0 }, true)).toEqual(["This reaches 1 parent now."]);
    expect(recipientWords({ children: 0, adults: 0, awaitingAgreement: 0, threads: 1, held: 0 }, true)).toEqual([
      "No parent can read messages about this child now.",
    ]);
  });

  test("a room: adults and children, those still to accept the agreement, and held children left out", () => {
    expect(recipientWords({ children: 12, adults: 20, awaitingAgreement: 1, threads: 1, held: 2 }, false)).toEqual([
      "This reaches 20 adults of 12 children now.",
      "1 more person will see it once they accept the setting's agreement.",
      "2 children are under a safeguarding hold: their families are left out.",
    ]);
    expect(recipientWords({ children: 0, adults: 0, awaitingAgreement: 3, threads: 1, held: 1 }, false)).toEqual([
      "No family can read this now.",
      "3 more people will see it once they accept the setting's agreement.",
      "1 child is under a safeguarding hold: their families are left out.",
    ]);
  });
});

describe("hours, notices and receipts", () => {
  test("a family told when staff will hear of a message sent while the setting is closed", () => {
    expect(staffToldWords(null, (s) => s)).toBeNull();
    expect(staffToldWords("2026-12-07T07:30:00Z", () => "7 Dec 2026, 07:30")).toBe(
      "Your message has arrived. The setting is closed now, so staff will be told about it when it opens (7 Dec 2026, 07:30).",
    );
  });

  test("opening hours read as a span of days, or a list", () => {
    expect(openingHoursWords({ opens: "07:30", closes: "18:00", days: [5, 1, 2, 3, 4] })).toBe("07:30 to 18:00, Monday to Friday");
    expect(openingHoursWords({ opens: "09:00", closes: "12:00", days: [3, 1] })).toBe("09:00 to 12:00, Monday, Wednesday");
    expect(openingHoursWords(null)).toBe("Any time: staff are emailed as messages arrive");
  });

  test("seen by, where the setting shows it", () => {
    expect(seenWords(null)).toBeNull();
    expect(seenWords([])).toBe("Not seen yet");
    expect(seenWords([{ userId: "a", name: "Beth Brown" }])).toBe("Seen by Beth Brown");
    expect(
      seenWords([
        { userId: "a", name: "Beth" },
        { userId: "b", name: "Dan" },
        { userId: "c", name: "Ann" },
      ]),
    ).toBe("Seen by Beth, Dan and Ann");
  });
});

describe("a message about a point", () => {
  test("reads the child, the point and the subject from the page's address", () => {
    const search = new URLSearchParams({ child: "c1", to: "point-contact", pointId: "p1", subject: " About the point: Good homework, 7 Dec 2026 " });
    expect(pointIntent(search)).toEqual({ childId: "c1", pointId: "p1", subject: "About the point: Good homework, 7 Dec 2026" });
    expect(pointIntent(new URLSearchParams({ child: "c1", to: "point-contact", pointId: "p1" }))?.subject).toBe("");
    expect(pointIntent(new URLSearchParams({ child: "c1", to: "point-contact", pointId: "p1", subject: "x".repeat(200) }))?.subject).toHaveLength(120);
  });
  test("is an ordinary message without a point, a child or the point's contact", () => {
    expect(pointIntent(new URLSearchParams())).toBeNull();
    expect(pointIntent(new URLSearchParams({ child: "c1", to: "key-person", pointId: "p1" }))).toBeNull();
    expect(pointIntent(new URLSearchParams({ child: "c1", to: "point-contact" }))).toBeNull();
    expect(pointIntent(new URLSearchParams({ to: "point-contact", pointId: "p1" }))).toBeNull();
  });
});
