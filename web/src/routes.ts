// The shape of the one route table (assembled in App.tsx from each area's list).
import type { ReactNode } from "react";
import type { Schemas } from "./api/client";

export type Role = Schemas["Role"];

/** A page of one setting, under `/s/:settingId/`; the caller's role there must be in `roles`. */
export interface RouteDef {
  /** Relative to the setting ("" for its home, "children/:childId/journal"). */
  path: string;
  roles: Role[];
  render: (params: Record<string, string>) => ReactNode;
}

export interface NavItem {
  label: string;
  path: (settingId: string) => string;
  roles: Role[];
}

export const setting = (settingId: string, rest = "") => `/s/${encodeURIComponent(settingId)}${rest}`;
