// The termly funding headcount: for the managers, each funded child's hours over a term
// (entitled, booked, attended, invoiced) and what to put right before the local authority's
// headcount. Every figure the API gives is minutes, shown as hours.
import { useState } from "react";
import { Link } from "react-router";
import { unwrap, type ApiError } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Empty, ErrorBox, Loaded, Page, Select } from "../../ui/components";
import { attendedWords, checkWords, mismatchWords, monthInvoiceWords, streamName, termWords } from "./headcountWords";
import { hoursWords } from "./words";

/** The managers' headcount for a term: the term today is in, or one chosen from the setting's terms. */
export function HeadcountPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { day } = useClock();
  // The first day of the term chosen; none: the term today is in.
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const load = (term?: string) => () =>
    unwrap(api.GET("/v1/settings/{settingId}/funding/headcount", { params: { path: { settingId }, query: term ? { term } : {} } }));
  // The current term's answer also lists the terms, so the choice stays on screen (and keeps
  // its focus) while another term loads.
  const current = useApiQuery(keys.setting(settingId, "funding-headcount", "now"), load());
  const other = chosen !== undefined && chosen !== current.data?.term.starts ? chosen : undefined;
  const picked = useApiQuery(keys.setting(settingId, "funding-headcount", other ?? "none"), load(other), { enabled: other !== undefined });
  const state = other === undefined ? current : picked;
  const terms = current.data?.terms ?? [];
  return (
    <Page title="Funding headcount" back={{ to: setting(settingId, "/invoices"), label: "Invoices" }}>
      {current.error?.status === 422 ? (
        <NoTerms settingId={settingId} error={current.error} />
      ) : (
        <>
          {terms.length > 0 && (
            <Select
              label="Term"
              value={other ?? current.data?.term.starts ?? ""}
              onChange={(e) => setChosen(e.target.value)}
              options={terms.map((t) => ({ value: t.starts, label: termWords(t, day) }))}
            />
          )}
          <Loaded state={state}>
            {(h) => (
              <>
                <h2>By stream</h2>
                <p>{termWords(h.term, day)}: the funded hours each stream brings over the term&rsquo;s weeks.</p>
                {h.streams.length === 0 ? (
                  <Empty>No funded hours this term.</Empty>
                ) : (
                  <div className="table-wrap" tabIndex={0} role="region" aria-label="Funded children by stream (scroll sideways on small screens)">
                    <table aria-label="Funded children by stream">
                      <thead>
                        <tr>
                          <th scope="col">Stream</th>
                          <th scope="col" className="number">
                            Children
                          </th>
                          <th scope="col" className="number">
                            Hours
                          </th>
                        </tr>
                      </thead>
                      <tbody>
                        {h.streams.map((s) => (
                          <tr key={s.stream}>
                            <th scope="row">{streamName(s.stream)}</th>
                            <td className="number">{s.children}</td>
                            <td className="number">{hoursWords(s.minutes)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
                <h2>Each child</h2>
                {h.children.length === 0 ? (
                  <Empty>No funded children this term.</Empty>
                ) : (
                  <>
                    <p>
                      <strong>{checkWords(h.mismatched)}</strong>
                    </p>
                    <p className="hint">Attended: of the funded hours booked on days gone by, those the register has the child there for.</p>
                    <div className="table-wrap" tabIndex={0} role="region" aria-label="Each funded child (scroll sideways on small screens)">
                      <table aria-label="Each funded child">
                        <thead>
                          <tr>
                            <th scope="col">Child</th>
                            <th scope="col" className="number">
                              Entitled
                            </th>
                            <th scope="col" className="number">
                              Booked
                            </th>
                            <th scope="col" className="number">
                              Attended
                            </th>
                            <th scope="col">Invoices</th>
                            <th scope="col">To check</th>
                          </tr>
                        </thead>
                        <tbody>
                          {h.children.map((c) => (
                            <tr key={c.childId}>
                              <th scope="row">
                                <Link to={setting(settingId, `/children/${c.childId}/bookings`)}>{c.childName}</Link>
                              </th>
                              <td className="number">{hoursWords(c.entitled)}</td>
                              <td className="number">{hoursWords(c.booked)}</td>
                              <td className="number">{attendedWords(c)}</td>
                              <td>
                                {c.months.length > 0 && (
                                  <ul className="bare">
                                    {c.months.map((m) => (
                                      <li key={m.month}>{monthInvoiceWords(m)}</li>
                                    ))}
                                  </ul>
                                )}
                              </td>
                              <td>
                                {c.mismatches.length === 0 ? (
                                  "Nothing to check"
                                ) : (
                                  <ul className="bare">
                                    {c.mismatches.map((m, i) => (
                                      <li key={`${m.kind}-${i}`}>{mismatchWords(m)}</li>
                                    ))}
                                  </ul>
                                )}
                              </td>
                            </tr>
                          ))}
                        </tbody>
                      </table>
                    </div>
                  </>
                )}
              </>
            )}
          </Loaded>
        </>
      )}
    </Page>
  );
}

/** No terms recorded: the API's words, and where to record them. */
function NoTerms({ settingId, error }: { settingId: string; error: ApiError }) {
  return (
    <>
      <ErrorBox error={error} />
      <p>
        <Link to={setting(settingId, "/bookings/setup")}>Sessions and terms</Link>
      </p>
    </>
  );
}
