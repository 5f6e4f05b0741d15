import { describe, expect, it } from "vitest";
import {
  MODES,
  SESSION_ENDED,
  collectorLabel,
  idleEnded,
  journalHeading,
  kioskState,
  markedAt,
  markedWords,
  modeHeading,
  modeLabel,
  sessionRefusal,
  STAFF_SIGN_OUT,
  unlockProblem,
  unlockRefusal,
  usingTablet,
} from "./sessionWords";

const problem = (status: number, slug: string) => ({ status, slug });

describe("the tablet's start screen", () => {
  it("offers the three modes in order, with their own words", () => {
    expect(MODES.map(modeLabel)).toEqual(["Staff: the register", "Families: sign in or out", "Parents: read the journal"]);
    expect(MODES.map(modeHeading)).toEqual(["The register", "Sign in or out", "Read the journal"]);
  });

  it("says whose session is open and why one ended", () => {
    expect(usingTablet("Ana Okafor")).toBe("Ana Okafor is using the tablet.");
    expect(SESSION_ENDED).toBe("Your session ended. Enter your number and PIN again.");
    expect(idleEnded(2)).toBe("Nobody used the tablet for 2 minutes, so the session ended.");
    expect(idleEnded(1)).toBe("Nobody used the tablet for 1 minute, so the session ended.");
  });
});

describe("unlocking with number and PIN", () => {
  it("stops what cannot be right before a try is spent on it", () => {
    expect(unlockProblem("4821", "4826")).toBeNull();
    expect(unlockProblem(" 4821 ", "4826")).toBeNull();
    expect(unlockProblem("482", "4826")?.title).toBe("Your number is 4 digits");
    expect(unlockProblem("48a1", "4826")?.title).toBe("Your number is 4 digits");
    expect(unlockProblem("4821", "")?.title).toBe("That cannot be your PIN");
    expect(unlockProblem("4821", "1234")?.detail).toMatch(/run of digits/);
  });

  it("explains the refusals it can in its own words", () => {
    expect(unlockRefusal(problem(401, "pin-wrong"), "kiosk")).toEqual({
      title: "That number and PIN do not match",
      detail: "Check both and try again. Five wrong tries in a row lock the PIN.",
    });
    const locked = unlockRefusal(problem(403, "pin-locked"), "journal");
    expect(locked?.title).toBe("Your PIN is locked after too many wrong tries");
    expect(locked?.detail).toMatch(/Set a new PIN from your own account/);
    expect(unlockRefusal(problem(429, "rate-limited"), "staff")?.title).toBe("Too many wrong PINs on this tablet");
    expect(unlockRefusal(problem(403, "agreement-required"), "kiosk")?.title).toBe("Accept the setting's agreement first");
  });

  it("says which mode is for whom when someone chose the wrong one", () => {
    expect(unlockRefusal(problem(403, "device-mode-not-allowed"), "staff")?.detail).toBe("“Staff: the register” is for the setting's staff.");
    expect(unlockRefusal(problem(403, "device-mode-not-allowed"), "kiosk")?.detail).toBe("“Families: sign in or out” is for parents and family members.");
    expect(unlockRefusal(problem(403, "device-mode-not-allowed"), "journal")?.detail).toBe("“Parents: read the journal” is for parents.");
  });

  it("leaves the others to the API's own words", () => {
    expect(unlockRefusal(problem(403, "access-revoked"), "kiosk")).toBeNull();
    expect(unlockRefusal(problem(403, "device-off-premises"), "kiosk")).toBeNull();
    expect(unlockRefusal(problem(0, "network"), "kiosk")).toBeNull();
    expect(unlockRefusal(null, "kiosk")).toBeNull();
  });
});

describe("refusals during a session", () => {
  it("ends the session, or forgets the device, only on those two answers", () => {
    expect(sessionRefusal(problem(401, "device-session-ended"))).toBe("ended");
    expect(sessionRefusal(problem(401, "device-not-paired"))).toBe("unpaired");
    expect(sessionRefusal(problem(401, "pin-wrong"))).toBeNull();
    expect(sessionRefusal(problem(403, "collection-password-wrong"))).toBeNull();
    expect(sessionRefusal(problem(403, "device-off-premises"))).toBeNull();
    expect(sessionRefusal(problem(0, "network"))).toBeNull();
    expect(sessionRefusal(undefined)).toBeNull();
  });
});

describe("the kiosk", () => {
  const sessions = [
    { inAt: "2027-03-01T08:01:00Z", outAt: "2027-03-01T11:30:00Z" },
    { inAt: "2027-03-01T13:00:00Z", outAt: null },
  ];

  it("reads when the mark was made from the answer", () => {
    expect(markedAt({ sessions }, "sign-in")).toBe("2027-03-01T13:00:00Z");
    expect(markedAt({ sessions }, "sign-out")).toBe("2027-03-01T11:30:00Z");
    const out = [sessions[0]!, { inAt: "2027-03-01T13:00:00Z", outAt: "2027-03-01T15:02:00Z" }];
    expect(markedAt({ sessions: out }, "sign-out")).toBe("2027-03-01T15:02:00Z");
    expect(markedAt({ sessions: [] }, "sign-in")).toBeNull();
    expect(markedAt({ sessions: [{ inAt: "2027-03-01T13:00:00Z" }] }, "sign-out")).toBeNull();
  });

  it("confirms a mark with the child's name and the time on the tablet's clock", () => {
    expect(markedWords("sign-out", "Ada", "2027-03-01T15:02:00Z", "UTC")).toBe("Signed out: Ada, 15:02");
    expect(markedWords("sign-in", "Ada", "2027-07-01T07:45:00Z", "Europe/London")).toBe("Signed in: Ada, 08:45");
  });

  it("shows where each child stands and who may collect", () => {
    expect(kioskState(true)).toBe("Signed in");
    expect(kioskState(false)).toBe("Not signed in");
    expect(kioskState(null)).toBe("Not known");
    expect(collectorLabel({ name: "Jo Okafor", relationship: "grandmother" })).toBe("Jo Okafor (grandmother)");
  });
});

describe("staff and journal screens", () => {
  it("says how a child is signed out when the tablet's register cannot", () => {
    expect(STAFF_SIGN_OUT).toBe(
      "On this tablet, staff sign children in. A child is signed out by the person collecting, with “Families: sign in or out”, or by staff on the register in Nestling on their own device.",
    );
  });

  it("heads the journal as the parents' own page does", () => {
    expect(journalHeading("Ada")).toBe("Ada's learning journal");
  });
});
