// Schools: the managers set the year, tutor and teaching groups, the point categories and
// whether the early years follow the EYFS; staff take each tutor group's register morning and
// afternoon, read its totals and give pupils achievement and behaviour points; parents read
// their own child's marks and points after the school's publishing delay. Shown in the nav
// only where the setting is a school.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting, STAFF } from "../../routes";

const SchoolPage = lazy(() => import("./school").then((m) => ({ default: m.SchoolPage })));
const PointsPage = lazy(() => import("./points").then((m) => ({ default: m.PointsPage })));
const FamilyPointsPage = lazy(() => import("./family").then((m) => ({ default: m.FamilyPointsPage })));
const ChildPointsPage = lazy(() => import("./family").then((m) => ({ default: m.ChildPointsPage })));
const SchoolRegisterPage = lazy(() => import("./register").then((m) => ({ default: m.SchoolRegisterPage })));
const TutorGroupTotalsPage = lazy(() => import("./totals").then((m) => ({ default: m.TutorGroupTotalsPage })));
const FamilyAttendancePage = lazy(() => import("./attendance").then((m) => ({ default: m.FamilyAttendancePage })));
const ChildAttendancePage = lazy(() => import("./attendance").then((m) => ({ default: m.ChildAttendancePage })));

const child = "children/:childId/points";

export const schoolRoutes: RouteDef[] = [
  { path: "school", roles: ["manager"], render: (p) => <SchoolPage settingId={p.settingId!} /> },
  { path: "points", roles: STAFF, render: (p) => <PointsPage settingId={p.settingId!} /> },
  { path: "points", roles: ["parent"], render: (p) => <FamilyPointsPage settingId={p.settingId!} /> },
  { path: child, roles: STAFF, render: (p) => <PointsPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  { path: child, roles: ["parent"], render: (p) => <ChildPointsPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
  { path: "school-register", roles: STAFF, render: (p) => <SchoolRegisterPage settingId={p.settingId!} /> },
  {
    path: "school-registers/:tutorGroupId/totals",
    roles: STAFF,
    render: (p) => <TutorGroupTotalsPage key={p.tutorGroupId} settingId={p.settingId!} tutorGroupId={p.tutorGroupId!} />,
  },
  { path: "school-attendance", roles: ["parent"], render: (p) => <FamilyAttendancePage settingId={p.settingId!} /> },
  {
    path: "children/:childId/school-attendance",
    roles: ["parent"],
    render: (p) => <ChildAttendancePage key={p.childId} settingId={p.settingId!} childId={p.childId!} />,
  },
];

// Family members read no points or marks: only parents (the API lets those with parental responsibility).
export const schoolNav: NavItem[] = [
  { label: "School", path: (s) => setting(s, "/school"), roles: ["manager"], kinds: ["school"] },
  { label: "Register", path: (s) => setting(s, "/school-register"), roles: STAFF, kinds: ["school"] },
  { label: "Points", path: (s) => setting(s, "/points"), roles: STAFF, kinds: ["school"] },
  { label: "Points", path: (s) => setting(s, "/points"), roles: ["parent"], kinds: ["school"] },
  { label: "Attendance", path: (s) => setting(s, "/school-attendance"), roles: ["parent"], kinds: ["school"] },
];
