// The manager's screens: routes for role "manager" only, and their entries in the top nav.
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";
import { ManagerHome } from "./home";
import { StaffPage } from "./staff";
import { RoomsPage } from "./rooms";
import { ChildrenPage } from "./children";
import { ChildAdminPage } from "./childAdmin";
import { ObservationsPage } from "./observations";
import { AuditPage } from "./audit";
import { FaultsPage } from "./faults";
import { LockdownPage } from "./lockdown";
import { BreachesPage } from "./breaches";
import { EmailProblemsPage, PremisesPage } from "./premises";
import { AgreementEditPage } from "./agreement";
import { AccidentsPage } from "./accidents";
import { TimesheetsPage } from "./timesheets";

const manager: RouteDef["roles"] = ["manager"];

export const managerRoutes: RouteDef[] = [
  { path: "", roles: manager, render: (p) => <ManagerHome settingId={p.settingId!} /> },
  { path: "staff", roles: manager, render: (p) => <StaffPage settingId={p.settingId!} /> },
  { path: "rooms", roles: manager, render: (p) => <RoomsPage settingId={p.settingId!} /> },
  { path: "children", roles: manager, render: (p) => <ChildrenPage settingId={p.settingId!} /> },
  {
    path: "children/:childId/manage",
    roles: manager,
    render: (p) => <ChildAdminPage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
  { path: "observations", roles: manager, render: (p) => <ObservationsPage settingId={p.settingId!} /> },
  { path: "audit", roles: manager, render: (p) => <AuditPage settingId={p.settingId!} /> },
  { path: "faults", roles: manager, render: (p) => <FaultsPage settingId={p.settingId!} /> },
  { path: "lockdown", roles: manager, render: (p) => <LockdownPage settingId={p.settingId!} /> },
  { path: "breaches", roles: manager, render: (p) => <BreachesPage settingId={p.settingId!} /> },
  { path: "premises", roles: manager, render: (p) => <PremisesPage settingId={p.settingId!} /> },
  { path: "email-problems", roles: manager, render: (p) => <EmailProblemsPage settingId={p.settingId!} /> },
  { path: "agreement-edit", roles: manager, render: (p) => <AgreementEditPage settingId={p.settingId!} /> },
  { path: "accidents", roles: manager, render: (p) => <AccidentsPage settingId={p.settingId!} /> },
  { path: "timesheets", roles: manager, render: (p) => <TimesheetsPage settingId={p.settingId!} /> },
];

const nav = (label: string, rest: string): NavItem => ({ label, path: (id) => setting(id, rest), roles: ["manager"] });

export const managerNav: NavItem[] = [
  nav("Children", "/children"),
  nav("Staff", "/staff"),
  nav("Observations", "/observations"),
  nav("Accidents", "/accidents"),
  nav("Access log", "/audit"),
  nav("Faults", "/faults"),
  nav("Breaches", "/breaches"),
  nav("Lockdown", "/lockdown"),
  nav("Premises", "/premises"),
  nav("Rooms", "/rooms"),
  nav("Timesheets", "/timesheets"),
];
