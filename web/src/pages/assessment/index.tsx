// Assessment: a child's term for staff and, once shared, for their parents; the checkpoints list.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting, STAFF } from "../../routes";

const StaffAssessmentPage = lazy(() => import("./child").then((m) => ({ default: m.StaffAssessmentPage })));
const FamilyAssessmentPage = lazy(() => import("./child").then((m) => ({ default: m.FamilyAssessmentPage })));
const CheckpointsPage = lazy(() => import("./checkpoints").then((m) => ({ default: m.CheckpointsPage })));
const StaffProgressCheckPage = lazy(() => import("./progressCheck").then((m) => ({ default: m.StaffProgressCheckPage })));
const FamilyProgressCheckPage = lazy(() => import("./progressCheck").then((m) => ({ default: m.FamilyProgressCheckPage })));
const MonitoringPage = lazy(() => import("./monitoring").then((m) => ({ default: m.MonitoringPage })));

const child = "children/:childId/assessment";

export const assessmentRoutes: RouteDef[] = [
  { path: child, roles: STAFF, render: (p) => <StaffAssessmentPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  { path: child, roles: ["parent"], render: (p) => <FamilyAssessmentPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  { path: "children/:childId/progress-check", roles: STAFF, render: (p) => <StaffProgressCheckPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  {
    path: "children/:childId/progress-check",
    roles: ["parent"],
    render: (p) => <FamilyProgressCheckPage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
  { path: "checkpoints", roles: STAFF, render: (p) => <CheckpointsPage settingId={p.settingId!} /> },
  { path: "monitoring", roles: ["manager"], render: (p) => <MonitoringPage settingId={p.settingId!} /> },
];

// The EYFS's assessment: not offered where it does not apply (a school without early years).
export const assessmentNav: NavItem[] = [
  { label: "Checkpoints", path: (s) => setting(s, "/checkpoints"), roles: STAFF, eyfs: true },
  { label: "Monitoring", path: (s) => setting(s, "/monitoring"), roles: ["manager"], eyfs: true },
];
