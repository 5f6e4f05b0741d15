// Messages, for every role: the inbox, one thread, and writing a message (families' members
// with `family` access read broadcasts only, so they write none).
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting } from "../../routes";

// Each page's code downloads when it is first shown (see RouteDef).
const InboxPage = lazy(() => import("./inbox").then((m) => ({ default: m.InboxPage })));
const ThreadPage = lazy(() => import("./thread").then((m) => ({ default: m.ThreadPage })));
const ComposePage = lazy(() => import("./compose").then((m) => ({ default: m.ComposePage })));

const EVERYONE: RouteDef["roles"] = ["parent", "family", "practitioner", "manager"];
const WRITERS: RouteDef["roles"] = ["parent", "practitioner", "manager"];

export const messagesRoutes: RouteDef[] = [
  { path: "messages", roles: EVERYONE, render: (p) => <InboxPage settingId={p.settingId!} /> },
  // The router ranks this fixed path above "messages/:threadId", whatever the order here.
  { path: "messages/new", roles: WRITERS, render: (p) => <ComposePage settingId={p.settingId!} /> },
  { path: "messages/:threadId", roles: EVERYONE, render: (p) => <ThreadPage key={p.threadId} settingId={p.settingId!} threadId={p.threadId!} /> },
];

export const messagesNav: NavItem[] = [{ label: "Messages", path: (s) => setting(s, "/messages"), roles: EVERYONE }];
