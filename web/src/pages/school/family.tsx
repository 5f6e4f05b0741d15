// A parent's view of their child's points at school: this academic year's totals and each
// point (category, reason, points, the lesson or outside one, the day), with whom to ask about
// it. Points reach parents only after the school's publishing delay, as attendance marks do.
import { ChildSchoolPage, FamilySchoolPage, PupilPoints } from "./shared";
import { publishingWords } from "./words";

/** Every child of the parent's at the school, one after another (the nav's "Points"). */
export function FamilyPointsPage({ settingId }: { settingId: string }) {
  return (
    <FamilySchoolPage
      settingId={settingId}
      title="Points"
      note={publishingWords}
      part={(c) => <PupilPoints settingId={settingId} childId={c.childId} firstName={c.firstName} heading={c.heading} forParent />}
    />
  );
}

/** One child's points (from the child's links on the home page). */
export function ChildPointsPage({ settingId, childId }: { settingId: string; childId: string }) {
  return (
    <ChildSchoolPage
      settingId={settingId}
      childId={childId}
      title="Points"
      note={publishingWords}
      part={(c) => <PupilPoints settingId={settingId} childId={c.childId} firstName={c.firstName} forParent />}
    />
  );
}
