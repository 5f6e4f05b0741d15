// A kiosk code: a parent or family member shows one on their own phone ("Kiosk code") and
// types it, or scans its QR code, at the setting's tablet instead of their number and PIN. It
// opens the families' kiosk once, within two minutes. How a code is read and checked, the
// countdown and the phone page's words. Pure, for the tests.

/** How long a code is valid, as the API says (docs/api.md, kiosk passes). */
export const PASS_MS = 120_000;

/**
 * The 8 digits of a code as the API takes them, from what was typed or scanned ("4821 0937",
 * "48210937", with stray spaces); null when it cannot be a code (so nothing is sent).
 */
export function normaliseKioskCode(input: string): string | null {
  const digits = input.replace(/\s+/g, "");
  return /^[0-9]{8}$/.test(digits) ? digits : null;
}

/** The 8 digits as the phone shows them, "4821 0937" (the field shows a scanned code so). */
export function formatKioskCode(digits: string): string {
  return digits.length === 8 ? `${digits.slice(0, 4)} ${digits.slice(4)}` : digits;
}

/** The first of a QR scan's values that is a kiosk code (another QR code in view is ignored). */
export function codeFromScan(values: readonly string[]): string | null {
  for (const value of values) {
    const code = normaliseKioskCode(value);
    if (code) return code;
  }
  return null;
}

/**
 * When the code stops working, on the phone's own clock: the API's expiry, read against the
 * moment the answer came. A phone whose clock is off cannot stretch it past the API's two
 * minutes, and one whose clock is far ahead still shows the code for those two minutes.
 */
export function passDeadline(expiresAt: string, receivedAt: number): number {
  const left = Date.parse(expiresAt) - receivedAt;
  if (!Number.isFinite(left) || left <= 0) return receivedAt + PASS_MS;
  return receivedAt + Math.min(left, PASS_MS);
}

/** Minutes and seconds left, rounded up: "1:58", "0:05". */
export function countdown(msLeft: number): string {
  const seconds = Math.max(0, Math.ceil(msLeft / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

export const PASS_EXPIRED = "This code has expired. Show a new one.";

/** Under the code: "Valid for 1:58, once", then that it expired. */
export function passValidity(deadline: number, now: number): string {
  return now >= deadline ? PASS_EXPIRED : `Valid for ${countdown(deadline - now)}, once`;
}

/** Whether the code still works at `now`. */
export const passExpired = (deadline: number, now: number) => now >= deadline;

export const PASS_TITLE = "Kiosk code";
export const SHOW_PASS = "Show a kiosk code";
export const PASS_QR_ALT = "QR code of your kiosk code";
export const PASS_PURPOSE =
  "Instead of your number and PIN, open the setting's tablet with a code from your phone. At the tablet, choose “Families: sign in or out”, then “Use a code from your phone”, and type the code or scan its QR code.";
export const PASS_RULE = "Each code works once, for two minutes: show a new one each time.";
