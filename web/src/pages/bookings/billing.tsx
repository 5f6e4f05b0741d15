// Who pays for a child and the extras the family opted into: the managers set it (the payers,
// and how two or more share the bill: by percentage or each kind of item to one of them), the
// parents with parental responsibility read it.
import { useController, useForm, useWatch, type Control } from "react-hook-form";
import { unwrap } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Select, Submit } from "../../ui/components";
import { Radio } from "../manager/common";
import { ITEM_KIND_NAMES, ITEM_KINDS, inListedOrder, kindsOf, payerFor, payersWords, sharesOf, splitOf, type ItemKind, type SplitFields } from "./billingWords";
import { pounds } from "./words";

type BillingForm = SplitFields & { payers: string[]; extras: string[] };

function useBilling(settingId: string, childId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "billing", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/billing", { params: { path: { settingId, childId } } })),
  );
}
type Billing = NonNullable<ReturnType<typeof useBilling>["data"]>;

export function BillingSection({ settingId, childId, manager }: { settingId: string; childId: string; manager: boolean }) {
  const billing = useBilling(settingId, childId);
  // A parent without parental responsibility is not shown who pays (the API says 403).
  if (billing.error?.status === 403) return null;
  return (
    <section aria-labelledby="billing-heading">
      <h2 id="billing-heading">Who pays</h2>
      <Loaded state={billing}>{(b) => (manager ? <BillingEditor key={b.version} settingId={settingId} childId={childId} billing={b} /> : <BillingFacts billing={b} />)}</Loaded>
    </section>
  );
}

function BillingFacts({ billing: b }: { billing: Billing }) {
  const name = (id: string) => b.responsible.find((r) => r.userId === id)?.name ?? "A parent";
  const extras = b.extras.filter((e) => b.billing.extras?.includes(e.extraId));
  return (
    <>
      {b.billing.payers.length === 0 ? <Empty>No bill payer chosen yet.</Empty> : <p>{payersWords(b.billing, name)}</p>}
      <p>{extras.length === 0 ? "No extras opted into." : `Opted into: ${extras.map((e) => `${e.name} (${pounds(e.pence)} a day)`).join(", ")}.`}</p>
    </>
  );
}

/** Who pays for one kind of item in a split by item: one of the payers, the first unless chosen. */
function KindPayer({ control, kind, payers, name }: { control: Control<BillingForm>; kind: ItemKind; payers: string[]; name: (id: string) => string }) {
  const { field: kindField } = useController({ control, name: `kinds.${kind}` });
  // Shown as it will be saved: a choice that is no longer a payer (or none yet) is the first payer.
  const chosen = payerFor({ [kind]: kindField.value }, kind, payers);
  return (
    <Select
      label={`Who pays for ${ITEM_KIND_NAMES[kind]}`}
      options={payers.map((p) => ({ value: p, label: name(p) }))}
      value={chosen}
      onChange={(e) => kindField.onChange(e.target.value)}
      onBlur={kindField.onBlur}
    />
  );
}

function BillingEditor({ settingId, childId, billing: b }: { settingId: string; childId: string; billing: Billing }) {
  const { api } = useSession();
  const save = useAction();
  const shares = sharesOf(b.billing.split);
  const listed = b.responsible.map((r) => r.userId);
  const name = (id: string) => b.responsible.find((r) => r.userId === id)?.name ?? "A parent";
  const { register, handleSubmit, control } = useForm<BillingForm>({
    defaultValues: {
      payers: b.billing.payers,
      by: b.billing.split?.by === "item" ? "item" : "percent",
      shares: Object.fromEntries(b.responsible.map((r) => [r.userId, String((shares.find(([id]) => id === r.userId)?.[1] ?? 0) / 100)])),
      kinds: kindsOf(b.billing.split),
      extras: b.billing.extras ?? [],
    },
  });
  const chosen = inListedOrder(useWatch({ control, name: "payers" }) ?? [], listed);
  const by = useWatch({ control, name: "by" });
  const submit = (f: BillingForm) => {
    const payers = inListedOrder(f.payers ?? [], listed);
    const { split, error } = splitOf(payers, f);
    if (error) return save.run(() => Promise.reject(new Error(error)));
    return save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/billing", {
            params: { path: { settingId, childId }, header: { "If-Match": `"${b.version}"` } },
            body: { payers, split, extras: f.extras ?? [] },
          }),
        ),
      "Saved.",
    );
  };
  return (
    <>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      {b.responsible.length === 0 ? (
        <Empty>No parent with parental responsibility is linked yet: only they can pay.</Empty>
      ) : (
        <form onSubmit={handleSubmit(submit)} aria-label="Who pays">
          <fieldset>
            <legend>Bill payers (parents with parental responsibility)</legend>
            {b.responsible.map((r) => (
              <Checkbox key={r.userId} label={`${r.name} (${r.relationship})`} value={r.userId} {...register("payers")} />
            ))}
          </fieldset>
          {chosen.length > 1 && (
            <fieldset>
              <legend>How the payers share the bill</legend>
              <Radio label="Split by percentage" value="percent" {...register("by")} />
              <Radio label="Split by item" value="item" {...register("by")} />
              {by === "item" ? (
                <>
                  <p className="hint">Each kind of item is invoiced to one payer. Funded hours cost nothing and are shown to every payer.</p>
                  {ITEM_KINDS.map((k) => (
                    <KindPayer key={k} control={control} kind={k} payers={chosen} name={name} />
                  ))}
                </>
              ) : (
                chosen.map((p) => <Field key={p} label={`${name(p)}'s share (%)`} inputMode="decimal" {...register(`shares.${p}`)} />)
              )}
            </fieldset>
          )}
          {b.extras.length > 0 && (
            <fieldset>
              <legend>Extras the family opted into</legend>
              {b.extras.map((e) => (
                <Checkbox key={e.extraId} label={`${e.name}, ${pounds(e.pence)} a day`} value={e.extraId} {...register("extras")} />
              ))}
            </fieldset>
          )}
          <Submit busy={save.busy}>Save who pays</Submit>
        </form>
      )}
    </>
  );
}
