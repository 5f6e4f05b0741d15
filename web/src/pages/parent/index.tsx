import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";

// Each page's code downloads when it is first shown (see RouteDef).
const ParentHome = lazy(() => import("./home").then((m) => ({ default: m.ParentHome })));
const ChildJournalPage = lazy(() => import("./child").then((m) => ({ default: m.ChildJournalPage })));
const ConsentsPage = lazy(() => import("./child").then((m) => ({ default: m.ConsentsPage })));
const ContributePage = lazy(() => import("./contribute").then((m) => ({ default: m.ContributePage })));
const ContributionsPage = lazy(() => import("./contribute").then((m) => ({ default: m.ContributionsPage })));
const AbsencePage = lazy(() => import("./daily").then((m) => ({ default: m.AbsencePage })));
const AttendancePage = lazy(() => import("./daily").then((m) => ({ default: m.AttendancePage })));
const MedicinePage = lazy(() => import("./daily").then((m) => ({ default: m.MedicinePage })));
const ChildAccidentsPage = lazy(() => import("../../ui/accidents").then((m) => ({ default: m.ChildAccidentsPage })));
const DiaryPage = lazy(() => import("./diary").then((m) => ({ default: m.DiaryPage })));
const TabletPinPage = lazy(() => import("../device/pin").then((m) => ({ default: m.TabletPinPage })));
const KioskCodePage = lazy(() => import("../device/pass").then((m) => ({ default: m.KioskCodePage })));

// Family members (grandparents, childminders) may collect but see nothing in the records:
// only their home page, the agreement, and their PIN for the setting's tablet and its one-time
// kiosk code (to sign a child in or out there) are theirs.
const FAMILY: RouteDef["roles"] = ["parent", "family"];
const PARENT: RouteDef["roles"] = ["parent"];
const child = "children/:childId";

export const parentRoutes: RouteDef[] = [
  { path: "", roles: FAMILY, render: (p) => <ParentHome settingId={p.settingId!} /> },
  { path: "tablet-pin", roles: FAMILY, render: (p) => <TabletPinPage settingId={p.settingId!} /> },
  { path: "kiosk-code", roles: FAMILY, render: (p) => <KioskCodePage settingId={p.settingId!} /> },
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

export const parentNav: NavItem[] = [
  { label: "Agreement", path: (s) => setting(s, "/agreement"), roles: FAMILY },
  { label: "Tablet PIN", path: (s) => setting(s, "/tablet-pin"), roles: FAMILY },
  { label: "Kiosk code", path: (s) => setting(s, "/kiosk-code"), roles: FAMILY },
];
