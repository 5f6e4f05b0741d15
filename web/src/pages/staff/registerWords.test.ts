import { describe, expect, it } from "vitest";
import { expectedWords, lineState, presentWords, signedInDone } from "./registerWords";

const line = { signedIn: false, sessions: [], absence: null, expected: false };
const session = { inAt: "2027-03-01T08:00:00Z", outAt: "2027-03-01T12:00:00Z" };

describe("register words", () => {
  it("says where a child stands, signed in first", () => {
    expect(lineState({ ...line, signedIn: true, sessions: [session] })).toBe("Signed in");
    expect(lineState({ ...line, sessions: [session] })).toBe("Gone home");
    expect(lineState({ ...line, absence: { reason: "Ill", reportedAt: "2027-03-01T07:00:00Z", reportedBy: "u1" } })).toBe("Absent");
    expect(lineState({ ...line, expected: true })).toBe("Expected");
    expect(lineState(line)).toBe("Not signed in");
  });

  it("counts children as people say it", () => {
    expect(presentWords(1)).toBe("1 child is signed in now.");
    expect(presentWords(0)).toBe("0 children are signed in now.");
    expect(expectedWords(1)).toBe("1 child booked in is not here yet.");
    expect(expectedWords(3)).toBe("3 children booked in are not here yet.");
  });

  it("names the room a child was signed in to, when there is one", () => {
    expect(signedInDone("Ada", "Robins")).toBe("Ada is signed in to Robins.");
    expect(signedInDone("Ada", null)).toBe("Ada is signed in.");
  });
});
