import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../api/client";
import { Link, Navigate, useNavigate } from "react-router";
import { keys, useApiQuery } from "../api/queries";
import { isStaff, setting } from "../routes";
import { useClock, useSession } from "../session";
import { useAction } from "../ui/hooks";
import { Done, Empty, ErrorBox, Loaded, Page, Select, Submit } from "../ui/components";
import { PushSettings } from "../push/PushSettings";

export const ROLE_NAMES: Record<Schemas["Role"], string> = {
  manager: "Manager",
  practitioner: "Practitioner",
  parent: "Parent",
  family: "Family",
};

/** Where a signed-in person starts: their one setting, or a choice of settings. */
export function HomePage() {
  const { me } = useSession();
  const active = me.memberships.filter((m) => m.status === "active");
  if (active.length === 1) return <Navigate to={setting(active[0]!.settingId)} replace />;
  return (
    <Page title={`Hello, ${me.name}`}>
      {active.length === 0 ? (
        <Empty>
          You are not a member of any setting on Nestling at the moment. If you expected to be, contact the setting's manager.
        </Empty>
      ) : (
        <ul className="cards">
          {active.map((m) => (
            <li key={m.settingId} className="card">
              <Link to={setting(m.settingId)}>{m.settingName}</Link>
              <p className="hint">{ROLE_NAMES[m.role]}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

export function AccountPage() {
  const { me, api, reloadMe } = useSession();
  const { register, handleSubmit } = useForm<{ journal: Schemas["NotificationPreference"] }>({ defaultValues: { journal: me.notificationPreference } });
  const save = useAction();
  // The preference is the person's own, not a setting's read: useAction does not refresh it.
  const submit = handleSubmit(({ journal }) =>
    save.run(async () => {
      await unwrap(api.PUT("/v1/me/notification-preferences", { body: { journal }, headers: idempotencyKey() }));
      reloadMe();
    }, "Saved."),
  );
  return (
    <Page title="Your account" back={{ to: "/", label: "Home" }}>
      <dl className="facts">
        <dt>Name</dt>
        <dd>{me.name}</dd>
        <dt>Email</dt>
        <dd>{me.email}</dd>
      </dl>
      <h2>Email about the journal</h2>
      <form onSubmit={submit}>
        <ErrorBox error={save.error} />
        <Done message={save.done} />
        <Select
          label="When should we email you about new journal entries, comments and decisions?"
          {...register("journal")}
          options={[
            { value: "immediate", label: "Straight away" },
            { value: "daily", label: "Once a day, each morning" },
            { value: "off", label: "Never" },
          ]}
        />
        <Submit busy={save.busy}>Save</Submit>
      </form>
      {/* Notifications are about children's news: for families only. */}
      {me.memberships.some((m) => !isStaff(m.role)) && <PushSettings />}
    </Page>
  );
}

/** The setting's acceptable-use agreement; families must accept it before seeing any child data. */
export function AgreementPage({ settingId }: { settingId: string }) {
  const { api, reloadMe, me } = useSession();
  const { when } = useClock();
  const navigate = useNavigate();
  const membership = me.memberships.find((m) => m.settingId === settingId);
  const state = useApiQuery(keys.setting(settingId, "agreement"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/agreement", { params: { path: { settingId } } })),
  );
  const accept = useAction();
  const mustAccept = membership?.agreementToAccept != null;
  return (
    <Page title="Acceptable-use agreement">
      <Loaded state={state}>
        {(agreement) => (
          <>
            {mustAccept && <p>Before you can see your child's records, please read and accept {membership?.settingName}'s agreement.</p>}
            <article className="agreement">
              {agreement.text.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </article>
            <p className="hint">Version {agreement.version}, published {when(agreement.publishedAt)}.</p>
            {agreement.acceptedVersion === agreement.version && agreement.acceptedAt && <p>You accepted this version on {when(agreement.acceptedAt)}.</p>}
            {mustAccept && (membership?.role === "parent" || membership?.role === "family") && (
              <form
                onSubmit={(e) => {
                  e.preventDefault();
                  void accept.run(async () => {
                    await unwrap(
                      api.POST("/v1/settings/{settingId}/agreement/acceptances", {
                        params: { path: { settingId } },
                        body: { version: agreement.version },
                        headers: idempotencyKey(),
                      }),
                    );
                    reloadMe();
                    navigate(setting(settingId), { replace: true });
                  });
                }}
              >
                <ErrorBox error={accept.error} />
                <Submit busy={accept.busy}>I accept this agreement</Submit>
              </form>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

