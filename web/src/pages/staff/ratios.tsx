// Staff-to-child ratios per room now, and the episodes when a room was out of ratio.
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Empty, Loaded, Page } from "../../ui/components";
import { LoadMore } from "../../ui/paging";
import { minutes } from "./shared";

function headcount(h: Schemas["Headcount"]): string {
  return `${h.under2} under 2, ${h.two} aged 2, ${h.threePlus} aged 3 and over`;
}

/** Each room's ratio as it stands; loaded again after a mark or a clock (useAction marks it stale). */
export function RatiosTable({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { time } = useClock();
  const ratios = useApiQuery(keys.setting(settingId, "ratios"), () => unwrap(api.GET("/v1/settings/{settingId}/ratios", { params: { path: { settingId } } })));
  return (
    <Loaded state={ratios}>
      {(view) =>
        view.rooms.length === 0 ? (
          <Empty>No rooms yet.</Empty>
        ) : (
          <>
            <p className="hint">As at {time(view.at)}.</p>
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
              <table>
                <caption className="hint">Staff in each room against the number the children need</caption>
                <thead>
                  <tr>
                    <th scope="col">Room</th>
                    <th scope="col">Status</th>
                    <th scope="col">Children</th>
                    <th scope="col">Staff present</th>
                    <th scope="col">Staff required</th>
                  </tr>
                </thead>
                <tbody>
                  {view.rooms.map((r) => (
                    <tr key={r.roomId}>
                      <th scope="row">{r.roomName}</th>
                      <td>
                        <span className={`tag status-${r.status}`}>{r.status === "ok" ? "In ratio" : "Out of ratio"}</span>
                        {r.breachSince && <span className="hint"> since {time(r.breachSince)}</span>}
                      </td>
                      <td>{headcount(r.children)}</td>
                      <td>
                        {r.staff.length}
                        {r.staff.length > 0 && `: ${r.staff.map((s) => `${s.name} (level ${s.qualificationLevel})`).join(", ")}`}
                      </td>
                      <td>
                        {r.staffRequired}
                        {r.graduateRatio && <span className="hint"> (1:13 for 3 and over)</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )
      }
    </Loaded>
  );
}

export function RatiosPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { when } = useClock();
  const episodes = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/ratio-breaches", { params: { path: { settingId }, query: { limit: 25, ...(cursor ? { cursor } : {}) } } }));
  const breaches = useApiQuery(keys.setting(settingId, "ratio-breaches"), () => episodes());

  return (
    <Page title="Ratios" back={{ to: setting(settingId), label: "Home" }}>
      <section aria-labelledby="now-heading">
        <h2 id="now-heading">Now</h2>
        <RatiosTable settingId={settingId} />
      </section>
      <section aria-labelledby="breaches-heading">
        <h2 id="breaches-heading">Times a room was out of ratio</h2>
        <Loaded state={breaches}>
          {(page) => {
            const items = page.items;
            if (items.length === 0) return <Empty>No room has been out of ratio.</Empty>;
            return (
              <>
                <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Room</th>
                        <th scope="col">From</th>
                        <th scope="col">To</th>
                        <th scope="col">How long</th>
                        <th scope="col">Staff</th>
                        <th scope="col">Children</th>
                      </tr>
                    </thead>
                    <tbody>
                      {items.map((b) => (
                        <tr key={b.breachId}>
                          <th scope="row">{b.roomName}</th>
                          <td>{when(b.startedAt)}</td>
                          <td>
                            {b.open ? <span className="tag status-breach">Still out of ratio</span> : when(b.endedAt)}
                            {b.unresolvedAtDayEnd && <span className="tag status-pending">Unresolved at the end of the day: someone must account for it</span>}
                          </td>
                          <td>{minutes(b.durationMinutes)}</td>
                          <td>
                            {b.staff} of {b.staffRequired} needed
                          </td>
                          <td>{headcount(b.children)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <LoadMore state={breaches} load={episodes} />
              </>
            );
          }}
        </Loaded>
      </section>
    </Page>
  );
}
