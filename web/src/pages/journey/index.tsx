// The learning journey: a child's journal as the family keeps it (a PDF and an archive), made
// in the background. The managers and the child's parents share the one page.
import { lazy } from "react";
import type { RouteDef } from "../../routes";

const JourneyPage = lazy(() => import("./journey").then((m) => ({ default: m.JourneyPage })));

export const journeyRoutes: RouteDef[] = [
  { path: "children/:childId/journey", roles: ["parent", "manager"], render: (p) => <JourneyPage key={p.childId} settingId={p.settingId!} childId={p.childId!} /> },
];
