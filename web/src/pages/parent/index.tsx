import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";
import { ParentHome } from "./home";
import { ChildJournalPage, ConsentsPage } from "./child";
import { ContributePage, ContributionsPage } from "./contribute";
import { AbsencePage, AttendancePage, MedicinePage } from "./daily";
import { ChildAccidentsPage } from "../../ui/accidents";
import { DiaryPage } from "./diary";

// Family members (grandparents, childminders) may collect but see nothing in the records:
// only their home page and the agreement are theirs.
const FAMILY: RouteDef["roles"] = ["parent", "family"];
const PARENT: RouteDef["roles"] = ["parent"];
const child = "children/:childId";

export const parentRoutes: RouteDef[] = [
  { path: "", roles: FAMILY, render: (p) => <ParentHome settingId={p.settingId!} /> },
  { path: `${child}/journal`, roles: PARENT, render: (p) => <ChildJournalPage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/contribute`, roles: PARENT, render: (p) => <ContributePage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/contributions`, roles: PARENT, render: (p) => <ContributionsPage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/consents`, roles: PARENT, render: (p) => <ConsentsPage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/diary`, roles: PARENT, render: (p) => <DiaryPage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/attendance`, roles: PARENT, render: (p) => <AttendancePage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/accidents`, roles: PARENT, render: (p) => <ChildAccidentsPage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/absence`, roles: PARENT, render: (p) => <AbsencePage settingId={p.settingId!} childId={p.childId!} /> },
  { path: `${child}/medicine`, roles: PARENT, render: (p) => <MedicinePage settingId={p.settingId!} childId={p.childId!} /> },
];

export const parentNav: NavItem[] = [{ label: "Agreement", path: (s) => setting(s, "/agreement"), roles: ["parent", "family"] }];
