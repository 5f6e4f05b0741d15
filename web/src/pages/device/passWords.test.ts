import { describe, expect, it } from "vitest";
import {
  PASS_EXPIRED,
  PASS_MS,
  PASS_PURPOSE,
  SHOW_PASS,
  codeFromScan,
  countdown,
  formatKioskCode,
  normaliseKioskCode,
  passDeadline,
  passExpired,
  passValidity,
} from "./passWords";
import { USE_PASS, modeLabel } from "./sessionWords";

describe("a kiosk code as typed or scanned", () => {
  it("takes the 8 digits with or without the space", () => {
    expect(normaliseKioskCode("4821 0937")).toBe("48210937");
    expect(normaliseKioskCode("48210937")).toBe("48210937");
    expect(normaliseKioskCode(" 4821  0937\n")).toBe("48210937");
    expect(normaliseKioskCode("4 8 2 1 0 9 3 7")).toBe("48210937");
  });

  it("refuses anything else", () => {
    for (const code of ["", "4821 093", "482109371", "4821-0937", "4821 093a", "ABCDEFGH", "٤٨٢١٠٩٣٧", "+4821093"]) expect(normaliseKioskCode(code), code).toBeNull();
  });

  it("shows the digits as the phone does", () => {
    expect(formatKioskCode("48210937")).toBe("4821 0937");
    expect(formatKioskCode("482")).toBe("482");
  });

  it("picks the kiosk code out of what the camera read", () => {
    expect(codeFromScan(["48210937"])).toBe("48210937");
    expect(codeFromScan(["https://example.test/menu", "4821 0937"])).toBe("48210937");
    expect(codeFromScan(["https://example.test/menu"])).toBeNull();
    expect(codeFromScan([])).toBeNull();
  });
});

describe("the countdown on the phone", () => {
  const received = Date.parse("2027-03-01T09:00:00Z");

  it("counts from the API's expiry", () => {
    expect(passDeadline("2027-03-01T09:02:00Z", received)).toBe(received + PASS_MS);
    expect(passDeadline("2027-03-01T09:01:58Z", received)).toBe(received + 118_000);
  });

  it("never counts past two minutes, nor ends at once, when the phone's clock is off", () => {
    // The phone's clock is behind: the expiry reads as more than two minutes away.
    expect(passDeadline("2027-03-01T09:07:00Z", received)).toBe(received + PASS_MS);
    // Far ahead: the expiry reads as past.
    expect(passDeadline("2027-03-01T08:50:00Z", received)).toBe(received + PASS_MS);
    expect(passDeadline("not a time", received)).toBe(received + PASS_MS);
  });

  it("shows minutes and seconds, rounded up", () => {
    expect(countdown(120_000)).toBe("2:00");
    expect(countdown(118_000)).toBe("1:58");
    expect(countdown(117_001)).toBe("1:58");
    expect(countdown(59_999)).toBe("1:00");
    expect(countdown(5_000)).toBe("0:05");
    expect(countdown(1)).toBe("0:01");
    expect(countdown(0)).toBe("0:00");
    expect(countdown(-3_000)).toBe("0:00");
  });

  it("says how long the code is valid, then that it expired", () => {
    const deadline = received + PASS_MS;
    expect(passValidity(deadline, received)).toBe("Valid for 2:00, once");
    expect(passValidity(deadline, received + 2_000)).toBe("Valid for 1:58, once");
    expect(passValidity(deadline, deadline - 400)).toBe("Valid for 0:01, once");
    expect(passValidity(deadline, deadline)).toBe("This code has expired. Show a new one.");
    expect(passValidity(deadline, deadline + 60_000)).toBe(PASS_EXPIRED);
    expect(passExpired(deadline, deadline - 1)).toBe(false);
    expect(passExpired(deadline, deadline)).toBe(true);
  });

  it("tells the family where to use it, in the tablet's own words", () => {
    expect(SHOW_PASS).toBe("Show a kiosk code");
    expect(PASS_PURPOSE).toContain(`“${modeLabel("kiosk")}”`);
    expect(PASS_PURPOSE).toContain(`“${USE_PASS}”`);
  });
});
