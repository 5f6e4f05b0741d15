// A parent's view of their child's attendance at school: this school year's percentage, the
// sessions attended and the absences, term by term, then each day's morning and afternoon
// marks, newest first. Marks reach parents only after the school's publishing delay (an
// amendment likewise: until then they see the mark before it).
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { Empty, Loaded } from "../../ui/components";
import { codeWords, percentWords, sessionsWords, termAttendanceWords } from "./marks";
import { ChildSchoolPage, FamilySchoolPage } from "./shared";
import { marksPublishingWords } from "./words";

/** Every child of the parent's at the school, one after another (the nav's "Attendance"). */
export function FamilyAttendancePage({ settingId }: { settingId: string }) {
  return (
    <FamilySchoolPage
      settingId={settingId}
      title="Attendance"
      note={marksPublishingWords}
      part={(c) => (
        <>
          <h2>{c.heading}</h2>
          <PupilAttendance settingId={settingId} childId={c.childId} firstName={c.firstName} level={3} />
        </>
      )}
    />
  );
}

/** One child's attendance (from the child's links on the home page). */
export function ChildAttendancePage({ settingId, childId }: { settingId: string; childId: string }) {
  return (
    <ChildSchoolPage
      settingId={settingId}
      childId={childId}
      title="Attendance"
      note={marksPublishingWords}
      part={(c) => <PupilAttendance settingId={settingId} childId={c.childId} firstName={c.firstName} level={2} />}
    />
  );
}

/** The school year so far (the API's range when none is asked for): totals, terms, then the days. */
function PupilAttendance({ settingId, childId, firstName, level }: { settingId: string; childId: string; firstName: string; level: 2 | 3 }) {
  const { api } = useSession();
  const { day } = useClock();
  const state = useApiQuery(keys.setting(settingId, "school-attendance", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/school-attendance", { params: { path: { settingId, childId } } })),
  );
  const H = level === 2 ? "h2" : "h3";
  return (
    <Loaded state={state}>
      {(a) => (
        <>
          <p className="totals">
            <strong>Attendance this school year so far:</strong> {percentWords(a.attendancePerMille) ?? "No sessions yet"}
          </p>
          <dl className="facts">
            <dt>Sessions attended</dt>
            <dd>{sessionsWords(a.totals)}</dd>
            <dt>Authorised absences</dt>
            <dd>{a.totals.authorisedAbsences}</dd>
            <dt>Unauthorised absences</dt>
            <dd>{a.totals.unauthorisedAbsences}</dd>
          </dl>
          <p className="hint">
            From {day(a.from)} to {day(a.to)}.
          </p>
          {a.terms.length > 0 && (
            <>
              <H>Term by term</H>
              <ul>
                {a.terms.map((t) => (
                  <li key={t.term}>{termAttendanceWords(t)}</li>
                ))}
              </ul>
            </>
          )}
          {a.days.length === 0 ? (
            <Empty>No marks to show for {firstName} yet this school year.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label={`${firstName}'s marks (scroll sideways on small screens)`}>
              <table>
                <caption>{`${firstName}'s marks, newest first`}</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Morning</th>
                    <th scope="col">Afternoon</th>
                  </tr>
                </thead>
                <tbody>
                  {a.days.map((d) => (
                    <tr key={d.date}>
                      <th scope="row">{day(d.date)}</th>
                      <td>{codeWords(d.am)}</td>
                      <td>{codeWords(d.pm)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Loaded>
  );
}
