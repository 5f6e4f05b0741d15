// A child's day: meals, naps, nappies, activities and notes, and the medicine given.
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Select, Submit, TextArea, words } from "../../ui/components";
import { ChildDiaryPage, type Diary } from "../../ui/diary";
import { useAction, useChildName } from "../../ui/hooks";
import { useOutbox } from "../../offline/context";
import { sendOrKeep, type Work } from "../../offline/outbox";

type Kind = Schemas["NewDiaryEntry"]["kind"];

const KINDS: { value: Kind; label: string }[] = [
  { value: "meal", label: "Meal" },
  { value: "nap", label: "Nap" },
  { value: "nappy", label: "Nappy" },
  { value: "activity", label: "Activity" },
  { value: "note", label: "Note" },
];
const AMOUNTS: Schemas["MealAmount"][] = ["none", "some", "half", "most", "all"];

export function DiaryPage({ settingId, childId }: { settingId: string; childId: string }) {
  return (
    <ChildDiaryPage
      settingId={settingId}
      childId={childId}
      addToToday={(diary, saved) => (
        <>
          <AddEntry settingId={settingId} childId={childId} today={diary.date} onSaved={saved} />
          <GiveDose settingId={settingId} childId={childId} today={diary.date} onSaved={saved} />
        </>
      )}
    />
  );
}

type EntryForm = { kind: Kind; what: string; amount: Schemas["MealAmount"]; start: string; end: string; wet: boolean; soiled: boolean; cream: boolean; text: string; at: string };
const BLANK_ENTRY: EntryForm = { kind: "meal", what: "", amount: "all", start: "", end: "", wet: false, soiled: false, cream: false, text: "", at: "" };

function AddEntry({ settingId, childId, today, onSaved }: { settingId: string; childId: string; today: string; onSaved: (d: Diary) => void }) {
  const { api } = useSession();
  const clock = useClock();
  const { register, handleSubmit, reset, control } = useForm<EntryForm>({ defaultValues: BLANK_ENTRY });
  const kind = useWatch({ control, name: "kind" });
  const save = useAction();
  const outbox = useOutbox();
  const name = useChildName(settingId, childId);
  const [message, setMessage] = useState<string | null>(null);

  const body = (f: EntryForm): Schemas["NewDiaryEntry"] => {
    // Times typed are the setting's wall clock, whatever the device's zone.
    const when = f.at ? { at: clock.at(today, f.at) } : {};
    switch (f.kind) {
      case "meal":
        return { kind: f.kind, what: f.what, amount: f.amount, ...when };
      case "nap":
        return { kind: f.kind, start: clock.at(today, f.start), end: clock.at(today, f.end) };
      case "nappy":
        return { kind: f.kind, wet: f.wet, soiled: f.soiled, cream: f.cream, ...when };
      case "activity":
      case "note":
        return { kind: f.kind, text: f.text, ...when };
    }
  };
  const submit = handleSubmit(async (f) => {
    const label = KINDS.find((k) => k.value === f.kind)?.label ?? "Entry";
    const entry = body(f);
    setMessage(null);
    const send = () =>
      unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/diary", { params: { path: { settingId, childId } }, body: entry, headers: idempotencyKey() })).then(onSaved);
    // Kept for later, it carries the time it was written unless a time was typed (naps have theirs).
    const kept = (): Work => ({
      kind: "diary",
      label: `${label} for ${name ?? "the child"}`,
      childId,
      body: entry.kind === "nap" || entry.at ? entry : { ...entry, at: new Date().toISOString() },
    });
    const outcome = await save.run(() => sendOrKeep(outbox, send, kept));
    if (!outcome) return;
    setMessage(outcome === "kept" ? "Kept on this device: it will be sent when Nestling can be reached." : `${label} added.`);
    // The next entry is often of the same kind (the afternoon's nappies).
    reset({ ...BLANK_ENTRY, kind: f.kind, amount: f.amount });
  });

  return (
    <section aria-labelledby="add-heading">
      <h2 id="add-heading">Add to today's diary</h2>
      <form onSubmit={submit}>
        <Select label="What to add" {...register("kind")} options={KINDS} />
        {kind === "meal" && (
          <>
            <Field label="What they had" {...register("what")} required />
            <Select label="How much they ate" {...register("amount")} options={AMOUNTS.map((a) => ({ value: a, label: words(a) }))} />
          </>
        )}
        {kind === "nap" && (
          <>
            <Field label="Fell asleep at" type="time" {...register("start")} required />
            <Field label="Woke up at" type="time" {...register("end")} required />
          </>
        )}
        {kind === "nappy" && (
          <fieldset>
            <legend>Nappy</legend>
            <Checkbox label="Wet" {...register("wet")} />
            <Checkbox label="Soiled" {...register("soiled")} />
            <Checkbox label="Cream applied" {...register("cream")} />
          </fieldset>
        )}
        {(kind === "activity" || kind === "note") && <TextArea label={kind === "activity" ? "What they did" : "Note"} {...register("text")} required rows={3} />}
        {kind !== "nap" && <Field label="Time (optional)" hint="Leave empty for now." type="time" {...register("at")} />}
        <ErrorBox error={save.error} />
        <Done message={message} />
        <Submit busy={save.busy}>Add</Submit>
      </form>
    </section>
  );
}

type DoseForm = { permissionId: string; amount: string; witnessedBy: string; at: string };
const BLANK_DOSE: DoseForm = { permissionId: "", amount: "", witnessedBy: "", at: "" };

/** Giving medicine needs the parents' written permission: staff choose one in force. */
function GiveDose({ settingId, childId, today, onSaved }: { settingId: string; childId: string; today: string; onSaved: (d: Diary) => void }) {
  const { api, me } = useSession();
  const staff = useApiQuery(keys.setting(settingId, "staff", "first-100"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/staff", { params: { path: { settingId }, query: { limit: 100 } } })),
  );
  const given = useApiQuery(keys.setting(settingId, "medicine-permissions", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/medicine-permissions", { params: { path: { settingId, childId } } })),
  );

  return (
    <section aria-labelledby="dose-heading">
      <h2 id="dose-heading">Give medicine</h2>
      <Loaded state={given}>
        {(g) => {
          const permissions = g.items.filter((p) => p.current).map((p) => ({ value: p.permissionId, label: `${p.medicine}, ${p.dose} (${p.times.join("; ")})` }));
          return permissions.length === 0 ? (
            <p className="hint">Medicine can only be given under the parents' written permission, and they have none in force for this child.</p>
          ) : (
            <Loaded state={staff}>
              {(s) => {
                const witnesses = s.items.filter((m) => m.status === "active" && m.userId !== me.userId).map((m) => ({ value: m.userId, label: m.name }));
                return <RecordDose settingId={settingId} childId={childId} today={today} permissions={permissions} witnesses={witnesses} onSaved={onSaved} />;
              }}
            </Loaded>
          );
        }}
      </Loaded>
    </section>
  );
}

type Option = { value: string; label: string };

/** Mounted once the permissions and staff are read, so the first of each is the form's default. */
function RecordDose({
  settingId,
  childId,
  today,
  permissions,
  witnesses,
  onSaved,
}: {
  settingId: string;
  childId: string;
  today: string;
  permissions: Option[];
  witnesses: Option[];
  onSaved: (d: Diary) => void;
}) {
  const { api } = useSession();
  const clock = useClock();
  const { register, handleSubmit, reset } = useForm<DoseForm>({
    defaultValues: { ...BLANK_DOSE, permissionId: permissions[0]?.value ?? "", witnessedBy: witnesses[0]?.value ?? "" },
  });
  const save = useAction();
  const submit = handleSubmit(async (f) => {
    const body: Schemas["NewDose"] = { permissionId: f.permissionId, amount: f.amount, witnessedBy: f.witnessedBy, ...(f.at ? { at: clock.at(today, f.at) } : {}) };
    const d = await save.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/medicine-doses", { params: { path: { settingId, childId } }, body, headers: idempotencyKey() })),
      "Dose recorded; the parents have been emailed.",
    );
    if (!d) return;
    onSaved(d);
    // The same medicine and witness are likely next time; the amount and time are not.
    reset({ ...BLANK_DOSE, permissionId: f.permissionId, witnessedBy: f.witnessedBy });
  });

  return (
    <form onSubmit={submit}>
      <p className="hint">Under the parents' written permission; the parents are emailed when the dose is recorded.</p>
      <Select label="Medicine" {...register("permissionId")} options={permissions} />
      <Field label="Amount given" hint='As measured, for example "5 ml".' {...register("amount")} required />
      {witnesses.length === 0 ? (
        <Empty>No other member of staff can witness the dose.</Empty>
      ) : (
        <Select label="Witnessed by" {...register("witnessedBy")} options={witnesses} />
      )}
      <Field label="Time given (optional)" hint="Leave empty for now." type="time" {...register("at")} />
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Submit busy={save.busy}>Record dose</Submit>
    </form>
  );
}
