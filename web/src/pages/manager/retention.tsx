// How long the setting keeps each kind of record: the guidance's periods, the law's minimum,
// and the manager's changes (longer always; shorter only where no law requires the record).
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, ErrorBox, Field, Loaded, Page, Submit } from "../../ui/components";
import { periodWords } from "./retentionWords";

type Kind = Schemas["RetentionKindView"];

export function RetentionPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const schedule = useApiQuery(keys.setting(settingId, "retention"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/retention", { params: { path: { settingId } } })),
  );
  return (
    <Page title="Retention">
      <p>
        How long each kind of record about a child is kept. Nothing is deleted while the child attends, nor while a legal hold is on their
        records (placed from the child's page). Records the law requires are kept at least as long as it says; others may be kept for less.
      </p>
      <Loaded state={schedule}>
        {(s) => (
          <ul className="cards">
            {s.kinds.map((k) => (
              <KindCard key={`${k.kind}-${s.version}`} settingId={settingId} kind={k} />
            ))}
          </ul>
        )}
      </Loaded>
    </Page>
  );
}

type PeriodForm = { years: number; months: number };

function KindCard({ settingId, kind: k }: { settingId: string; kind: Kind }) {
  const { api } = useSession();
  const change = useAction();
  const { register, handleSubmit } = useForm<PeriodForm>({ defaultValues: { years: Math.floor(k.period.months / 12), months: k.period.months % 12 } });
  const changed = k.period.until !== k.guidance.until || k.period.months !== k.guidance.months;
  const save = handleSubmit(({ years, months }) =>
    change.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/retention", {
            params: { path: { settingId } },
            body: { kind: k.kind, period: { until: k.guidance.until, months: Number(years) * 12 + Number(months) } },
            headers: idempotencyKey(),
          }),
        ),
      "Saved.",
    ),
  );
  const measure = k.guidance.until === "age" ? "Kept until the child's age of" : "Kept after the child leaves for";
  return (
    <li className="card" aria-label={k.title}>
      <h2>{k.title}</h2>
      <p>
        <strong>Kept {periodWords(k.period)}</strong>
        {changed ? ` (the guidance: ${periodWords(k.guidance)})` : " (the guidance's period)"}.
      </p>
      <p>{k.legalBasis ?? "No law requires keeping it: it may be kept for less, down to the day the child leaves."}</p>
      <ErrorBox error={change.error} />
      <Done message={change.done} />
      <form onSubmit={save} aria-label={`Change how long: ${k.title}`}>
        <fieldset>
          <legend>{measure}</legend>
          <Field label="Years" type="number" min={0} max={50} required {...register("years", { required: true })} />
          <Field label="Months" type="number" min={0} max={11} required {...register("months", { required: true })} />
        </fieldset>
        <Submit busy={change.busy}>Save</Submit>
      </form>
    </li>
  );
}
