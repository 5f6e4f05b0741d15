import { QueryClientProvider, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { Suspense, createContext, lazy, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { Link, Outlet, createBrowserRouter, useLocation, useMatch, useNavigate, useParams, type RouteObject } from "react-router";
import { RouterProvider } from "react-router/dom";
import { AppUpdate } from "./ui/update";
import { OutboxProvider, WaitingToSend } from "./offline/context";
import { forget, keptBy } from "./offline/outbox";
import { forgetPush } from "./push/push";
import { makeApi, makeDeviceApi, unwrap, type Api } from "./api/client";
import { keys, makeQueryClient } from "./api/queries";
import { Auth } from "./auth";
import { loadConfig, type AppConfig } from "./config";
import { ClockContext, SessionContext, deviceZone, useSession, type Session } from "./session";
import { clock, isZone } from "./time";
import { ErrorBox, Loading, Page } from "./ui/components";
import type { NavItem, RouteDef } from "./routes";
import { isStaff, setting } from "./routes";
import { SignInPage } from "./pages/SignIn";
import { InvitationPage } from "./pages/Invitation";
import { TransferPage } from "./pages/Transfer";
import { HomePage, AccountPage, AgreementPage } from "./pages/Home";
import { MfaEnrolPage } from "./pages/Mfa";
import { parentNav, parentRoutes } from "./pages/parent";
import { staffNav, staffRoutes } from "./pages/staff";
import { managerNav, managerRoutes } from "./pages/manager";
import { feedNav, feedRoutes } from "./pages/feed";
import { messagesNav, messagesRoutes } from "./pages/messages";
import { assessmentNav, assessmentRoutes } from "./pages/assessment";
import { journeyRoutes } from "./pages/journey";
import { rightsNav, rightsRoutes } from "./pages/rights";
import { bookingsNav, bookingsRoutes } from "./pages/bookings";
import { schoolNav, schoolRoutes } from "./pages/school";
import { settingWords } from "./settingWords";

// Only the setting's own tablets and kiosks open it: its code downloads when it is shown.
const DevicePage = lazy(() => import("./pages/device/DevicePage").then((m) => ({ default: m.DevicePage })));

/** Every page of a setting, from each area's list; one path may serve several roles. */
const SETTING_PAGES: RouteDef[] = [
  { path: "agreement", roles: ["parent", "family", "practitioner", "manager"], render: (p) => <AgreementPage settingId={p.settingId!} /> },
  ...parentRoutes,
  ...staffRoutes,
  ...managerRoutes,
  ...feedRoutes,
  ...messagesRoutes,
  ...assessmentRoutes,
  ...journeyRoutes,
  ...rightsRoutes,
  ...bookingsRoutes,
  ...schoolRoutes,
];

// News and messages first: the screens every role shares.
const NAV: NavItem[] = [...feedNav, ...messagesNav, ...schoolNav, ...parentNav, ...staffNav, ...assessmentNav, ...managerNav, ...bookingsNav, ...rightsNav];

/** The one route table: the invitation and transfer links and the device's screen are open; the rest is behind sign-in and MFA. */
function routes(): RouteObject[] {
  const byPath = new Map<string, RouteDef[]>();
  for (const page of SETTING_PAGES) byPath.set(page.path, [...(byPath.get(page.path) ?? []), page]);
  const settingPages: RouteObject[] = [...byPath].map(([path, pages]) => {
    const page = { element: <ForRole pages={pages} />, errorElement: <PageFailed /> };
    return path === "" ? { index: true, ...page } : { path, ...page };
  });
  return [
    { path: "/invitations/:token", element: <InvitationRoute /> },
    { path: "/transfer/:token", element: <TransferRoute /> },
    {
      path: "/device",
      element: <DeviceRoute />,
      errorElement: (
        <Chrome>
          <PageFailed />
        </Chrome>
      ),
    },
    {
      element: <SignedIn />,
      children: [
        { index: true, element: <HomePage /> },
        { path: "account", element: <AccountPage /> },
        { path: "s/:settingId", element: <SettingLayout />, children: [...settingPages, { path: "*", element: <NotFound /> }] },
        { path: "*", element: <NotFound /> },
      ],
    },
  ];
}

interface Boot {
  config: AppConfig;
  auth: Auth;
  api: Api;
  queries: QueryClient;
  router: ReturnType<typeof createBrowserRouter>;
}

const BootContext = createContext<Boot | null>(null);

export function App() {
  const [boot, setBoot] = useState<Boot | { error: string } | null>(null);
  useEffect(() => {
    loadConfig().then(
      (config) => {
        const auth = new Auth(config);
        const queries = makeQueryClient();
        const api = makeApi(config.apiUrl, auth, {
          // A refusal may mean a membership was withdrawn or changed: read who we are again.
          onForbidden: () => void queries.invalidateQueries({ queryKey: keys.me }),
        });
        setBoot({ config, auth, api, queries, router: createBrowserRouter(routes()) });
      },
      (e: Error) => setBoot({ error: e.message }),
    );
  }, []);
  if (!boot)
    return (
      <main id="main">
        <Loading what="Starting Nestling" />
      </main>
    );
  if ("error" in boot)
    return (
      <main id="main">
        <div className="error" role="alert">
          <p>
            <strong>Nestling could not start.</strong> {boot.error}
          </p>
        </div>
      </main>
    );
  return (
    <BootContext.Provider value={boot}>
      <QueryClientProvider client={boot.queries}>
        <RouterProvider router={boot.router} />
        <AppUpdate />
      </QueryClientProvider>
    </BootContext.Provider>
  );
}

function useBoot(): Boot {
  const boot = useContext(BootContext);
  if (!boot) throw new Error("rendered before boot");
  return boot;
}

function InvitationRoute() {
  const { auth, api } = useBoot();
  const { token } = useParams();
  return (
    <Chrome>
      <InvitationPage auth={auth} api={api} token={token!} />
    </Chrome>
  );
}

/** A learning journey sent on to a school or setting: open, whoever (if anyone) is signed in. */
function TransferRoute() {
  const { api } = useBoot();
  const { token } = useParams();
  return (
    <Chrome>
      <TransferPage api={api} token={token!} />
    </Chrome>
  );
}

/**
 * A tablet or kiosk of a setting: no one signs in on it. Its requests go through a client
 * without a person's token (whoever is signed in in this browser is left alone).
 */
function DeviceRoute() {
  const { config } = useBoot();
  const api = useMemo(() => makeDeviceApi(config.apiUrl), [config.apiUrl]);
  return (
    <Chrome>
      <Suspense fallback={<Loading what="Loading the page" />}>
        <DevicePage api={api} />
      </Suspense>
    </Chrome>
  );
}

function useSignedIn(auth: Auth): boolean {
  const [signedIn, setSignedIn] = useState(auth.signedIn);
  useEffect(() => auth.onChange(() => setSignedIn(auth.signedIn)), [auth]);
  return signedIn;
}

/** Signed in, who they are (cached, read again on focus and after any refusal), MFA enrolled. */
function SignedIn() {
  const { config, auth, api } = useBoot();
  const signedIn = useSignedIn(auth);
  const queries = useQueryClient();
  const me = useQuery({ queryKey: keys.me, queryFn: () => unwrap(api.GET("/v1/me")), enabled: signedIn });
  useEffect(() => {
    // Nothing read for one person stays for the next.
    if (!signedIn) queries.clear();
  }, [signedIn, queries]);
  const session: Session | null = useMemo(
    () => (me.data ? { config, auth, api, me: me.data, reloadMe: () => void queries.invalidateQueries({ queryKey: keys.me }) } : null),
    [config, auth, api, me.data, queries],
  );
  if (!signedIn)
    return (
      <Chrome>
        <SignInPage auth={auth} />
      </Chrome>
    );
  if (!session)
    return (
      <Chrome auth={auth}>
        {me.error ? (
          <Page title="Nestling is not available">
            <ErrorBox error={me.error} />
          </Page>
        ) : (
          <Loading />
        )}
      </Chrome>
    );
  return (
    <SessionContext.Provider value={session}>
      <Chrome auth={auth} session={session}>
        {session.me.mfa.required && !session.me.mfa.enrolled ? <MfaEnrolPage /> : <Outlet />}
      </Chrome>
    </SessionContext.Provider>
  );
}

/** A setting's pages: an active membership, the families' agreement accepted, the setting's clock. */
function SettingLayout() {
  const { me } = useSession();
  const { settingId } = useParams();
  const location = useLocation();
  const membership = me.memberships.find((m) => m.settingId === settingId);
  const zone = membership?.timezone;
  const time = useMemo(() => clock(zone && isZone(zone) ? zone : deviceZone), [zone]);
  if (membership?.status === "revoked") return <Withdrawn name={membership.settingName} />;
  if (!membership || membership.status !== "active") return <NotFound />;
  const guardian = membership.role === "parent" || membership.role === "family";
  if (guardian && membership.agreementToAccept != null && !location.pathname.endsWith("/agreement")) return <AgreementPage settingId={membership.settingId} />;
  return (
    <ClockContext.Provider value={time}>
      <OutboxProvider key={membership.settingId} settingId={membership.settingId} staff={membership.role === "practitioner" || membership.role === "manager"}>
        <WaitingToSend />
        <Outlet />
      </OutboxProvider>
    </ClockContext.Provider>
  );
}

/**
 * The page the caller's role in the setting has at this path, announced as loading while its code
 * downloads. Keyed by the path and its ids: state resets with the ids, and a page not yet
 * downloaded shows the fallback instead of leaving the previous page on screen.
 */
function ForRole({ pages }: { pages: RouteDef[] }) {
  const params = useParams() as Record<string, string>;
  const { me } = useSession();
  const role = me.memberships.find((m) => m.settingId === params.settingId)?.role;
  const page = pages.find((p) => role && p.roles.includes(role));
  if (!page) return <NotFound />;
  return (
    <Suspense key={[page.path, ...Object.values(params)].join("/")} fallback={<Loading what="Loading the page" />}>
      {page.render(params)}
    </Suspense>
  );
}

/** A page whose code did not arrive (offline before it was cached, or replaced by a new version), or that failed to render. */
function PageFailed() {
  return (
    <Page title="This page could not be shown" back={{ to: "/", label: "Home" }}>
      <div className="error" role="alert">
        <p>
          <strong>Nestling could not load this page.</strong> Check the connection, then reload.
        </p>
      </div>
      <button type="button" className="primary" onClick={() => window.location.reload()}>
        Reload
      </button>
    </Page>
  );
}

function NotFound() {
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
        <p>
          <strong>Your access to {name} has been withdrawn.</strong> If you think this is a mistake, contact the setting.
        </p>
      </div>
    </Page>
  );
}

/** Header, the setting's navigation for the caller's role, its lockdown notice, and the page. */
/**
 * Signing out leaves nothing of the person's on the device: staff work still waiting is deleted
 * (after asking) and its keys dropped; this device's push subscription is dropped; the query
 * cache goes with the session.
 */
async function signOut(auth: Auth, session: Session | undefined): Promise<boolean> {
  if (session) {
    const { me, api } = session;
    const kept = await keptBy(me.userId);
    const ask = `${kept === 1 ? "1 thing you recorded is" : `${kept} things you recorded are`} still waiting to be sent from this device. Signing out deletes ${kept === 1 ? "it" : "them"}. Sign out anyway?`;
    if (kept > 0 && !window.confirm(ask)) return false;
    const staffSettings = me.memberships.filter((m) => isStaff(m.role)).map((m) => m.settingId);
    await forget(api, me.userId, staffSettings);
  }
  // For everyone: this device stops showing notifications meant for this person (a shared
  // device must not keep notifying about the previous one). Best effort; never blocks signing out.
  await forgetPush(session?.api).catch(() => undefined);
  await auth.signOut();
  return true;
}

function Chrome({ children, auth, session }: { children: ReactNode; auth?: Auth; session?: Session }) {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const settingId = useMatch("/s/:settingId/*")?.params.settingId;
  const membership = settingId ? session?.me.memberships.find((m) => m.settingId === settingId) : undefined;
  const active = membership?.status === "active" ? membership : undefined;
  // Whether the setting is a nursery or a school (its own pages read it under the same key):
  // a school's pages show in the nav once it says so. Not asked before a family accepts the
  // agreement (only the agreement is shown then).
  const readable = !!active && !!session && (isStaff(active.role) || active.agreementToAccept == null);
  const settingRead = useQuery({
    queryKey: keys.setting(settingId ?? "", "setting"),
    queryFn: () => unwrap(session!.api.GET("/v1/settings/{settingId}", { params: { path: { settingId: settingId! } } })),
    enabled: readable,
  });
  const view = readable ? settingRead.data : undefined;
  const kind = view?.kind;
  const words = settingWords(kind);
  const shown = (n: NavItem, role: NavItem["roles"][number]) =>
    n.roles.includes(role) && (!n.kinds || (kind !== undefined && n.kinds.includes(kind))) && (!n.eyfs || view?.eyfsApplies === true);
  // Not until the setting is read (when it can be): a menu that grows or loses items a moment
  // after it appears would move what someone was about to tap.
  const waiting = readable && settingRead.isPending;
  const nav = active && !waiting ? NAV.filter((n) => shown(n, active.role)) : [];
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <Link to="/" className="brand">
          Nestling
        </Link>
        {membership && <span className="setting-name">{membership.settingName}</span>}
        {auth?.signedIn && (
          <span className="account">
            <Link to="/account">Account</Link>
            <button type="button" className="link" onClick={() => void signOut(auth, session).then((out) => out && navigate("/", { replace: true }))}>
              Sign out
            </button>
          </span>
        )}
      </header>
      {nav.length > 0 && settingId && (
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <Link to={setting(settingId)} aria-current={pathname === setting(settingId) ? "page" : undefined}>
                Home
              </Link>
            </li>
            {nav.map((n) => {
              const to = n.path(settingId);
              return (
                <li key={to}>
                  <Link to={to} aria-current={pathname === to ? "page" : undefined}>
                    {typeof n.label === "function" ? n.label(words) : n.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      )}
      {active?.lockdown && (
        <div className="lockdown" role="alert">
          <h2>{active.settingName} is in lockdown</h2>
          <p>{active.lockdown.notice}</p>
          <p className="hint">Started by {active.lockdown.startedByName}.</p>
        </div>
      )}
      <main id="main">{children}</main>
    </>
  );
}
