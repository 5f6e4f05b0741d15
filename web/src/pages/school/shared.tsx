// What the school's pages share: the school's groups as staff read them, the notice a nursery
// gets on a school's page, the publishing delay's note for parents, and a pupil's points with
// their totals.
import { Link } from "react-router";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { Empty, Loaded } from "../../ui/components";
import { useSettingView } from "../../ui/hooks";
import { pointMessagePath } from "../messages/shared";
import { Card } from "../staff/shared";
import { firstContactWords, guidanceWords, kindWords, lessonWords, messageAboutPointWords, pointsWords, pointSubjectWords, termPointsWords, totalsWords } from "./words";

/** A tutor group's register, that group chosen (the totals page links back to it). */
export const registerPath = (settingId: string, tutorGroupId: string) => setting(settingId, `/school-register?group=${encodeURIComponent(tutorGroupId)}`);

/** A tutor group's totals (linked from its register). */
export const totalsPath = (settingId: string, tutorGroupId: string) => setting(settingId, `/school-registers/${encodeURIComponent(tutorGroupId)}/totals`);

/** The school's year, tutor and teaching groups and its point categories (staff only). */
export function useSchool(settingId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "school"), () => unwrap(api.GET("/v1/settings/{settingId}/school", { params: { path: { settingId } } })));
}

/** A school's page opened in a nursery: nothing of it applies. */
export function NotASchool({ settingId }: { settingId: string }) {
  const name = useMembership(settingId)?.settingName ?? "This setting";
  return <Empty>This page is for schools: {name} is a nursery, with no year groups, tutor groups or points.</Empty>;
}

/** Why parents see points and marks only a while after they are given: the school's publishing delay, from the setting. */
export function PublishingNote({ settingId, words }: { settingId: string; words: (publishing: Schemas["AttendancePublishing"] | undefined) => string }) {
  return <p className="setup">{words(useSettingView(settingId)?.attendancePublishing)}</p>;
}

/**
 * A pupil's points this academic year (the API's range when none is asked for), newest first,
 * with the totals, overall and term by term. Staff read who gave each and its first contact; a
 * parent reads, beside each, whom to ask about it and a link to write to them.
 */
export function PupilPoints({ settingId, childId, firstName, heading, forParent }: { settingId: string; childId: string; firstName: string; heading?: string; forParent: boolean }) {
  const { api } = useSession();
  const { day, when } = useClock();
  const points = useApiQuery(keys.setting(settingId, "points", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/points", { params: { path: { settingId, childId } } })),
  );
  const level = heading ? 3 : 2;
  return (
    <>
      {heading && <h2>{heading}</h2>}
      <Loaded state={points}>
        {(p) => (
          <>
            <p className="totals">
              <strong>This academic year so far:</strong> {totalsWords(p.totals)}.
            </p>
            <p className="hint">
              From {day(p.from)} to {day(p.to)}.
            </p>
            {p.terms.length > 0 && (
              <ul aria-label="Term by term">
                {p.terms.map((t) => (
                  <li key={t.term}>{termPointsWords(t)}</li>
                ))}
              </ul>
            )}
            {p.items.length === 0 ? (
              <Empty>{forParent ? `No points to show for ${firstName} yet this academic year.` : `No points for ${firstName} yet this academic year.`}</Empty>
            ) : (
              p.items.map((point) => (
                <Card key={point.pointId} level={level} heading={`${kindWords(point.kind)}: ${point.category}, ${pointsWords(point.points)}`}>
                  <p>{point.reason}</p>
                  <p className="hint">
                    {lessonWords(point.lesson)} · {forParent ? day(point.givenAt) : `${when(point.givenAt)} · given by ${point.givenByName}`}
                  </p>
                  {forParent ? (
                    <>
                      <p>{guidanceWords(firstName, point.firstContact)}</p>
                      <p>
                        <Link to={pointMessagePath(settingId, childId, point.pointId, pointSubjectWords(point.category, day(point.givenAt)))}>
                          {messageAboutPointWords(point.firstContact)}
                        </Link>
                      </p>
                    </>
                  ) : (
                    <p>First contact: {firstContactWords(point.firstContact)}</p>
                  )}
                </Card>
              ))
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
