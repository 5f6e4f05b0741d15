import { describe, expect, it } from "vitest";
import { changeWords, hourWords, hoursWords, lineWords, monthWords, pence, pounds, priceWords, shiftMonth, statusWords } from "./words";

describe("bookings words", () => {
  it("says pence as pounds and reads pounds back exactly", () => {
    expect(pounds(3200)).toBe("£32.00");
    expect(pounds(5)).toBe("£0.05");
    expect(pounds(-14938)).toBe("-£149.38");
    expect(pence("32")).toBe(3200);
    expect(pence("32.5")).toBe(3250);
    expect(pence("6.05")).toBe(605);
    for (const bad of ["", "£32", "32.505", "-1", "1e3", "abc"]) expect(pence(bad)).toBeNull();
    for (const p of [0, 1, 99, 100, 3250, 999999]) expect(pence(pounds(p).slice(1))).toBe(p);
  });
  it("names prices, changes and where they stand", () => {
    expect(priceWords({ per: "hour", pence: 650 })).toBe("£6.50 an hour");
    expect(priceWords({ per: "session", pence: 3200 })).toBe("£32.00 a session");
    expect(changeWords({ change: "extra", sessionName: "Afternoon" })).toBe("Extra Afternoon");
    expect(statusWords({ status: "pending", outcome: "full" })).toBe("Waiting for a manager: the room is full then");
    expect(statusWords({ status: "booked", outcome: "short-notice" })).toBe("Booked");
  });
  it("moves a month across the year's end", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
  });
  it("says an hour of the staffing forecast", () => {
    const children = { under2: 1, two: 2, threePlus: 0 };
    expect(hourWords({ children, needed: 1, rostered: null, short: false })).toBe("3 children · 1 needed");
    expect(hourWords({ children, needed: 2, rostered: 1, short: true })).toBe("3 children · 2 needed · 1 on the rota (short)");
  });
});

describe("invoice words", () => {
  it("names months and says each line's quantity", () => {
    expect(monthWords("2027-01")).toBe("January 2027");
    expect(lineWords({ kind: "funded-hours", quantity: 5365 })).toBe("89 h 25 m, funded: no charge");
    expect(lineWords({ kind: "paid-hours", quantity: 180 })).toBe("3 h");
    expect(lineWords({ kind: "food", quantity: 1 })).toBe("1 day");
    expect(lineWords({ kind: "activities", quantity: 4 })).toBe("4 days");
  });
  it("says minutes as hours", () => {
    expect(hoursWords(13_500)).toBe("225 h");
    expect(hoursWords(90)).toBe("1 h 30 m");
    expect(hoursWords(45)).toBe("0 h 45 m");
    expect(hoursWords(0)).toBe("0 h");
    expect(hoursWords(120_000)).toBe("2,000 h");
    expect(hoursWords(-90)).toBe("-1 h 30 m");
  });
});
