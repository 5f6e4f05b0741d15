// The manager's home: what needs attention today, and the setup step that must not be missed.
import type { ReactNode } from "react";
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useMembership, useSession } from "../../session";
import { ErrorBox, Loading, Page } from "../../ui/components";
import { timeLeft } from "./common";

function counted(page: { items: unknown[]; nextCursor: string | null }): number | string {
  return page.nextCursor ? `${page.items.length} or more` : page.items.length;
}

export function ManagerHome({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const membership = useMembership(settingId);
  const path = { path: { settingId } };
  const { when } = useClock();
  const settingState = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: path })));
  // A count or the due breaches is not the paged list its own page reads: "count" and "due"
  // keep them apart in the cache. The accidents to review are the same read as their page's.
  const contributions = useApiQuery(keys.setting(settingId, "contributions", "pending", "count"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/contributions", { params: { ...path, query: { status: "pending", limit: 100 } } })).then(counted),
  );
  const accidents = useApiQuery(keys.setting(settingId, "accidents", "awaiting-review"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/accidents", { params: { ...path, query: { status: "awaiting-review" } } })),
  );
  const faults = useApiQuery(keys.setting(settingId, "faults", "open", "count"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/faults", { params: { ...path, query: { status: "open", limit: 100 } } })).then(counted),
  );
  const breaches = useApiQuery(keys.setting(settingId, "breaches", "due"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/breaches", { params: { ...path, query: { limit: 100 } } })).then((p) =>
      p.items.filter((b) => b.icoStatus === "due"),
    ),
  );
  const emailProblems = useApiQuery(keys.setting(settingId, "email-problems", "count"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/email-problems", { params: { ...path, query: { limit: 100 } } })).then(counted),
  );
  const to = (rest: string) => setting(settingId, rest);
  const networks = settingState.data?.networks;

  return (
    <Page title={membership?.settingName ?? "Your setting"}>
      {settingState.error?.slug === "remote-attestation-required" ? (
        <div className="setup" role="region" aria-labelledby="attest-heading">
          <h2 id="attest-heading">Sign the remote-access statement first</h2>
          <p>
            Nestling counts this connection as off the setting's premises, so it needs your remote-access statement before it opens. Until a
            premises network is registered, every connection counts as off the premises.
          </p>
          <p>
            <Link to={to("/remote-access")}>Sign the remote-access statement</Link>
          </p>
        </div>
      ) : (
        <ErrorBox error={settingState.error} />
      )}
      {settingState.data && (!networks || networks.length === 0) && (
        <div className="setup" role="region" aria-labelledby="setup-heading">
          <h2 id="setup-heading">Set up: register your premises network</h2>
          <p>
            Nestling does not yet know which internet connection belongs to your setting. Until it does, every request by a member of staff counts
            as <strong>off the premises</strong>: each of them must sign a remote-access statement before they can use Nestling, and practitioners
            then see only their own key children whose parents agreed to remote access.
          </p>
          <p>
            <Link to={to("/premises")}>Register the premises network now</Link>
          </p>
          <p className="hint">
            Away from the setting yourself? Managers need the statement too: <Link to={to("/remote-access")}>sign the remote-access statement</Link>.
          </p>
        </div>
      )}
      {membership?.lockdown && (
        <p>
          The setting is in lockdown since {when(membership.lockdown.startedAt)}. <Link to={to("/lockdown")}>Manage the lockdown</Link>
        </p>
      )}
      <h2>Needs your attention</h2>
      <ul className="cards">
        <Card title="Parents' contributions waiting" link={<Link to={to("/contributions")}>Review contributions</Link>} state={contributions}>
          {(n) => <p>{n} waiting for approval.</p>}
        </Card>
        <Card title="Accidents to review" link={<Link to={to("/accidents")}>Review accidents</Link>} state={accidents}>
          {(page) => (
            <>
              <p>{counted(page)} awaiting your review.</p>
              {page.items
                .filter((a) => a.serious)
                .map((a) => (
                  <p key={a.accidentId}>
                    <strong>Serious:</strong> {a.childName}, {when(a.happenedAt)}. Tell Ofsted by {when(a.ofstedDeadline)}
                    {a.ofstedHoursLeft != null ? ` (${a.ofstedHoursLeft} hours left)` : ""}.
                  </p>
                ))}
            </>
          )}
        </Card>
        <Card title="Open faults" link={<Link to={to("/faults")}>See faults</Link>} state={faults}>
          {(n) => <p>{n} not yet confirmed fixed.</p>}
        </Card>
        <Card title="Breaches: ICO decision due" link={<Link to={to("/breaches")}>Open the breach register</Link>} state={breaches}>
          {(due) =>
            due.length === 0 ? (
              <p>None due.</p>
            ) : (
              <ul>
                {due.map((b) => (
                  <li key={b.breachId}>
                    {b.description.length > 80 ? `${b.description.slice(0, 80)}…` : b.description}: <strong>{timeLeft(b.minutesLeft, b.overdue)}</strong>
                  </li>
                ))}
              </ul>
            )
          }
        </Card>
        <Card title="Email problems" link={<Link to={to("/email-problems")}>See email problems</Link>} state={emailProblems}>
          {(n) => <p>{n === 0 ? "No bounced or refused emails." : `${n} people's email cannot be delivered.`}</p>}
        </Card>
      </ul>
      <h2>Records</h2>
      <ul>
        <li><Link to={to("/children")}>Children</Link></li>
        <li><Link to={to("/staff")}>Staff</Link></li>
        <li><Link to={to("/rooms")}>Rooms</Link></li>
        <li><Link to={to("/observations")}>Review observations</Link></li>
        <li><Link to={to("/audit")}>Access log</Link></li>
        <li><Link to={to("/timesheets")}>Timesheets</Link></li>
        <li><Link to={to("/lockdown")}>Lockdown</Link></li>
        <li><Link to={to("/premises")}>Premises network</Link></li>
        <li><Link to={to("/agreement-edit")}>Acceptable-use agreement</Link></li>
      </ul>
    </Page>
  );
}

function Card<T>({
  title,
  link,
  state,
  children,
}: {
  title: string;
  link: ReactNode;
  state: { data?: T; error: Parameters<typeof ErrorBox>[0]["error"]; loading: boolean };
  children: (data: T) => ReactNode;
}) {
  return (
    <li className="card">
      <h3>{title}</h3>
      {state.error?.slug === "remote-attestation-required" ? (
        <p className="hint">Shown once you have signed the remote-access statement.</p>
      ) : state.error ? (
        <ErrorBox error={state.error} />
      ) : state.data === undefined ? (
        <Loading />
      ) : (
        children(state.data)
      )}
      <p>{link}</p>
    </li>
  );
}
