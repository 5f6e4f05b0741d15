// A person's PIN for the setting's tablets, as their own account sets it: the rule the API
// applies (checked here first, so a typo is caught before it is sent) and the page's words.
// Pure, for the tests.
import type { Schemas } from "../../api/client";

export const PIN_HINT = "4 to 8 digits. Not one digit repeated (such as 1111) nor a run (such as 1234 or 9876).";

/**
 * What is wrong with a PIN, or null when the API takes it: 4 to 8 digits, neither one digit
 * repeated nor a straight run up or down (the API's rule, shared/domain devices.rs `Pin`).
 */
export function pinProblem(pin: string): string | null {
  if (!/^[0-9]{4,8}$/.test(pin)) return "A PIN is 4 to 8 digits, and nothing else.";
  const steps = [...pin].slice(1).map((digit, i) => Number(digit) - Number(pin[i]));
  const step = steps[0]!;
  if (steps.every((s) => s === step)) {
    if (step === 0) return "A PIN may not be one digit repeated, such as 1111.";
    if (step === 1 || step === -1) return "A PIN may not be a run of digits, such as 1234 or 9876.";
  }
  return null;
}

/** The second field must say the same. */
export function confirmProblem(pin: string, again: string): string | null {
  return pin === again ? null : "The two PINs differ. Type the same PIN twice.";
}

/** "Your number on the setting's tablets: 4821", or that there is none yet. */
export function numberSentence(view: Pick<Schemas["DevicePinView"], "number">): string {
  return view.number ? `Your number on the setting's tablets: ${view.number}` : "No PIN yet";
}

export const LOCKED = "Locked after too many wrong tries — set a new PIN";

/** What the page says once a PIN is saved, with the number to type before it. */
export function pinSaved(number: string | null | undefined): string {
  return number ? `Your PIN is saved. On a tablet, type your number ${number}, then your PIN.` : "Your PIN is saved.";
}

/** What the tablets are for, for someone of this role. */
export function pinPurpose(role: Schemas["Role"] | undefined): string {
  const what =
    role === "practitioner" || role === "manager"
      ? "open the register on the setting's tablets"
      : role === "parent"
        ? "sign your child in or out at the setting's tablet, or read their journal there"
        : "sign a child in or out at the setting's tablet";
  return `With your number and a PIN you choose, you can ${what}. Keep your PIN to yourself.`;
}
