import { useEffect, useMemo, useState, type ReactNode } from "react";
import { makeApi, unwrap, type ApiError, type Schemas } from "./api/client";
import { Auth } from "./auth";
import { loadConfig, type AppConfig } from "./config";
import { Link, match, navigate, safeDecode, useLocation } from "./router";
import { SessionContext, type Session } from "./session";
import { ErrorBox, Loading, Page } from "./ui/components";
import type { NavItem, RouteDef } from "./routes";
import { setting } from "./routes";
import { SignInPage } from "./pages/SignIn";
import { InvitationPage } from "./pages/Invitation";
import { HomePage, AccountPage, AgreementPage } from "./pages/Home";
import { MfaEnrolPage } from "./pages/Mfa";
import { parentNav, parentRoutes } from "./pages/parent";
import { staffNav, staffRoutes } from "./pages/staff";
import { managerNav, managerRoutes } from "./pages/manager";

/** The one route table. Setting pages are matched with the caller's role in that setting. */
const ROUTES: RouteDef[] = [
  { pattern: "/", render: () => <HomePage /> },
  { pattern: "/account", render: () => <AccountPage /> },
  { pattern: "/s/:settingId/agreement", roles: ["parent", "family", "practitioner", "manager"], render: (p) => <AgreementPage settingId={p.settingId!} /> },
  ...parentRoutes,
  ...staffRoutes,
  ...managerRoutes,
];

const NAV: NavItem[] = [...parentNav, ...staffNav, ...managerNav];

export function App() {
  const [boot, setBoot] = useState<{ config: AppConfig; auth: Auth } | { error: string } | null>(null);
  useEffect(() => {
    loadConfig().then(
      (config) => setBoot({ config, auth: new Auth(config) }),
      (e: Error) => setBoot({ error: e.message }),
    );
  }, []);
  if (!boot) return <Shell><Loading what="Starting Nestling" /></Shell>;
  if ("error" in boot)
    return (
      <Shell>
        <div className="error" role="alert"><p><strong>Nestling could not start.</strong> {boot.error}</p></div>
      </Shell>
    );
  return <Signed config={boot.config} auth={boot.auth} />;
}

function Signed({ config, auth }: { config: AppConfig; auth: Auth }) {
  const { path } = useLocation();
  const [signedIn, setSignedIn] = useState(auth.signedIn);
  useEffect(() => auth.onChange(() => setSignedIn(auth.signedIn)), [auth]);
  const api = useMemo(() => makeApi(config.apiUrl, auth), [config, auth]);

  const invitation = match("/invitations/:token", path);
  if (invitation) return <Shell><InvitationPage auth={auth} api={api} token={invitation.token!} /></Shell>;
  if (!signedIn) return <Shell><SignInPage auth={auth} /></Shell>;
  return <Member config={config} auth={auth} api={api} path={path} />;
}

function Member({ config, auth, api, path }: { config: AppConfig; auth: Auth; api: Session["api"]; path: string }) {
  const [me, setMe] = useState<Schemas["MeView"] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    // Access is decided by the API on every request; /v1/me is read on every page load so a
    // withdrawn membership shows at once.
    unwrap(api.GET("/v1/me")).then(
      (value) => (setMe(value), setError(null)),
      (e: ApiError) => setError(e),
    );
  }, [api, tick, path]);
  const session: Session | null = me ? { config, auth, api, me, reloadMe: () => setTick((t) => t + 1) } : null;
  if (error && !me)
    return (
      <Shell auth={auth}>
        <Page title="Nestling is not available">
          <ErrorBox error={error} />
        </Page>
      </Shell>
    );
  if (!session) return <Shell auth={auth}><Loading /></Shell>;
  return (
    <SessionContext.Provider value={session}>
      <Shell auth={auth} session={session} path={path}>
        <Routed path={path} session={session} />
      </Shell>
    </SessionContext.Provider>
  );
}

function Routed({ path, session }: { path: string; session: Session }) {
  if (session.me.mfa.required && !session.me.mfa.enrolled) return <MfaEnrolPage />;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (!params) continue;
    if (!route.roles) return <>{route.render(params)}</>;
    const membership = session.me.memberships.find((m) => m.settingId === params.settingId);
    if (membership?.status === "revoked") return <Withdrawn name={membership.settingName} />;
    if (!membership || membership.status !== "active" || !route.roles.includes(membership.role)) continue;
    const mustAccept = membership.agreementToAccept != null && (membership.role === "parent" || membership.role === "family");
    if (mustAccept && !route.pattern.endsWith("/agreement")) return <AgreementPage settingId={params.settingId!} />;
    return <>{route.render(params)}</>;
  }
  return (
    <Page title="Page not found" back={{ to: "/", label: "Home" }}>
      <p>This page does not exist, or it is not open to you.</p>
    </Page>
  );
}

function Withdrawn({ name }: { name: string }) {
  return (
    <Page title="Access withdrawn" back={{ to: "/", label: "Home" }}>
      <div className="error" role="alert">
        <p><strong>Your access to {name} has been withdrawn.</strong> If you think this is a mistake, contact the setting.</p>
      </div>
    </Page>
  );
}

function Shell({ children, auth, session, path }: { children: ReactNode; auth?: Auth; session?: Session; path?: string }) {
  const settingId = path?.startsWith("/s/") ? (safeDecode(path.split("/")[2] ?? "") ?? undefined) : undefined;
  const membership = settingId ? session?.me.memberships.find((m) => m.settingId === settingId) : undefined;
  const nav = membership ? NAV.filter((n) => n.roles.includes(membership.role)) : [];
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <Link to="/" className="brand">Nestling</Link>
        {membership && <span className="setting-name">{membership.settingName}</span>}
        {auth?.signedIn && (
          <span className="account">
            <Link to="/account">Account</Link>
            <button type="button" className="link" onClick={() => auth.signOut().then(() => navigate("/", { replace: true }))}>
              Sign out
            </button>
          </span>
        )}
      </header>
      {nav.length > 0 && settingId && (
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li><Link to={setting(settingId)} aria-current={path === setting(settingId) ? "page" : undefined}>Home</Link></li>
            {nav.map((n) => {
              const to = n.path(settingId);
              return (
                <li key={n.label}>
                  <Link to={to} aria-current={path === to ? "page" : undefined}>{n.label}</Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {membership?.lockdown && (
        <div className="lockdown" role="alert">
          <h2>{membership.settingName} is in lockdown</h2>
          <p>{membership.lockdown.notice}</p>
          <p className="hint">Started by {membership.lockdown.startedByName}.</p>
        </div>
      )}
      <main id="main">{children}</main>
    </>
  );
}
