// What the school's pages share: the school's groups as staff read them, the notice a nursery
// gets on a school's page, and a pupil's points with their totals.
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useMembership, useSession } from "../../session";
import { Empty, Loaded } from "../../ui/components";
import { Card } from "../staff/shared";
import { firstContactWords, guidanceWords, kindWords, lessonWords, pointsWords, totalsWords } from "./words";

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

/**
 * A pupil's points this academic year (the API's range when none is asked for), newest first,
 * with the totals. Staff read who gave each and its first contact; a parent reads, beside each,
 * whom to ask about it.
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
            {p.items.length === 0 ? (
              <Empty>{forParent ? `No points to show for ${firstName} yet this academic year.` : `No points for ${firstName} yet this academic year.`}</Empty>
            ) : (
              p.items.map((point) => (
                <Card key={point.pointId} level={level} heading={`${kindWords(point.kind)}: ${point.category}, ${pointsWords(point.points)}`}>
                  <p>{point.reason}</p>
                  <p className="hint">
                    {lessonWords(point.lesson)} · {forParent ? day(point.givenAt) : `${when(point.givenAt)} · given by ${point.givenByName}`}
                  </p>
                  {forParent ? <p>{guidanceWords(firstName, point.firstContact)}</p> : <p>First contact: {firstContactWords(point.firstContact)}</p>}
                </Card>
              ))
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
