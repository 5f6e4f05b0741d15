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
  nobodyMayCollect,
  passHint,
  passProblem,
  sessionRefusal,
  staffSignedOut,
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

describe("unlocking the kiosk with a code from a phone", () => {
  it("stops what cannot be a code before it is sent", () => {
    expect(passProblem("4821 0937")).toBeNull();
    expect(passProblem("48210937")).toBeNull();
    expect(passProblem(" 4821  0937 ")).toBeNull();
    for (const code of ["", "4821 093", "4821 09371", "4821-0937", "ABCD EFGH", "٤٨٢١٠٩٣٧"]) {
      expect(passProblem(code), code).toEqual({ title: "A kiosk code is 8 digits", detail: "Your phone shows it under Kiosk code in Nestling." });
    }
  });

  it("says a used or old code was refused, and to show a new one", () => {
    const refusal = unlockRefusal(problem(401, "pass-not-valid"), "kiosk", "pass");
    expect(refusal).toEqual({ title: "That code has been used or is more than two minutes old", detail: "Show a new one on your phone." });
    // As the refusal box shows it.
    expect(`${refusal?.title}. ${refusal?.detail}`).toBe("That code has been used or is more than two minutes old. Show a new one on your phone.");
  });

  it("names codes, not only PINs, when the tablet stops checking", () => {
    expect(unlockRefusal(problem(429, "rate-limited"), "kiosk", "pass")).toEqual({
      title: "Too many wrong tries on this tablet",
      detail: "It checks no more codes or PINs for a while. Try again later, or use another tablet.",
    });
    expect(unlockRefusal(problem(429, "rate-limited"), "kiosk", "pin")?.title).toBe("Too many wrong PINs on this tablet");
    expect(unlockRefusal(problem(403, "agreement-required"), "kiosk", "pass")?.title).toBe("Accept the setting's agreement first");
    expect(unlockRefusal(problem(403, "access-revoked"), "kiosk", "pass")).toBeNull();
  });

  it("mentions the QR code only where the tablet can scan it", () => {
    expect(passHint(true)).toBe("On your phone, open Kiosk code in Nestling and press “Show a kiosk code”. Type its 8 digits here, or scan its QR code.");
    expect(passHint(false)).toBe("On your phone, open Kiosk code in Nestling and press “Show a kiosk code”. Type its 8 digits here.");
  });
});

describe("staff and journal screens", () => {
  it("confirms a sign-out on the tablet's register with who collected", () => {
    expect(staffSignedOut("Ada", "Jo Okafor")).toBe("Ada is signed out: collected by Jo Okafor.");
  });

  it("sends staff to a manager when nobody linked may collect", () => {
    expect(nobodyMayCollect("Ada")).toBe("Nobody on Nestling may collect Ada: ask a manager, on their own device.");
  });

  it("heads the journal as the parents' own page does", () => {
    expect(journalHeading("Ada")).toBe("Ada's learning journal");
  });
});
