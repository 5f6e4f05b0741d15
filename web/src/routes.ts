// The shape of the one route table (assembled in App.tsx from each area's list).
import type { ReactNode } from "react";
import type { Schemas } from "./api/client";

export type Role = Schemas["Role"];

export interface RouteDef {
  /** `/s/:settingId/...` for pages of one setting; the membership's role must be in `roles`. */
  pattern: string;
  roles?: Role[];
  render: (params: Record<string, string>) => ReactNode;
}

export interface NavItem {
  label: string;
  path: (settingId: string) => string;
  roles: Role[];
}

export const setting = (settingId: string, rest = "") => `/s/${encodeURIComponent(settingId)}${rest}`;
