// Recording a breach: what happened, when it was discovered, who is affected and how serious it is.
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, ErrorBox, Field, Select, Submit, TextArea } from "../../ui/components";
import { timeLeft, unreadableTime, type Directory } from "./common";

const CATEGORIES: { value: Schemas["BreachCategory"]; label: string }[] = [
  { value: "improper-sharing", label: "Information shared improperly" },
  { value: "lost-device", label: "Lost or stolen device" },
  { value: "wrong-recipient", label: "Sent to the wrong person" },
  { value: "system-fault", label: "System fault" },
  { value: "other", label: "Something else" },
];

const RISKS: { value: Schemas["RiskLevel"]; label: string }[] = [
  { value: "low", label: "Low" },
  { value: "medium", label: "Medium" },
  { value: "high", label: "High" },
];

type BreachForm = {
  description: string;
  discoveredAt: string;
  category: Schemas["BreachCategory"];
  affectedChildIds: string[];
  risk: Schemas["RiskLevel"];
  reportable: boolean;
};
const BLANK_BREACH: Omit<BreachForm, "discoveredAt"> = { description: "", category: "improper-sharing", affectedChildIds: [], risk: "medium", reportable: true };

export function RecordBreachForm({ settingId, directory }: { settingId: string; directory: Directory }) {
  const { api } = useSession();
  const clock = useClock();
  // Now on the setting's wall clock, as the datetime-local input shows it.
  const now = () => clock.toInput(new Date());
  // The children's checkboxes share one name: with a list as its default, it is a list of ids even when there is one child.
  const { register, handleSubmit, reset, control } = useForm<BreachForm>({ defaultValues: { ...BLANK_BREACH, discoveredAt: now() } });
  const affected = useWatch({ control, name: "affectedChildIds" });
  const [recorded, setRecorded] = useState<string | null>(null);
  const save = useAction();

  const submit = handleSubmit(async (f) => {
    setRecorded(null);
    // Read as the setting's wall clock, whatever the device's zone.
    const discovered = clock.fromInput(f.discoveredAt);
    if (!discovered) {
      save.setError(unreadableTime("When it was discovered"));
      return;
    }
    const breach = await save.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/breaches", {
          params: { path: { settingId } },
          body: {
            description: f.description.trim(),
            discoveredAt: discovered,
            category: f.category,
            affectedChildIds: f.affectedChildIds,
            risk: f.risk,
            reportable: f.reportable,
          },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!breach) return;
    reset({ ...BLANK_BREACH, discoveredAt: now() });
    setRecorded(
      breach.icoStatus === "due"
        ? `The breach is recorded and every manager has been emailed. The ICO decision is due: ${timeLeft(breach.minutesLeft, breach.overdue)}.`
        : "The breach is recorded and every manager has been emailed.",
    );
  });

  return (
    <form onSubmit={submit}>
      <TextArea label="What happened?" {...register("description")} required />
      <Field
        label="When it was discovered"
        hint="The 72 hours for the ICO run from this moment."
        type="datetime-local"
        max={now()}
        {...register("discoveredAt")}
        required
      />
      <Select label="Kind of breach" {...register("category")} options={CATEGORIES} />
      <fieldset>
        <legend>Children affected</legend>
        {directory.children.length === 0 && <p className="hint">No children registered.</p>}
        <div className="checklist">
          {directory.children.map((c) => (
            <Checkbox key={c.childId} label={`${c.firstName} ${c.lastName}`} value={c.childId} {...register("affectedChildIds")} />
          ))}
        </div>
        <p className="hint">{affected.length} chosen (at most 95).</p>
      </fieldset>
      <Select label="Risk to the people affected" {...register("risk")} options={RISKS} />
      <Checkbox label="It must be reported to the ICO (likely to result in a risk to people's rights)" {...register("reportable")} />
      <ErrorBox error={save.error} />
      <Done message={recorded} />
      <Submit busy={save.busy}>Record breach</Submit>
    </form>
  );
}
