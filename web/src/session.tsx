// Who is signed in and the clients they use, shared by every page; and the clock of the
// setting a page belongs to.
import { createContext, useContext } from "react";
import type { Api, Schemas } from "./api/client";
import type { Auth } from "./auth";
import type { AppConfig } from "./config";
import { clock, type Clock } from "./time";

export interface Session {
  config: AppConfig;
  auth: Auth;
  api: Api;
  me: Schemas["MeView"];
  reloadMe: () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in page");
  return session;
}

/** The signed-in person's membership of one setting, if any. */
export function useMembership(settingId: string): Schemas["MembershipView"] | undefined {
  return useSession().me.memberships.find((m) => m.settingId === settingId);
}

/** The device's own zone: only for pages that belong to no setting (the account page). */
export const deviceZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

export const ClockContext = createContext<Clock>(clock(deviceZone));

/** Dates and times as the page's setting lives them (its IANA zone), whatever the device's zone. */
export function useClock(): Clock {
  return useContext(ClockContext);
}
