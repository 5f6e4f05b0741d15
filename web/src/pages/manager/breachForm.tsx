// Recording a breach: what happened, when it was discovered, who is affected and how serious it is.
import { useState, type FormEvent } from "react";
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

export function RecordBreachForm({ settingId, directory, onRecorded }: { settingId: string; directory: Directory; onRecorded: () => void }) {
  const { api } = useSession();
  const clock = useClock();
  // Now on the setting's wall clock, as the datetime-local input shows it.
  const now = () => clock.toInput(new Date());
  const [description, setDescription] = useState("");
  const [discoveredAt, setDiscoveredAt] = useState(now);
  const [category, setCategory] = useState<Schemas["BreachCategory"]>("improper-sharing");
  const [affected, setAffected] = useState<string[]>([]);
  const [risk, setRisk] = useState<Schemas["RiskLevel"]>("medium");
  const [reportable, setReportable] = useState(true);
  const [recorded, setRecorded] = useState<string | null>(null);
  const save = useAction();

  const toggle = (childId: string, on: boolean) => setAffected((ids) => (on ? [...ids, childId] : ids.filter((id) => id !== childId)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRecorded(null);
    // Read as the setting's wall clock, whatever the device's zone.
    const discovered = clock.fromInput(discoveredAt);
    if (!discovered) {
      save.setError(unreadableTime("When it was discovered"));
      return;
    }
    void save.run(async () => {
      const breach = await unwrap(
        api.POST("/v1/settings/{settingId}/breaches", {
          params: { path: { settingId } },
          body: { description: description.trim(), discoveredAt: discovered, category, affectedChildIds: affected, risk, reportable },
          headers: idempotencyKey(),
        }),
      );
      setDescription("");
      setDiscoveredAt(now());
      setCategory("improper-sharing");
      setAffected([]);
      setRisk("medium");
      setReportable(true);
      setRecorded(
        breach.icoStatus === "due"
          ? `The breach is recorded and every manager has been emailed. The ICO decision is due: ${timeLeft(breach.minutesLeft, breach.overdue)}.`
          : "The breach is recorded and every manager has been emailed.",
      );
      onRecorded();
    });
  };

  return (
    <form onSubmit={submit}>
      <TextArea label="What happened?" value={description} onChange={(e) => setDescription(e.target.value)} required />
      <Field
        label="When it was discovered"
        hint="The 72 hours for the ICO run from this moment."
        type="datetime-local"
        max={now()}
        value={discoveredAt}
        onChange={(e) => setDiscoveredAt(e.target.value)}
        required
      />
      <Select label="Kind of breach" value={category} onChange={(e) => setCategory(e.target.value as Schemas["BreachCategory"])} options={CATEGORIES} />
      <fieldset>
        <legend>Children affected</legend>
        {directory.children.length === 0 && <p className="hint">No children registered.</p>}
        <div className="checklist">
          {directory.children.map((c) => (
            <Checkbox
              key={c.childId}
              label={`${c.firstName} ${c.lastName}`}
              checked={affected.includes(c.childId)}
              onChange={(e) => toggle(c.childId, e.target.checked)}
            />
          ))}
        </div>
        <p className="hint">{affected.length} chosen (at most 95).</p>
      </fieldset>
      <Select label="Risk to the people affected" value={risk} onChange={(e) => setRisk(e.target.value as Schemas["RiskLevel"])} options={RISKS} />
      <Checkbox label="It must be reported to the ICO (likely to result in a risk to people's rights)" checked={reportable} onChange={(e) => setReportable(e.target.checked)} />
      <ErrorBox error={save.error} />
      <Done message={recorded} />
      <Submit busy={save.busy}>Record breach</Submit>
    </form>
  );
}
