// The register's words, shared by the staff's own register page and the setting's tablet in
// staff mode (pages/device). Pure, for the tests.
import type { Schemas } from "../../api/client";

/** Where a child stands on the day's register. */
export function lineState(line: Pick<Schemas["RegisterLine"], "signedIn" | "sessions" | "absence" | "expected">): string {
  if (line.signedIn) return "Signed in";
  if (line.sessions.length > 0) return "Gone home";
  if (line.absence) return "Absent";
  if (line.expected) return "Expected";
  return "Not signed in";
}

/** "1 child is signed in now." */
export function presentWords(present: number): string {
  return present === 1 ? "1 child is signed in now." : `${present} children are signed in now.`;
}

/** "2 children booked in are not here yet." */
export function expectedWords(expected: number): string {
  return expected === 1 ? "1 child booked in is not here yet." : `${expected} children booked in are not here yet.`;
}

/** What staff are told once a child is signed in: "Ada is signed in to Robins." */
export function signedInDone(firstName: string, room?: string | null): string {
  return `${firstName} is signed in${room ? ` to ${room}` : ""}.`;
}
