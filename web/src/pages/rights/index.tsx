// Data rights: anyone asks for what the setting holds about them (a parent also about their
// child); the managers log requests received another way and keep each one's legal clock.
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";

const YourDataPage = lazy(() => import("./rights").then((m) => ({ default: m.YourDataPage })));
const DataRequestsPage = lazy(() => import("./rights").then((m) => ({ default: m.DataRequestsPage })));
const ExportReviewPage = lazy(() => import("./rights").then((m) => ({ default: m.ExportReviewPage })));

export const rightsRoutes: RouteDef[] = [
  { path: "data-requests", roles: ["parent", "family", "practitioner"], render: (p) => <YourDataPage settingId={p.settingId!} /> },
  { path: "data-requests", roles: ["manager"], render: (p) => <DataRequestsPage settingId={p.settingId!} /> },
  {
    path: "data-requests/:requestId",
    roles: ["manager"],
    render: (p) => <ExportReviewPage key={p.requestId} settingId={p.settingId!} requestId={p.requestId!} />,
  },
];

export const rightsNav: NavItem[] = [
  { label: "Your data", path: (s) => setting(s, "/data-requests"), roles: ["parent", "family", "practitioner"] },
  { label: "Data requests", path: (s) => setting(s, "/data-requests"), roles: ["manager"] },
];
