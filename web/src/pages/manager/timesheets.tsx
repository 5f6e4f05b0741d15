// Timesheets: each member of staff's clocked time over a period of up to 31 days.
import { useState } from "react";
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { addDays, mondayOf, type Day } from "../../time";
import { Empty, Field, Loaded, Page } from "../../ui/components";
import { duration, loadRooms } from "./common";

/** Monday to Sunday of the week a day falls in. */
function weekOf(today: Day): { from: Day; to: Day } {
  const monday = mondayOf(today);
  return { from: monday, to: addDays(monday, 6) };
}

export function TimesheetsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const clock = useClock();
  const { day, time } = clock;
  // This week as the setting counts it, whatever the device's zone.
  const [range, setRange] = useState(() => weekOf(clock.today()));
  const rooms = useApiQuery(keys.setting(settingId, "rooms"), () => loadRooms(api, settingId));
  const roomName = (id: string) => rooms.data?.find((r) => r.id === id)?.name ?? "";
  const sheets = useApiQuery(keys.setting(settingId, "timesheets", range.from, range.to), () =>
    unwrap(api.GET("/v1/settings/{settingId}/timesheets", { params: { path: { settingId }, query: { from: range.from, to: range.to } } })),
  );
  return (
    <Page title="Timesheets" back={{ to: setting(settingId), label: "Home" }}>
      <fieldset>
        <legend>Period (at most 31 days)</legend>
        <Field label="From" type="date" value={range.from} max={range.to} onChange={(e) => e.target.value && setRange((r) => ({ ...r, from: e.target.value }))} required />
        <Field label="To" type="date" value={range.to} min={range.from} onChange={(e) => e.target.value && setRange((r) => ({ ...r, to: e.target.value }))} required />
      </fieldset>
      <Loaded state={sheets}>
        {(t) =>
          t.staff.length === 0 ? (
            <Empty>Nobody clocked in between {day(t.from)} and {day(t.to)}.</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
                <table>
                  <caption>
                    {day(t.from)} to {day(t.to)}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Member of staff</th>
                      <th scope="col">Time worked</th>
                      <th scope="col">Still clocked in</th>
                    </tr>
                  </thead>
                  <tbody>
                    {t.staff.map((s) => (
                      <tr key={s.userId}>
                        <th scope="row">{s.name}</th>
                        <td>{duration(s.minutes)}</td>
                        <td>{s.openSessions > 0 ? `Yes (${s.openSessions} session${s.openSessions === 1 ? "" : "s"} not counted yet)` : "No"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="hint">Only finished sessions are counted.</p>
              {t.staff.map((s) => (
                <details key={s.userId}>
                  <summary>{s.name}: day by day</summary>
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
                    <table>
                      <caption className="visually-hidden">{s.name}, day by day</caption>
                      <thead>
                        <tr>
                          <th scope="col">Day</th>
                          <th scope="col">Time</th>
                          <th scope="col">Sessions</th>
                        </tr>
                      </thead>
                      <tbody>
                        {s.days.map((d) => (
                          <tr key={d.date}>
                            <th scope="row">{day(d.date)}</th>
                            <td>{duration(d.minutes)}</td>
                            <td>
                              {d.sessions.map((x, i) => (
                                <div key={i}>
                                  {time(x.inAt)} to {x.outAt ? time(x.outAt) : "still in"}
                                  {roomName(x.roomId) ? `, ${roomName(x.roomId)}` : ""}
                                </div>
                              ))}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </details>
              ))}
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
