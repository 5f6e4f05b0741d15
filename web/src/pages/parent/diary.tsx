// A child's day as the parents see it: what staff recorded, and the medicine given.
import { useState } from "react";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import type { Clock } from "../../time";
import { Empty, Field, Loaded, Page, words } from "../../ui/components";
import { childBase } from "./child";

type Props = { settingId: string; childId: string };

export function describeDiary(entry: Schemas["DiaryEntryView"], { time }: Clock): string {
  switch (entry.kind) {
    case "meal":
      return `Ate ${entry.what}: ${words(entry.amount)}`;
    case "nap":
      return `Slept ${time(entry.start)} to ${time(entry.end)}`;
    case "nappy":
      return `Nappy: ${[entry.wet && "wet", entry.soiled && "soiled", entry.cream && "cream applied"].filter(Boolean).join(", ") || "dry"}`;
    case "activity":
      return entry.text;
    case "note":
      return `Note: ${entry.text}`;
  }
}

export function DiaryPage({ settingId, childId }: Props) {
  const { api } = useSession();
  const clock = useClock();
  const { day, time } = clock;
  // The setting's today, not the device's: a day runs midnight to midnight where the children are.
  const [date, setDate] = useState(() => clock.today());
  const state = useApiQuery(keys.setting(settingId, "diary", childId, date), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/diary", { params: { path: { settingId, childId }, query: { date } } })),
  );
  return (
    <Page title="Diary" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <Field label="Day" type="date" value={date} max={clock.today()} onChange={(e) => e.target.value && setDate(e.target.value)} />
      <Loaded state={state}>
        {(diary) => (
          <>
            {diary.entries.length === 0 && diary.doses.length === 0 && <Empty>Nothing recorded on {day(diary.date)}.</Empty>}
            <ul className="timeline">
              {diary.entries.map((e) => (
                <li key={e.entryId}>
                  <strong>{time(e.at)}</strong> {describeDiary(e, clock)} <span className="hint">({e.byName})</span>
                </li>
              ))}
            </ul>
            {diary.doses.length > 0 && (
              <>
                <h2>Medicine given</h2>
                <ul>
                  {diary.doses.map((d) => (
                    <li key={d.doseId}>
                      <strong>{time(d.at)}</strong> {d.medicine}, {d.amount}: given by {d.givenByName}, witnessed by {d.witnessedByName}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

