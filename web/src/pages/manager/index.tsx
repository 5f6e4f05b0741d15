// The manager's screens: routes for role "manager" only, and their entries in the top nav.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";

// Each page's code downloads when it is first shown (see RouteDef).
const ManagerHome = lazy(() => import("./home").then((m) => ({ default: m.ManagerHome })));
const StaffPage = lazy(() => import("./staff").then((m) => ({ default: m.StaffPage })));
const RoomsPage = lazy(() => import("./rooms").then((m) => ({ default: m.RoomsPage })));
const ChildrenPage = lazy(() => import("./children").then((m) => ({ default: m.ChildrenPage })));
const ChildAdminPage = lazy(() => import("./childAdmin").then((m) => ({ default: m.ChildAdminPage })));
const ObservationsPage = lazy(() => import("./observations").then((m) => ({ default: m.ObservationsPage })));
const AuditPage = lazy(() => import("./audit").then((m) => ({ default: m.AuditPage })));
const FaultsPage = lazy(() => import("./faults").then((m) => ({ default: m.FaultsPage })));
const LockdownPage = lazy(() => import("./lockdown").then((m) => ({ default: m.LockdownPage })));
const BreachesPage = lazy(() => import("./breaches").then((m) => ({ default: m.BreachesPage })));
const EmailProblemsPage = lazy(() => import("./premises").then((m) => ({ default: m.EmailProblemsPage })));
const DevicesPage = lazy(() => import("./devices").then((m) => ({ default: m.DevicesPage })));
const PremisesPage = lazy(() => import("./premises").then((m) => ({ default: m.PremisesPage })));
const AgreementEditPage = lazy(() => import("./agreement").then((m) => ({ default: m.AgreementEditPage })));
const AccidentsPage = lazy(() => import("./accidents").then((m) => ({ default: m.AccidentsPage })));
const TimesheetsPage = lazy(() => import("./timesheets").then((m) => ({ default: m.TimesheetsPage })));
const RetentionPage = lazy(() => import("./retention").then((m) => ({ default: m.RetentionPage })));

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
  { path: "devices", roles: manager, render: (p) => <DevicesPage settingId={p.settingId!} /> },
  { path: "email-problems", roles: manager, render: (p) => <EmailProblemsPage settingId={p.settingId!} /> },
  { path: "agreement-edit", roles: manager, render: (p) => <AgreementEditPage settingId={p.settingId!} /> },
  { path: "accidents", roles: manager, render: (p) => <AccidentsPage settingId={p.settingId!} /> },
  { path: "timesheets", roles: manager, render: (p) => <TimesheetsPage settingId={p.settingId!} /> },
  { path: "retention", roles: manager, render: (p) => <RetentionPage settingId={p.settingId!} /> },
];

const nav = (label: NavItem["label"], rest: string): NavItem => ({ label, path: (id) => setting(id, rest), roles: ["manager"] });

export const managerNav: NavItem[] = [
  // "Pupils" in a school.
  nav((w) => w.Children, "/children"),
  nav("Staff", "/staff"),
  // The learning journal's, where the EYFS applies.
  { ...nav("Observations", "/observations"), eyfs: true },
  nav("Accidents", "/accidents"),
  nav("Access log", "/audit"),
  nav("Faults", "/faults"),
  nav("Breaches", "/breaches"),
  nav("Lockdown", "/lockdown"),
  nav("Premises", "/premises"),
  nav("Devices", "/devices"),
  nav("Rooms", "/rooms"),
  nav("Timesheets", "/timesheets"),
  nav("Retention", "/retention"),
];
