// A parent's view of their child's points at school: this academic year's totals and each
// point (category, reason, points, the lesson or outside one, the day), with whom to ask about
// it. Points reach parents only after the school's publishing delay, as attendance marks do.
import { setting } from "../../routes";
import { useMembership } from "../../session";
import { settingWords } from "../../settingWords";
import { Empty, ErrorBox, Loading, Page } from "../../ui/components";
import { useSettingKind } from "../../ui/hooks";
import { useChild } from "../parent/child";
import { NotASchool, PublishingNote, PupilPoints } from "./shared";
import { publishingWords } from "./words";

/** Every child of the parent's at the school, one after another (the nav's "Points"). */
export function FamilyPointsPage({ settingId }: { settingId: string }) {
  const membership = useMembership(settingId);
  const kind = useSettingKind(settingId);
  const children = (membership?.linkedChildren ?? []).filter((c) => c.status === "active");
  return (
    <Page title="Points" back={{ to: setting(settingId), label: "Home" }}>
      {kind === "nursery" ? (
        <NotASchool settingId={settingId} />
      ) : (
        <>
          <PublishingNote settingId={settingId} words={publishingWords} />
          {children.length === 0 && <Empty>No {settingWords("school").child} is linked to your account at {membership?.settingName}.</Empty>}
          {children.map((c) => (
            <ChildPoints key={c.childId} settingId={settingId} childId={c.childId} />
          ))}
        </>
      )}
    </Page>
  );
}

function ChildPoints({ settingId, childId }: { settingId: string; childId: string }) {
  const child = useChild(settingId, childId);
  if (child.error) return <ErrorBox error={child.error} />;
  if (!child.data) return <Loading />;
  const { firstName, lastName } = child.data;
  return (
    <section aria-label={`${firstName} ${lastName}'s points`}>
      <PupilPoints settingId={settingId} childId={childId} firstName={firstName} heading={`${firstName} ${lastName}`} forParent />
    </section>
  );
}

/** One child's points (from the child's links on the home page). */
export function ChildPointsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const child = useChild(settingId, childId);
  const kind = useSettingKind(settingId);
  const firstName = child.data?.firstName;
  return (
    <Page title={firstName ? `${firstName}'s points` : "Points"} back={{ to: setting(settingId), label: "Your children" }}>
      {kind === "nursery" ? (
        <NotASchool settingId={settingId} />
      ) : (
        <>
          <PublishingNote settingId={settingId} words={publishingWords} />
          <ErrorBox error={child.error} />
          {firstName && <PupilPoints settingId={settingId} childId={childId} firstName={firstName} forParent />}
        </>
      )}
    </Page>
  );
}
