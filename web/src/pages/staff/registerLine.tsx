// What a register line says about a child's day, on the staff register and on the setting's
// tablet alike: the state, room, key person and bookings; a reported absence; each session with
// who collected (and a manager's override).
import type { Schemas } from "../../api/client";

export function RegisterLineFacts({
  line,
  status,
  signedIn,
  time,
}: {
  line: Schemas["RegisterLine"];
  /** The state as the page words it ("Signed in", "Signed out (waiting to send)"). */
  status: string;
  signedIn: boolean;
  /** A time as the page shows it (the setting's clock, or the tablet's). */
  time: (iso: string) => string;
}) {
  return (
    <>
      <p>
        <span className={signedIn ? "tag status-ok" : "tag"}>{status}</span> {line.roomName} · Key person: {line.keyPersonName}
        {line.booked.length > 0 && <> · Booked: {line.booked.join(", ")}</>}
      </p>
      {line.absence && (
        <p>
          <strong>Absence reported:</strong> {line.absence.reason}
        </p>
      )}
      {line.sessions.length > 0 && (
        <ul>
          {line.sessions.map((s) => (
            <li key={s.inAt}>
              In {time(s.inAt)}
              {s.outAt ? `, out ${time(s.outAt)}` : ""}
              {s.collectedBy ? `, collected by ${s.collectedBy.name} (${s.collectedBy.relationship})` : ""}
              {s.collectedBy?.kind === "override" ? ` — a manager's decision: ${s.collectedBy.overrideReason ?? ""}` : ""}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
