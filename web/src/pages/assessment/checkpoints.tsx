// The checkpoints list: children at a prime-area checkpoint with an aspect unjudged or judged
// below their age, and those due the progress check at two (a practitioner's own key children,
// every child for a manager). Managers choose the setting's framework here.
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useMembership, useSession } from "../../session";
import { Done, Empty, ErrorBox, Loaded, Page, Select, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { ageWords, aspectTitle, concernWords, termWords } from "./words";

const FRAMEWORKS: { value: Schemas["Framework"]; label: string }[] = [
  { value: "development-matters", label: "Development Matters" },
  { value: "birth-to-5-matters", label: "Birth to 5 Matters" },
];


export function CheckpointsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const manager = useMembership(settingId)?.role === "manager";
  const state = useApiQuery(keys.setting(settingId, "checkpoints"), () => unwrap(api.GET("/v1/settings/{settingId}/checkpoints", { params: { path: { settingId } } })));
  return (
    <Page title="Checkpoints" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={state}>
        {(list) => (
          <>
            <p>
              {termWords(list.term)}. {manager ? "Every child" : "Your key children"} at a checkpoint with something still to do, and those due the
              progress check at two.
            </p>
            {!list.framework && <p className="setup">No assessment framework is chosen yet, so only the progress checks at two are listed.</p>}
            {list.items.length === 0 ? (
              <Empty>Nothing is outstanding.</Empty>
            ) : (
              <ul className="cards" aria-label="Children with something outstanding">
                {list.items.map((c) => (
                  <li key={c.childId} className="card">
                    <Link to={setting(settingId, `/children/${encodeURIComponent(c.childId)}/assessment`)}>
                      {c.firstName} {c.lastName}
                    </Link>
                    <p className="hint">
                      {ageWords(c.ageMonths)} · key person {c.keyPersonName}
                      {c.checkpointMonths != null ? ` · ${ageWords(c.checkpointMonths)} checkpoint` : ""}
                    </p>
                    <ul>
                      {c.concerns.map((k) => (
                        <li key={`${k.kind}-${k.aspect}`}>{concernWords(k, aspectTitle)}</li>
                      ))}
                      {c.progressCheckDue && <li>The progress check at two is due.</li>}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </Loaded>
      {manager && <FrameworkChoice settingId={settingId} />}
    </Page>
  );
}

function FrameworkChoice({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const state = useApiQuery(keys.setting(settingId, "setting"), () => unwrap(api.GET("/v1/settings/{settingId}", { params: { path: { settingId } } })));
  const save = useAction();
  return (
    <section aria-labelledby="framework-heading">
      <h2 id="framework-heading">Assessment framework</h2>
      <p>The non-statutory guidance your practitioners judge children's development against. Judgements already made keep the framework they were made in.</p>
      <Loaded state={state}>{(s) => <FrameworkForm key={s.version} settingId={settingId} current={s.framework ?? null} save={save} api={api} />}</Loaded>
    </section>
  );
}

function FrameworkForm({
  settingId,
  current,
  save,
  api,
}: {
  settingId: string;
  current: Schemas["Framework"] | null;
  save: ReturnType<typeof useAction>;
  api: ReturnType<typeof useSession>["api"];
}) {
  const { register, handleSubmit } = useForm<{ framework: string }>({ defaultValues: { framework: current ?? "" } });
  const onSave = ({ framework }: { framework: string }) =>
    void save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/assessment-framework", {
            params: { path: { settingId } },
            body: { framework: framework as Schemas["Framework"] },
            headers: idempotencyKey(),
          }),
        ),
      "Saved. Practitioners judge against this framework from now.",
    );
  return (
    <form onSubmit={handleSubmit(onSave)}>
      <Select label="Framework" {...register("framework", { required: true })} options={[{ value: "", label: "Choose a framework" }, ...FRAMEWORKS]} />
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Save framework</Submit>
    </form>
  );
}
