// News, for every role: the feed, one post (its replies), and writing a post (staff).
import { lazy } from "react";
import type { NavItem, RouteDef } from "../../routes";
import { setting, STAFF } from "../../routes";

// Each page's code downloads when it is first shown (see RouteDef).
const FeedPage = lazy(() => import("./feed").then((m) => ({ default: m.FeedPage })));
const PostPage = lazy(() => import("./post").then((m) => ({ default: m.PostPage })));
const ComposePage = lazy(() => import("./compose").then((m) => ({ default: m.ComposePage })));

// Family members (grandparents, childminders) read the news too; only parents reply to events.
const EVERYONE: RouteDef["roles"] = ["parent", "family", "practitioner", "manager"];

export const feedRoutes: RouteDef[] = [
  { path: "news", roles: EVERYONE, render: (p) => <FeedPage settingId={p.settingId!} /> },
  // The router ranks this fixed path above "news/:postId", whatever the order here.
  { path: "news/new", roles: STAFF, render: (p) => <ComposePage settingId={p.settingId!} /> },
  { path: "news/:postId", roles: EVERYONE, render: (p) => <PostPage key={p.postId} settingId={p.settingId!} postId={p.postId!} /> },
];

export const feedNav: NavItem[] = [{ label: "News", path: (s) => setting(s, "/news"), roles: EVERYONE }];
