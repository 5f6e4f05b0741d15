// A person's session on a paired tablet (staff at the register, a family at the door, a parent
// reading the journal): the words of its screens and what the API's refusals mean for it.
// Pure, for the tests.
import type { Schemas } from "../../api/client";
import { formatTime } from "../../time";
import { pinProblem } from "./pinWords";
import { normaliseKioskCode } from "./passWords";

export type DeviceMode = Schemas["DeviceMode"];
export type Mark = Schemas["Mark"];

/** The start screen's choices, in order. */
export const MODES: DeviceMode[] = ["staff", "kiosk", "journal"];

/** The start screen's button for a mode (and the unlock screen's heading). */
export function modeLabel(mode: DeviceMode): string {
  switch (mode) {
    case "staff":
      return "Staff: the register";
    case "kiosk":
      return "Families: sign in or out";
    case "journal":
      return "Parents: read the journal";
  }
}

/** The heading of a mode's screen once unlocked. */
export function modeHeading(mode: DeviceMode): string {
  switch (mode) {
    case "staff":
      return "The register";
    case "kiosk":
      return "Sign in or out";
    case "journal":
      return "Read the journal";
  }
}

export const START_HEADING = "Who is using the tablet?";
export const UNLOCK_HINT = "Type your number and your PIN. You set your PIN, and see your number, under Tablet PIN in Nestling on your own phone or computer.";
export const SESSION_ENDED = "Your session ended. Enter your number and PIN again.";
export const DONE = "Done. The tablet is ready for the next person.";
export const KIOSK_NEXT = "The tablet is ready for the next person in a few seconds.";
export const WHO_COLLECTS = "Who is collecting?";
export const ME = "Me";

/** Said once the tablet ended a session nobody used. */
export function idleEnded(minutes: number): string {
  return `Nobody used the tablet for ${minutes === 1 ? "1 minute" : `${minutes} minutes`}, so the session ended.`;
}

/** Beside the Done button, all through a session. */
export function usingTablet(name: string): string {
  return `${name} is using the tablet.`;
}

/** What the API's refusal means for the session: it ended (unlock again), or the device is no longer paired. */
export function sessionRefusal(error: { status: number; slug: string } | null | undefined): "ended" | "unpaired" | null {
  if (!error) return null;
  if (error.slug === "device-session-ended") return "ended";
  if (error.slug === "device-not-paired") return "unpaired";
  return null;
}

export interface Refusal {
  title: string;
  detail?: string;
}

/** What is plainly wrong with a number and PIN before they are sent (so no try is spent on it). */
export function unlockProblem(number: string, pin: string): Refusal | null {
  if (!/^[0-9]{4}$/.test(number.trim())) return { title: "Your number is 4 digits", detail: "You find it under Tablet PIN in Nestling on your own phone or computer." };
  const problem = pinProblem(pin);
  return problem ? { title: "That cannot be your PIN", detail: problem } : null;
}

/** How a person opens their session: number and PIN, or (the families' kiosk) a code from their phone. */
export type UnlockWay = "pin" | "pass";

export const USE_PASS = "Use a code from your phone";
export const USE_PIN = "Use your number and PIN";
export const SCAN_QR = "Scan the QR code";
export const STOP_SCAN = "Stop scanning";
export const SCANNING = "Hold the QR code on your phone up to the tablet's camera.";
export const SCAN_FAILED = "The tablet's camera cannot be used. Type the code instead.";
export const SCANNED = "The code is read from the QR code. Press Unlock.";

/** Above the kiosk code field; the QR code is named only where the tablet can scan it. */
export function passHint(canScan: boolean): string {
  return `On your phone, open Kiosk code in Nestling and press “Show a kiosk code”. ${canScan ? "Type its 8 digits here, or scan its QR code." : "Type its 8 digits here."}`;
}

/** What is plainly wrong with a kiosk code before it is sent (a wrong one counts against the tablet). */
export function passProblem(code: string): Refusal | null {
  return normaliseKioskCode(code) ? null : { title: "A kiosk code is 8 digits", detail: "Your phone shows it under Kiosk code in Nestling." };
}

/** The tablet's own words for the refusals of `POST /v1/device/sessions` it can explain; null: show the API's. */
export function unlockRefusal(error: { status: number; slug: string } | null | undefined, mode: DeviceMode, way: UnlockWay = "pin"): Refusal | null {
  switch (error?.slug) {
    case "pass-not-valid":
      return { title: "That code has been used or is more than two minutes old", detail: "Show a new one on your phone." };
    case "pin-wrong":
      return { title: "That number and PIN do not match", detail: "Check both and try again. Five wrong tries in a row lock the PIN." };
    case "pin-locked":
      return {
        title: "Your PIN is locked after too many wrong tries",
        detail: "Set a new PIN from your own account (Tablet PIN in Nestling on your phone or computer), then try again.",
      };
    case "device-mode-not-allowed":
      return {
        title: "You may not use the tablet this way",
        detail:
          mode === "staff"
            ? `“${modeLabel(mode)}” is for the setting's staff.`
            : mode === "kiosk"
              ? `“${modeLabel(mode)}” is for parents and family members.`
              : `“${modeLabel(mode)}” is for parents.`,
      };
    case "rate-limited":
      return way === "pass"
        ? { title: "Too many wrong tries on this tablet", detail: "It checks no more codes or PINs for a while. Try again later, or use another tablet." }
        : { title: "Too many wrong PINs on this tablet", detail: "It checks no more PINs for a while. Try again later, or use another tablet." };
    case "agreement-required":
      return { title: "Accept the setting's agreement first", detail: "Sign in to Nestling on your own phone or computer, accept it, then try again." };
    default:
      return null;
  }
}

/** When a mark was made, as the answer records it: the new session's start, or the end of the last one. */
export function markedAt(view: Pick<Schemas["AttendanceView"], "sessions">, mark: Mark): string | null {
  const sessions = view.sessions;
  if (mark === "sign-in") return sessions[sessions.length - 1]?.inAt ?? null;
  for (let i = sessions.length - 1; i >= 0; i--) {
    const out = sessions[i]!.outAt;
    if (out) return out;
  }
  return null;
}

/** The kiosk's confirmation: "Signed out: Ada, 15:02" (the time on the tablet's clock). */
export function markedWords(mark: Mark, firstName: string, at: string, zone: string): string {
  return `${mark === "sign-in" ? "Signed in" : "Signed out"}: ${firstName}, ${formatTime(at, zone)}`;
}

/** Whether a child is in, as the kiosk shows it (unknown when the API did not say). */
export function kioskState(signedIn: boolean | null | undefined): string {
  return signedIn === true ? "Signed in" : signedIn === false ? "Not signed in" : "Not known";
}

/** One of the people the child's parents authorised to collect (or, in staff mode, a guardian who may). */
export function collectorLabel(c: Pick<Schemas["DeviceCollector"], "name" | "relationship">): string {
  return `${c.name} (${c.relationship})`;
}

export const COLLECTION_PASSWORD_HINT = "The collection password the parents gave them.";

/** Staff at the register on the tablet, once a child is signed out: "Ada is signed out: collected by Jo Okafor." */
export function staffSignedOut(firstName: string, collector: string): string {
  return `${firstName} is signed out: collected by ${collector}.`;
}

/** Nobody linked may collect: only a manager can let someone else, and not from the tablet. */
export function nobodyMayCollect(firstName: string): string {
  return `Nobody on Nestling may collect ${firstName}: ask a manager, on their own device.`;
}

/** The journal's heading on the tablet, as on the parents' own journal page. */
export function journalHeading(firstName: string): string {
  return `${firstName}'s learning journal`;
}

export const KIOSK_NONE = "No children to sign in or out with your account.";
export const JOURNAL_NONE = "No children's journals to read with your account.";
export const JOURNAL_ON_TABLET = "Read only: nothing can be saved, copied or commented on from the tablet.";
