import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useMembership, useSession } from "../../session";
import { Empty, ErrorBox, Loading, Page } from "../../ui/components";
import { useSettingRead } from "../../ui/hooks";

const STATUS_WORDS: Record<Schemas["LinkStatus"], string> = {
  "pending-agreement": "Waiting for you to accept the agreement",
  active: "",
  suspended: "Access to this child's records is paused. Please contact the setting.",
  revoked: "Your access has been withdrawn.",
};

/** A family's start page: each linked child, with what there is to see and do. */
export function ParentHome({ settingId }: { settingId: string }) {
  const membership = useMembership(settingId);
  const children = membership?.linkedChildren ?? [];
  if (membership?.role === "family")
    return (
      <Page title={membership.settingName}>
        <p>
          You are on {membership.settingName}'s Nestling as a family member of {children.length === 1 ? "one child" : `${children.length} children`}.
          The setting may ask you to collect; children's journals and records are shared with their parents only.
        </p>
        {children.some((c) => c.status === "suspended") && <p>{STATUS_WORDS.suspended}</p>}
      </Page>
    );
  return (
    <Page title="Your children">
      {children.length === 0 && <Empty>No child is linked to your account at {membership?.settingName}.</Empty>}
      <ul className="cards">
        {children.map((c) => (
          <ChildCard key={c.childId} settingId={settingId} link={c} parent={membership?.role === "parent"} />
        ))}
      </ul>
    </Page>
  );
}

function ChildCard({ settingId, link, parent }: { settingId: string; link: Schemas["LinkedChildView"]; parent: boolean }) {
  const { api } = useSession();
  // The setting says which links apply: a school's, and the EYFS's where it applies.
  const settingRead = useSettingRead(settingId);
  const view = settingRead.data;
  const live = link.status === "active";
  // The child's own key (shared with its pages), read only through a live link.
  const state = useApiQuery(
    keys.setting(settingId, "child", link.childId),
    () => unwrap(api.GET("/v1/settings/{settingId}/children/{childId}", { params: { path: { settingId, childId: link.childId } } })),
    { enabled: live },
  );
  const base = setting(settingId, `/children/${encodeURIComponent(link.childId)}`);
  // `live` too: the cache may still hold the child from before the link was paused.
  const name = live && state.data ? `${state.data.firstName} ${state.data.lastName}` : "Your child";
  return (
    <li className="card" aria-label={name}>
      <h2>{name}</h2>
      {(state.loading || (live && settingRead.loading)) && <Loading />}
      <ErrorBox error={state.error} />
      {!live && <p>{STATUS_WORDS[link.status]}</p>}
      {live && state.data && view && <ChildLinks base={base} parent={parent} school={view.kind === "school"} eyfs={view.eyfsApplies} />}
    </li>
  );
}

/**
 * A child's pages. A school's points and attendance (its registers' marks) are for parents
 * with parental responsibility only; the learning journal and assessment only where the EYFS
 * applies; a nursery's sign-in attendance only in a nursery.
 */
export function ChildLinks({ base, parent, school, eyfs }: { base: string; parent: boolean; school: boolean; eyfs: boolean }) {
  const links: [string, string, boolean][] = [
    ["Points", "/points", school && parent],
    ["Attendance", "/school-attendance", school && parent],
    ["Journal", "/journal", eyfs],
    ["Learning journey (PDF and archive)", "/journey", eyfs],
    ["Development", "/assessment", eyfs && parent],
    ["Add to the journal", "/contribute", eyfs && parent],
    ["What you have added", "/contributions", eyfs],
    ["Diary", "/diary", true],
    ["Attendance", "/attendance", !school],
    ["Accidents", "/accidents", true],
    ["Report an absence", "/absence", parent],
    ["Medicine permissions", "/medicine", parent],
    ["Consents", "/consents", parent],
  ];
  return (
    <ul className="link-list">
      {links
        .filter(([, , shown]) => shown)
        .map(([label, rest]) => (
          <li key={rest}>
            <Link to={base + rest}>{label}</Link>
          </li>
        ))}
    </ul>
  );
}
