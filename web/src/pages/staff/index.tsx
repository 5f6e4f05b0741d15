// Staff screens (practitioners and managers): the practitioner's home, the register, observations,
// contributions, children's journals, diaries and accidents, ratios, remote access and the PIN
// for the setting's tablets.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting, STAFF } from "../../routes";

// Each page's code downloads when it is first shown (see RouteDef).
const ChildAccidentsPage = lazy(() => import("../../ui/accidents").then((m) => ({ default: m.ChildAccidentsPage })));
const ContributionsPage = lazy(() => import("./contributions").then((m) => ({ default: m.ContributionsPage })));
const DiaryPage = lazy(() => import("./diary").then((m) => ({ default: m.DiaryPage })));
const KeyChildrenPage = lazy(() => import("./home").then((m) => ({ default: m.KeyChildrenPage })));
const PractitionerHome = lazy(() => import("./home").then((m) => ({ default: m.PractitionerHome })));
const ReportFaultPage = lazy(() => import("./home").then((m) => ({ default: m.ReportFaultPage })));
const StaffJournalPage = lazy(() => import("./journal").then((m) => ({ default: m.StaffJournalPage })));
const ObservePage = lazy(() => import("./observe").then((m) => ({ default: m.ObservePage })));
const RatiosPage = lazy(() => import("./ratios").then((m) => ({ default: m.RatiosPage })));
const RegisterPage = lazy(() => import("./register").then((m) => ({ default: m.RegisterPage })));
const RemoteAccessPage = lazy(() => import("./remote").then((m) => ({ default: m.RemoteAccessPage })));
const TabletPinPage = lazy(() => import("../device/pin").then((m) => ({ default: m.TabletPinPage })));

export const staffRoutes: RouteDef[] = [
  { path: "", roles: ["practitioner"], render: (p) => <PractitionerHome settingId={p.settingId!} /> },
  { path: "report-fault", roles: STAFF, render: (p) => <ReportFaultPage settingId={p.settingId!} /> },
  { path: "observe", roles: STAFF, render: (p) => <ObservePage settingId={p.settingId!} /> },
  { path: "contributions", roles: STAFF, render: (p) => <ContributionsPage settingId={p.settingId!} /> },
  { path: "register", roles: STAFF, render: (p) => <RegisterPage settingId={p.settingId!} /> },
  { path: "ratios", roles: STAFF, render: (p) => <RatiosPage settingId={p.settingId!} /> },
  { path: "key-children", roles: STAFF, render: (p) => <KeyChildrenPage settingId={p.settingId!} /> },
  { path: "remote-access", roles: STAFF, render: (p) => <RemoteAccessPage settingId={p.settingId!} /> },
  { path: "tablet-pin", roles: STAFF, render: (p) => <TabletPinPage settingId={p.settingId!} /> },
  {
    path: "children/:childId/journal",
    roles: STAFF,
    render: (p) => <StaffJournalPage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
  { path: "children/:childId/diary", roles: STAFF, render: (p) => <DiaryPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  {
    path: "children/:childId/accidents",
    roles: STAFF,
    render: (p) => <ChildAccidentsPage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
];

// The nursery's sign-in and sign-out register; a school has its own (pages/school). Observing,
// ratios and key children are the EYFS's: not offered where it does not apply.
export const staffNav: NavItem[] = [
  { label: "Register", path: (s) => setting(s, "/register"), roles: STAFF, kinds: ["nursery"] },
  { label: "Observe", path: (s) => setting(s, "/observe"), roles: STAFF, eyfs: true },
  { label: "Contributions", path: (s) => setting(s, "/contributions"), roles: STAFF, eyfs: true },
  { label: "Ratios", path: (s) => setting(s, "/ratios"), roles: STAFF, eyfs: true },
  { label: "Key children", path: (s) => setting(s, "/key-children"), roles: ["practitioner"], eyfs: true },
  { label: "Remote access", path: (s) => setting(s, "/remote-access"), roles: ["practitioner"] },
  { label: "Tablet PIN", path: (s) => setting(s, "/tablet-pin"), roles: STAFF },
];
