// What managers monitor, for a term: per room and per key person the observations, the
// children not observed lately and the prime judgements still due; each child's gaps; and
// each aspect's cohort per band this term and last, with how the children judged in both moved.
import { useState } from "react";
import { Link } from "react-router";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Empty, Loaded, Page, Select } from "../../ui/components";
import { AREA_WORDS, termsBefore, termWords } from "./words";

type Monitoring = Schemas["MonitoringView"];

function Groups({ caption, groups, weeks }: { caption: string; groups: Schemas["MonitoringGroup"][]; weeks: number }) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption} (scroll sideways on small screens)`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Children</th>
            <th scope="col">Observations</th>
            <th scope="col">Per child</th>
            <th scope="col">{`Not observed in ${weeks} weeks`}</th>
            <th scope="col">Prime judgements due</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((g) => (
            <tr key={g.name}>
              <th scope="row">{g.name || "(none)"}</th>
              <td>{g.children}</td>
              <td>{g.observations}</td>
              <td>{g.children ? (g.observations / g.children).toFixed(1) : "0"}</td>
              <td>{g.notObservedRecently}</td>
              <td>{g.judgementsDue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function MonitoringPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { day } = useClock();
  const [term, setTerm] = useState<string | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const state = useApiQuery(keys.setting(settingId, "monitoring", term ?? "current"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/monitoring", { params: { path: { settingId }, query: term ? { term } : {} } })),
  );
  const m: Monitoring | undefined = state.data;
  if (m && term === null && current !== m.term) setCurrent(m.term);
  const options = current ? [{ value: "", label: `${termWords(current)} (this term)` }, ...termsBefore(current, 3).map((t) => ({ value: t, label: termWords(t) }))] : [];
  return (
    <Page title="Monitoring" back={{ to: setting(settingId), label: "Home" }}>
      {current && <Select label="Term" value={term ?? ""} onChange={(e) => setTerm(e.target.value || null)} options={options} />}
      <Loaded state={state}>
        {(m) => {
          const gaps = m.children.filter((c) => c.notObservedRecently || c.primeUnjudged > 0 || c.areasNotEvidenced.length > 0);
          return (
            <>
              <p>
                {termWords(m.term)}, compared with {termWords(m.previousTerm)}.
              </p>
              <Groups caption="Rooms" groups={m.rooms} weeks={m.weeks} />
              <Groups caption="Key persons" groups={m.keyPersons} weeks={m.weeks} />
              <section aria-labelledby="gaps-heading">
                <h2 id="gaps-heading">Children with gaps</h2>
                {gaps.length === 0 ? (
                  <Empty>Every child has been observed lately, in every area, with their prime aspects judged.</Empty>
                ) : (
                  <ul className="cards">
                    {gaps.map((c) => (
                      <li key={c.childId} className="card">
                        <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/assessment`)}>
                          {c.firstName} {c.lastName}
                        </Link>
                        <p className="hint">
                          {c.roomName} · key person {c.keyPersonName} · {`${c.observations} ${c.observations === 1 ? "observation" : "observations"}`} this term
                          {c.lastObservedAt ? ` · last ${day(c.lastObservedAt)}` : " · never observed"}
                        </p>
                        <ul>
                          {c.notObservedRecently && <li>{`Not observed in the last ${m.weeks} weeks`}</li>}
                          {c.primeUnjudged > 0 && <li>{`${c.primeUnjudged} prime ${c.primeUnjudged === 1 ? "aspect" : "aspects"} not judged this term`}</li>}
                          {c.areasNotEvidenced.length > 0 && <li>{`No observation yet in: ${c.areasNotEvidenced.map((a) => AREA_WORDS[a].toLowerCase()).join(", ")}`}</li>}
                        </ul>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              <Cohort monitoring={m} />
            </>
          );
        }}
      </Loaded>
    </Page>
  );
}

/** Each aspect: children per band now and last term, and how those judged in both moved. */
function Cohort({ monitoring: m }: { monitoring: Monitoring }) {
  if (!m.framework) return <p className="setup">Choose the setting's assessment framework (on Checkpoints) to see the cohort by band.</p>;
  const bands = m.cohort[0]?.bands ?? [];
  return (
    <section aria-labelledby="cohort-heading">
      <h2 id="cohort-heading">The cohort by aspect</h2>
      <p className="hint">Children judged in each band this term (and last term), and how children judged in both terms moved along the bands.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="The cohort by aspect (scroll sideways on small screens)">
        <table>
          <caption className="visually-hidden">Children per band, this term (last term)</caption>
          <thead>
            <tr>
              <th scope="col">Aspect</th>
              {bands.map((b) => (
                <th key={b.band} scope="col">
                  {b.title}
                </th>
              ))}
              <th scope="col">Moved on</th>
              <th scope="col">Same band</th>
              <th scope="col">Moved back</th>
            </tr>
          </thead>
          <tbody>
            {m.cohort.map((a) => (
              <tr key={a.aspect}>
                <th scope="row">{a.title}</th>
                {a.bands.map((b) => (
                  <td key={b.band}>
                    {b.now} ({b.lastTerm})
                  </td>
                ))}
                <td>{a.movedUp}</td>
                <td>{a.stayed}</td>
                <td>{a.movedDown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
