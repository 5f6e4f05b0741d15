// A child's day as staff and parents both read it: what staff recorded and the medicine given,
// one day at a time on the setting's clock. Staff add to today's through the page's `addToToday`.
import { useState, type ReactNode } from "react";
import { Link } from "react-router";
import { unwrap, type Schemas } from "../api/client";
import { keys, useApiQuery } from "../api/queries";
import { setting } from "../routes";
import { useClock, useSession } from "../session";
import type { Clock, Day } from "../time";
import { Empty, Field, Loaded, Page } from "./components";
import { useChildName } from "./hooks";

export type Diary = Schemas["DiaryView"];

function describeEntry(e: Schemas["DiaryEntryView"], { time }: Clock): string {
  switch (e.kind) {
    case "meal":
      return `Meal: ${e.what}. Ate ${e.amount === "none" ? "none of it" : e.amount === "all" ? "all of it" : e.amount}.`;
    case "nap":
      return `Nap from ${time(e.start)} to ${time(e.end)}.`;
    case "nappy": {
      const state = [e.wet && "wet", e.soiled && "soiled"].filter(Boolean).join(" and ") || "dry";
      return `Nappy: ${state}${e.cream ? ", cream applied" : ""}.`;
    }
    case "activity":
      return `Activity: ${e.text}`;
    case "note":
      return `Note: ${e.text}`;
  }
}

/**
 * A child's diary, one day at a time (today unless another is picked). `addToToday` is what the
 * viewer may add to today's (staff); `saved` shows a change's answer at once.
 */
export function ChildDiaryPage({
  settingId,
  childId,
  addToToday,
}: {
  settingId: string;
  childId: string;
  addToToday?: (diary: Diary, saved: (d: Diary) => void) => ReactNode;
}) {
  const { api } = useSession();
  const clock = useClock();
  const name = useChildName(settingId, childId);
  // The setting's today, not the device's (and the next one after its midnight); no day after it has a diary.
  const today = clock.today();
  const [picked, setPicked] = useState<Day | null>(null);
  const date = picked ?? today;
  // Always asked for by its day, so both roles' pages and every visit share one key per day.
  const diary = useApiQuery(keys.setting(settingId, "diary", childId, date), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/diary", { params: { path: { settingId, childId }, query: { date } } })),
  );
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);

  return (
    <Page title={name ? `Diary: ${name}` : "Diary"} back={{ to: `${base}/journal`, label: "Journal" }}>
      <Field label="Date" type="date" value={date} max={today} onChange={(e) => e.target.value && setPicked(e.target.value > today ? today : e.target.value)} />
      <Loaded state={diary}>
        {(d) => (
          <>
            <DiaryDay diary={d} today={d.date === today} />
            {d.date === today && addToToday?.(d, (next) => diary.setData(() => next))}
          </>
        )}
      </Loaded>
      <p>
        <Link to={`${base}/accidents`}>Accidents</Link>
      </p>
    </Page>
  );
}

/** The day's entries and doses, in time order, each with who recorded it. */
function DiaryDay({ diary, today }: { diary: Diary; today: boolean }) {
  const clock = useClock();
  const { day, time } = clock;
  return (
    <>
      <h2>{today ? `Today, ${day(diary.date)}` : day(diary.date)}</h2>
      {diary.entries.length === 0 ? (
        <Empty>Nothing recorded for this day.</Empty>
      ) : (
        <ul className="bare">
          {diary.entries.map((e) => (
            <li key={e.entryId} className="card">
              <strong>{time(e.at)}</strong> {describeEntry(e, clock)} <span className="hint">({e.byName})</span>
            </li>
          ))}
        </ul>
      )}
      <h2>Medicine given</h2>
      {diary.doses.length === 0 ? (
        <Empty>No medicine given this day.</Empty>
      ) : (
        <ul className="bare">
          {diary.doses.map((dose) => (
            <li key={dose.doseId} className="card">
              <strong>{time(dose.at)}</strong> {dose.medicine}, {dose.amount}. Given by {dose.givenByName}, witnessed by {dose.witnessedByName}.
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
