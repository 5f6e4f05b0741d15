// The shape of the one route table (assembled in App.tsx from each area's list).
import type { ReactNode } from "react";
import type { Schemas } from "./api/client";
import type { SettingKind, SettingWords } from "./settingWords";

export type Role = Schemas["Role"];

/**
 * A page of one setting, under `/s/:settingId/`; the caller's role there must be in `roles`.
 * `render` shows a page component made with React.lazy, so each person downloads only the pages
 * of their role: `const RoomsPage = lazy(() => import("./rooms").then((m) => ({ default: m.RoomsPage })))`.
 * React.lazy rather than the router's `lazy`: one path serves several roles (the setting's home is
 * the parent's, the practitioner's or the manager's), and ForRole picks the page by role after the
 * route matched, so only the caller's page is fetched. Per page module rather than per role area:
 * a first screen waits for its own page only, and the service worker precaches the rest anyway.
 */
export interface RouteDef {
  /** Relative to the setting ("" for its home, "children/:childId/journal"). */
  path: string;
  roles: Role[];
  render: (params: Record<string, string>) => ReactNode;
}

export interface NavItem {
  /** Its words, or words in the setting's own ("Pupils" in a school, "Children" in a nursery). */
  label: string | ((words: SettingWords) => string);
  path: (settingId: string) => string;
  roles: Role[];
  /** Shown only in settings of these kinds (a school's pages); in every setting when absent. */
  kinds?: SettingKind[];
  /**
   * Shown only where the EYFS applies (every nursery; a school whose early years follow it):
   * ratios, the learning journal and assessment.
   */
  eyfs?: true;
}

export const setting = (settingId: string, rest = "") => `/s/${encodeURIComponent(settingId)}${rest}`;

/** The roles that work at the setting (as against families). */
export const STAFF: Role[] = ["practitioner", "manager"];
export const isStaff = (role: Role) => STAFF.includes(role);
