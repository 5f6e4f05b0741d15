// Staff screens (practitioners and managers): the practitioner's home, the register, observations,
// contributions, children's journals, diaries and accidents, ratios and remote access.
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";
import { ChildAccidentsPage } from "../../ui/accidents";
import { ContributionsPage } from "./contributions";
import { DiaryPage } from "./diary";
import { KeyChildrenPage, PractitionerHome, ReportFaultPage } from "./home";
import { StaffJournalPage } from "./journal";
import { ObservePage } from "./observe";
import { RatiosPage } from "./ratios";
import { RegisterPage } from "./register";
import { RemoteAccessPage } from "./remote";
import { STAFF } from "./shared";

export const staffRoutes: RouteDef[] = [
  { path: "", roles: ["practitioner"], render: (p) => <PractitionerHome settingId={p.settingId!} /> },
  { path: "report-fault", roles: STAFF, render: (p) => <ReportFaultPage settingId={p.settingId!} /> },
  { path: "observe", roles: STAFF, render: (p) => <ObservePage settingId={p.settingId!} /> },
  { path: "contributions", roles: STAFF, render: (p) => <ContributionsPage settingId={p.settingId!} /> },
  { path: "register", roles: STAFF, render: (p) => <RegisterPage settingId={p.settingId!} /> },
  { path: "ratios", roles: STAFF, render: (p) => <RatiosPage settingId={p.settingId!} /> },
  { path: "key-children", roles: STAFF, render: (p) => <KeyChildrenPage settingId={p.settingId!} /> },
  { path: "remote-access", roles: STAFF, render: (p) => <RemoteAccessPage settingId={p.settingId!} /> },
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

export const staffNav: NavItem[] = [
  { label: "Register", path: (s) => setting(s, "/register"), roles: STAFF },
  { label: "Observe", path: (s) => setting(s, "/observe"), roles: STAFF },
  { label: "Contributions", path: (s) => setting(s, "/contributions"), roles: STAFF },
  { label: "Ratios", path: (s) => setting(s, "/ratios"), roles: STAFF },
  { label: "Key children", path: (s) => setting(s, "/key-children"), roles: ["practitioner"] },
  { label: "Remote access", path: (s) => setting(s, "/remote-access"), roles: ["practitioner"] },
];
