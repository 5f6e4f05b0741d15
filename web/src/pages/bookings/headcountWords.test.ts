import { describe, expect, it } from "vitest";
import { attendedWords, checkWords, childrenWords, mismatchWords, monthInvoiceWords, monthName, streamName, termDay, termWords } from "./headcountWords";

describe("funding headcount words", () => {
  it("names a term's days and months without the year the term already says", () => {
    expect(termDay("2026-11-10")).toBe("Tuesday 10 November");
    expect(termDay("2027-01-05")).toBe("Tuesday 5 January");
    expect(termDay("not a day")).toBe("not a day");
    expect(monthName("2026-11")).toBe("November");
    expect(monthName("2027-01")).toBe("January");
    expect(termWords({ name: "Spring", starts: "2027-01-05", ends: "2027-03-26" }, (d) => `[${d}]`)).toBe("Spring ([2027-01-05] to [2027-03-26])");
  });

  it("says each mismatch as something to put right, in hours", () => {
    expect(mismatchWords({ kind: "funding-unused", minutes: 900 })).toBe("15 h of funded hours not booked");
    expect(mismatchWords({ kind: "funding-unused", minutes: 90 })).toBe("1 h 30 m of funded hours not booked");
    expect(mismatchWords({ kind: "absent-on-funded-days", days: ["2026-11-10"] })).toBe("Away on a funded day: Tuesday 10 November");
    expect(mismatchWords({ kind: "absent-on-funded-days", days: ["2026-11-10", "2026-11-11", "2026-11-17"] })).toBe(
      "Away on funded days: Tuesday 10 November, Wednesday 11 November and Tuesday 17 November",
    );
    expect(mismatchWords({ kind: "not-invoiced", month: "2026-11", booked: 4200 })).toBe("November not invoiced (70 h funded booked)");
    expect(mismatchWords({ kind: "invoice-differs", month: "2026-10", invoiced: 3000, booked: 3600 })).toBe(
      "October's invoices show 50 h funded; the bookings now come to 60 h",
    );
    expect(mismatchWords({ kind: "funding-ends", stream: "universal", day: "2026-11-15" })).toBe("Universal 15 hours (3 and 4 year olds) ends on Sunday 15 November");
    expect(mismatchWords({ kind: "funding-ends", stream: "two-year-old", day: "2026-11-16" })).toBe("15 hours for two-year-olds ends on Monday 16 November");
  });

  it("says each month's funded hours on the invoices against the bookings", () => {
    expect(monthInvoiceWords({ month: "2026-09", booked: 3600, invoiced: 3600 })).toBe("September: 60 h");
    expect(monthInvoiceWords({ month: "2026-10", booked: 3600, invoiced: 3000 })).toBe("October: 50 h (bookings say 60 h)");
    expect(monthInvoiceWords({ month: "2026-11", booked: 4200, invoiced: null })).toBe("November: not invoiced");
    expect(monthInvoiceWords({ month: "2026-11", booked: 4200 })).toBe("November: not invoiced");
    expect(monthInvoiceWords({ month: "2026-12", booked: 0 })).toBe("December: no funded hours booked");
    expect(monthInvoiceWords({ month: "2026-12", booked: 0, invoiced: 0 })).toBe("December: 0 h");
  });

  it("counts what was attended and who has something to check", () => {
    expect(attendedWords({ attended: 1350, bookedToDate: 1440 })).toBe("22 h 30 m of 24 h");
    expect(checkWords(0)).toBe("Everything matches.");
    expect(checkWords(1)).toBe("1 child has something to check.");
    expect(checkWords(3)).toBe("3 children have something to check.");
    expect(childrenWords(1)).toBe("1 child");
    expect(childrenWords(12)).toBe("12 children");
    expect(streamName("working-parent-30")).toBe("30 hours for working parents (from 9 months)");
  });
});
