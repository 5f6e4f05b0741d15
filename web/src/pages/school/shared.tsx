// What the school's pages share: the school's groups as staff read them, the notice a nursery
// gets on a school's page, the publishing delay's note for parents, and a pupil's points with
// their totals.
import { Link } from "react-router";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import type { ReactNode } from "react";
import { settingWords } from "../../settingWords";
import { Empty, ErrorBox, Loaded, Loading, Page } from "../../ui/components";
import { useSettingKind, useSettingView } from "../../ui/hooks";
import { useChild } from "../parent/child";
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
export function PublishingNote({ settingId, words }: { settingId: string; words: NoteWords }) {
  return <p className="setup">{words(useSettingView(settingId)?.attendancePublishing)}</p>;
}

type NoteWords = (publishing: Schemas["AttendancePublishing"] | undefined) => string;

/** What a parent's school page shows of one child: their points, their attendance. */
type ChildPart = (child: { childId: string; firstName: string; heading?: string }) => ReactNode;

/**
 * A parent's school page for every child of theirs there, one section each (the nav's "Points"
 * and "Attendance"), after the publishing delay's note.
 */
export function FamilySchoolPage({ settingId, title, note, part }: { settingId: string; title: string; note: NoteWords; part: ChildPart }) {
  const membership = useMembership(settingId);
  const kind = useSettingKind(settingId);
  const children = (membership?.linkedChildren ?? []).filter((c) => c.status === "active");
  return (
    <Page title={title} back={{ to: setting(settingId), label: "Home" }}>
      {kind === "nursery" ? (
        <NotASchool settingId={settingId} />
      ) : (
        <>
          <PublishingNote settingId={settingId} words={note} />
          {children.length === 0 && <Empty>No {settingWords("school").child} is linked to your account at {membership?.settingName}.</Empty>}
          {children.map((c) => (
            <ChildSection key={c.childId} settingId={settingId} childId={c.childId} what={title.toLowerCase()} part={part} />
          ))}
        </>
      )}
    </Page>
  );
}

/** One child's section of a family page, named "<First Last>'s <what>". */
function ChildSection({ settingId, childId, what, part }: { settingId: string; childId: string; what: string; part: ChildPart }) {
  const child = useChild(settingId, childId);
  if (child.error) return <ErrorBox error={child.error} />;
  if (!child.data) return <Loading />;
  const { firstName, lastName } = child.data;
  return <section aria-label={`${firstName} ${lastName}'s ${what}`}>{part({ childId, firstName, heading: `${firstName} ${lastName}` })}</section>;
}

/** A parent's school page for one child (from the child's links on the home page): "<First>'s <what>". */
export function ChildSchoolPage({ settingId, childId, title, note, part }: { settingId: string; childId: string; title: string; note: NoteWords; part: ChildPart }) {
  const child = useChild(settingId, childId);
  const kind = useSettingKind(settingId);
  const firstName = child.data?.firstName;
  return (
    <Page title={firstName ? `${firstName}'s ${title.toLowerCase()}` : title} back={{ to: setting(settingId), label: "Your children" }}>
      {kind === "nursery" ? (
        <NotASchool settingId={settingId} />
      ) : (
        <>
          <PublishingNote settingId={settingId} words={note} />
          <ErrorBox error={child.error} />
          {firstName && part({ childId, firstName })}
        </>
      )}
    </Page>
  );
}

/** A form's own refusal, before anything is sent: what to put right. */
export function NotSaved({ check }: { check: string | null }) {
  return check ? (
    <div className="error" role="alert">
      <p>
        <strong>Not saved.</strong> {check}
      </p>
    </div>
  ) : null;
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
