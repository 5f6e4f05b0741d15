// The access log: who saw or changed what, one day at a time, by child or by person.
import { useState } from "react";
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Empty, ErrorBox, Field, Loaded, Page, Select, words } from "../../ui/components";
import { LoadMore, compactQuery, useDirectory } from "./common";

/**
 * Today in UTC, not in the setting's zone: the API keeps the access log by UTC day, so the day
 * picked here is a UTC day. Only the times shown in it are the setting's.
 */
const utcToday = () => new Date().toISOString().slice(0, 10);

export function AuditPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { time } = useClock();
  const directory = useDirectory(settingId);
  const dir = directory.data;
  const [dayValue, setDay] = useState(utcToday);
  const [childId, setChildId] = useState("");
  const [userId, setUserId] = useState("");
  const load = (cursor?: string) =>
    unwrap(
      api.GET("/v1/settings/{settingId}/audit", {
        params: { path: { settingId }, query: compactQuery({ day: dayValue || undefined, childId, userId, limit: 50, cursor }) },
      }),
    );
  const log = useApiQuery(keys.setting(settingId, "audit", dayValue, childId, userId), () => load());
  const staffIds = new Set(dir?.staff.map((s) => s.userId));
  const personOptions = [
    { value: "", label: "Anyone" },
    ...(dir?.staff ?? []).map((s) => ({ value: s.userId, label: s.name })),
    ...(userId && !staffIds.has(userId) ? [{ value: userId, label: `Person ${userId}` }] : []),
  ];
  return (
    <Page title="Access log" back={{ to: setting(settingId), label: "Home" }}>
      <p className="hint">Every time someone reads or changes a child's record, it is written here. Days run midnight to midnight UTC.</p>
      <ErrorBox error={directory.error} />
      <fieldset>
        <legend>Show</legend>
        <Field label="Day" type="date" value={dayValue} max={utcToday()} onChange={(e) => setDay(e.target.value)} required />
        <Select
          label="About child"
          value={childId}
          onChange={(e) => setChildId(e.target.value)}
          options={[{ value: "", label: "Any child" }, ...(dir?.children ?? []).map((c) => ({ value: c.childId, label: `${c.firstName} ${c.lastName}` }))]}
        />
        <Select label="By person" value={userId} onChange={(e) => setUserId(e.target.value)} options={personOptions} />
      </fieldset>
      <Loaded state={log}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <Empty>{page.nextCursor ? "Nothing matched in the first entries of the day; load more to keep looking." : "Nothing recorded for this choice."}</Empty>
            ) : (
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
                <table>
                  <caption className="visually-hidden">Access log entries, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">Time</th>
                      <th scope="col">Who</th>
                      <th scope="col">What</th>
                      <th scope="col">Record</th>
                      <th scope="col">Children</th>
                      <th scope="col">Detail</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((a) => {
                      const actor = dir?.staff.some((s) => s.userId === a.actorId) ? dir.staffName(a.actorId) : a.actorId;
                      return (
                      <tr key={`${a.requestId}-${a.at}-${a.action}-${a.object}`}>
                        <td>
                          <time dateTime={a.at}>{time(a.at)}</time>
                        </td>
                        <td>
                          {actor} ({words(a.actorRole)})
                          {a.offPremises && (
                            <>
                              <br />
                              <span className="tag status-pending">Off premises</span>
                            </>
                          )}
                          {a.actorId !== userId && (
                            <>
                              <br />
                              <button type="button" className="link" aria-label={`Only this person: ${actor}`} onClick={() => setUserId(a.actorId)}>
                                Only this person
                              </button>
                            </>
                          )}
                        </td>
                        <td>{words(a.action)}</td>
                        <td className="wrap">{a.object}</td>
                        <td>{a.childIds.map((c) => dir?.childName(c) ?? c).join(", ")}</td>
                        <td>{a.detail ?? ""}</td>
                      </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <LoadMore state={log} load={load} />
          </>
        )}
      </Loaded>
    </Page>
  );
}
