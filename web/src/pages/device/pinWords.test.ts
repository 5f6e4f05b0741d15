import { describe, expect, it } from "vitest";
import { LOCKED, confirmProblem, numberSentence, pinProblem, pinPurpose, pinSaved } from "./pinWords";

describe("the PIN rule (as the API applies it)", () => {
  it("takes 4 to 8 digits that are neither repeated nor a straight run", () => {
    for (const pin of ["4826", "2580", "1357", "1212", "9753", "8901", "12345670", "00000001", "3719"]) expect(pinProblem(pin), pin).toBeNull();
  });

  it("refuses anything but 4 to 8 digits", () => {
    for (const pin of ["", "482", "482619375", "48a6", " 4826", "4826 ", "٤٨٢٦", "-482"]) expect(pinProblem(pin), pin).toMatch(/4 to 8 digits/);
  });

  it("refuses one digit repeated", () => {
    for (const pin of ["1111", "0000", "99999999"]) expect(pinProblem(pin), pin).toMatch(/one digit repeated/);
  });

  it("refuses a straight run up or down", () => {
    for (const pin of ["1234", "0123", "9876", "3210", "23456789", "87654321"]) expect(pinProblem(pin), pin).toMatch(/run of digits/);
  });

  it("asks for the same PIN twice", () => {
    expect(confirmProblem("4826", "4826")).toBeNull();
    expect(confirmProblem("4826", "4862")).toBe("The two PINs differ. Type the same PIN twice.");
  });
});

describe("the Tablet PIN page's words", () => {
  it("gives the number, or says there is none", () => {
    expect(numberSentence({ number: "4821" })).toBe("Your number on the setting's tablets: 4821");
    expect(numberSentence({ number: null })).toBe("No PIN yet");
    expect(numberSentence({})).toBe("No PIN yet");
    expect(LOCKED).toBe("Locked after too many wrong tries — set a new PIN");
  });

  it("says the number to type once the PIN is saved", () => {
    expect(pinSaved("4821")).toBe("Your PIN is saved. On a tablet, type your number 4821, then your PIN.");
    expect(pinSaved(null)).toBe("Your PIN is saved.");
    // Never the page's own sentence, which is read for the number.
    expect(pinSaved("4821")).not.toContain("Your number on the setting's tablets");
  });

  it("says what the tablets are for, by role", () => {
    expect(pinPurpose("manager")).toMatch(/open the register/);
    expect(pinPurpose("practitioner")).toMatch(/open the register/);
    expect(pinPurpose("parent")).toMatch(/sign your child in or out .* read their journal/);
    expect(pinPurpose("family")).toMatch(/sign a child in or out/);
    expect(pinPurpose("family")).not.toMatch(/journal/);
  });
});
