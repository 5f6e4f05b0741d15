// Premises networks (what makes a staff request "on the premises") and undeliverable emails.
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Loaded, Page, Submit, TextArea, words } from "../../ui/components";
import { LoadMore, Tag } from "./common";

export function PremisesPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const state = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
  // Here, not in the form: saving starts a fresh form, and the message stays.
  const save = useAction();
  const saveNetworks = (networks: string[]) =>
    void save.run(async () => {
      const updated = await unwrap(
        api.PUT("/v1/settings/{settingId}/networks", { params: { path: { settingId } }, body: { networks }, headers: idempotencyKey() }),
      );
      state.setData(() => updated);
    }, networks.length ? "Saved. Staff on these networks now count as on the premises." : "Saved. With no networks, every staff request counts as off the premises.");
  return (
    <Page title="Premises network" back={{ to: setting(settingId), label: "Home" }}>
      <p>
        Nestling treats a member of staff as <strong>on the premises</strong> when their request comes from one of your setting's internet
        connections listed here. Off the premises, staff must first sign a remote-access statement; practitioners then see only their own key
        children whose parents agreed to remote access. Managers carry on as usual once they have signed it.
      </p>
      <p>
        With no networks listed, <strong>every staff request counts as off the premises</strong>. Ask your internet provider or IT support for
        your setting's public address (for example <code>203.0.113.10/32</code> for one fixed address).
      </p>
      {/* Keyed by version: a saved (or otherwise changed) setting starts the list afresh; a reload of the same one keeps what is typed. */}
      <Loaded state={state}>
        {(s) => <Networks key={s.version} current={s.networks ?? []} save={save} onSave={saveNetworks} />}
      </Loaded>
      <h2>The setting's devices</h2>
      <p>
        Tablets and kiosks paired to the setting work only on these networks.{" "}
        <Link to={setting(settingId, "/devices")}>Pair or unpair the setting's tablets and kiosks</Link>
      </p>
      <h2>Emails that cannot be delivered</h2>
      <p>
        <Link to={setting(settingId, "/email-problems")}>See people whose email bounces or who marked Nestling's emails as spam</Link>
      </p>
    </Page>
  );
}

/** The registered networks, and the list to save in their place, starting from them. */
function Networks({ current, save, onSave }: { current: string[]; save: ReturnType<typeof useAction>; onSave: (networks: string[]) => void }) {
  const { register, handleSubmit } = useForm<{ networks: string }>({ defaultValues: { networks: current.join("\n") } });
  const submit = handleSubmit(({ networks }) =>
    onSave(
      networks
        .split(/[\n,]+/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  );
  return (
    <>
      <h2>Registered now</h2>
      {current.length === 0 ? (
        <Empty>No networks registered.</Empty>
      ) : (
        <ul>
          {current.map((n) => (
            <li key={n}>
              <code>{n}</code>
            </li>
          ))}
        </ul>
      )}
      <h2>Change the list</h2>
      <form onSubmit={submit}>
        <TextArea
          label="Networks, one per line"
          hint="In CIDR form: an address and a prefix length. At most 20; none wider than /16 (IPv4) or /32 (IPv6). Saving replaces the whole list."
          {...register("networks")}
          spellCheck={false}
          autoCapitalize="off"
          rows={6}
        />
        <ErrorBox error={save.error} />
        <Done message={save.done} />
        <Submit busy={save.busy}>Save networks</Submit>
      </form>
    </>
  );
}

export function EmailProblemsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const load = (cursor?: string) =>
    unwrap(api.GET("/v1/settings/{settingId}/email-problems", { params: { path: { settingId }, query: { limit: 50, cursor } } }));
  const list = useApiQuery(keys.setting(settingId, "email-problems"), () => load());
  const { when } = useClock();
  return (
    <Page title="Email problems" back={{ to: setting(settingId), label: "Home" }}>
      <p>
        These people do not receive Nestling's emails: their address bounced permanently, or they marked an email as spam. Check the address with
        them; invitations, accident reports and breach notices will not reach them until it is fixed.
      </p>
      <Loaded state={list}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>No email problems.</Empty>
          ) : (
            <>
              <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
                <table>
                  <caption className="visually-hidden">People whose email cannot be delivered</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Problem</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((p) => (
                      <tr key={p.userId}>
                        <th scope="row">{p.name}</th>
                        <td className="wrap">{p.email}</td>
                        <td>
                          {words(p.role)} <Tag status={p.status} />
                        </td>
                        <td>
                          {p.problem.kind === "bounce" ? "Bounced" : p.problem.kind === "complaint" ? "Marked as spam" : words(p.problem.kind)},{" "}
                          {when(p.problem.at)}
                          {p.problem.detail ? `: ${p.problem.detail}` : ""}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <LoadMore state={list} load={load} />
            </>
          )
        }
      </Loaded>
    </Page>
  );
}
