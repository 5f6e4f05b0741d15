// A child's day: meals, naps, nappies, activities and notes, and the medicine given.
import { useState, type FormEvent } from "react";
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import type { Clock } from "../../time";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea, words } from "../../ui/components";
import { useAction, useChildName } from "../../ui/hooks";

type Kind = Schemas["NewDiaryEntry"]["kind"];
type Diary = Schemas["DiaryView"];

const KINDS: { value: Kind; label: string }[] = [
  { value: "meal", label: "Meal" },
  { value: "nap", label: "Nap" },
  { value: "nappy", label: "Nappy" },
  { value: "activity", label: "Activity" },
  { value: "note", label: "Note" },
];
const AMOUNTS: Schemas["MealAmount"][] = ["none", "some", "half", "most", "all"];

function describe(e: Schemas["DiaryEntryView"], { time }: Clock): string {
  switch (e.kind) {
    case "meal":
      return `Meal: ${e.what}. Ate ${e.amount === "none" ? "none of it" : e.amount === "all" ? "all of it" : e.amount}.`;
    case "nap":
      return `Nap from ${time(e.start)} to ${time(e.end)}.`;
    case "nappy": {
      const state = [e.wet && "wet", e.soiled && "soiled"].filter(Boolean).join(" and ") || "dry";
      return `Nappy: ${state}${e.cream ? ", cream applied" : ""}.`;
    }
    case "activity":
      return `Activity: ${e.text}`;
    case "note":
      return `Note: ${e.text}`;
  }
}

export function DiaryPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api } = useSession();
  const clock = useClock();
  const { day, time } = clock;
  const name = useChildName(settingId, childId);
  const [date, setDate] = useState("");
  // The setting's today on its own clock: only today can be marked or added to.
  const today = clock.today();
  const diary = useApiQuery(keys.setting(settingId, "diary", childId, date), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/diary", { params: { path: { settingId, childId }, query: date ? { date } : {} } })),
  );
  const shownDate = date || diary.data?.date || "";
  const isToday = shownDate === today;
  const updated = (d: Diary) => diary.setData(() => d);
  const base = setting(settingId, `/children/${encodeURIComponent(childId)}`);

  return (
    <Page title={name ? `Diary: ${name}` : "Diary"} back={{ to: `${base}/journal`, label: "Journal" }}>
      <Field label="Date" type="date" value={shownDate} max={today} onChange={(e) => setDate(e.target.value)} />
      <Loaded state={diary}>
        {(d) => (
          <>
            <h2>{isToday ? `Today, ${day(d.date)}` : day(d.date)}</h2>
            {d.entries.length === 0 ? (
              <Empty>Nothing recorded for this day.</Empty>
            ) : (
              <ul className="bare">
                {d.entries.map((e) => (
                  <li key={e.entryId} className="card">
                    <strong>{time(e.at)}</strong> {describe(e, clock)} <span className="hint">({e.byName})</span>
                  </li>
                ))}
              </ul>
            )}
            <h2>Medicine given</h2>
            {d.doses.length === 0 ? (
              <Empty>No medicine given this day.</Empty>
            ) : (
              <ul className="bare">
                {d.doses.map((dose) => (
                  <li key={dose.doseId} className="card">
                    <strong>{time(dose.at)}</strong> {dose.medicine}, {dose.amount}. Given by {dose.givenByName}, witnessed by {dose.witnessedByName}.
                  </li>
                ))}
              </ul>
            )}
            {isToday && (
              <>
                <AddEntry settingId={settingId} childId={childId} today={d.date} onSaved={updated} />
                <GiveDose settingId={settingId} childId={childId} diary={d} onSaved={updated} />
              </>
            )}
          </>
        )}
      </Loaded>
      <p>
        <Link to={`${base}/accidents`}>Accidents</Link>
      </p>
    </Page>
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
    const d = await save.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/diary", { params: { path: { settingId, childId } }, body: body(f), headers: idempotencyKey() })),
      `${KINDS.find((k) => k.value === f.kind)?.label ?? "Entry"} added.`,
    );
    if (!d) return;
    onSaved(d);
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
        <Done message={save.done} />
        <Submit busy={save.busy}>Add</Submit>
      </form>
    </section>
  );
}

/** Giving medicine needs the parents' written permission: staff choose one in force. */
function GiveDose({ settingId, childId, diary, onSaved }: { settingId: string; childId: string; diary: Diary; onSaved: (d: Diary) => void }) {
  const { api, me } = useSession();
  const clock = useClock();
  const staff = useApiQuery(keys.setting(settingId, "staff", "first-100"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/staff", { params: { path: { settingId }, query: { limit: 100 } } })),
  );
  const given = useApiQuery(keys.setting(settingId, "medicine-permissions", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/medicine-permissions", { params: { path: { settingId, childId } } })),
  );
  const permissions = new Map<string, string>();
  for (const p of given.data?.items ?? []) if (p.current) permissions.set(p.permissionId, `${p.medicine}, ${p.dose} (${p.times.join("; ")})`);
  const [permissionId, setPermissionId] = useState("");
  const [amount, setAmount] = useState("");
  const [witness, setWitness] = useState("");
  const [at, setAt] = useState("");
  const save = useAction();
  const witnesses = (staff.data?.items ?? []).filter((s) => s.status === "active" && s.userId !== me.userId);
  const chosenPermission = permissionId || [...permissions.keys()][0] || "";
  const chosenWitness = witness || witnesses[0]?.userId || "";

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Schemas["NewDose"] = { permissionId: chosenPermission, amount, witnessedBy: chosenWitness, ...(at ? { at: clock.at(diary.date, at) } : {}) };
    void save
      .run(
        () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/medicine-doses", { params: { path: { settingId, childId } }, body, headers: idempotencyKey() })),
        "Dose recorded; the parents have been emailed.",
      )
      .then((d) => {
        if (!d) return;
        onSaved(d);
        setAmount("");
        setAt("");
      });
  };

  return (
    <section aria-labelledby="dose-heading">
      <h2 id="dose-heading">Give medicine</h2>
      {given.data && permissions.size === 0 ? (
        <p className="hint">Medicine can only be given under the parents' written permission, and they have none in force for this child.</p>
      ) : (
        <form onSubmit={submit}>
          <p className="hint">Under the parents' written permission; the parents are emailed when the dose is recorded.</p>
          <Select
            label="Medicine"
            value={chosenPermission}
            onChange={(e) => setPermissionId(e.target.value)}
            options={[...permissions].map(([value, label]) => ({ value, label }))}
          />
          <Field label="Amount given" hint='As measured, for example "5 ml".' value={amount} onChange={(e) => setAmount(e.target.value)} required />
          <Loaded state={staff}>
            {() =>
              witnesses.length === 0 ? (
                <Empty>No other member of staff can witness the dose.</Empty>
              ) : (
                <Select label="Witnessed by" value={chosenWitness} onChange={(e) => setWitness(e.target.value)} options={witnesses.map((s) => ({ value: s.userId, label: s.name }))} />
              )
            }
          </Loaded>
          <Field label="Time given (optional)" hint="Leave empty for now." type="time" value={at} onChange={(e) => setAt(e.target.value)} />
          <ErrorBox error={save.error} />
          <Done message={save.done} />
          <Submit busy={save.busy}>Record dose</Submit>
        </form>
      )}
    </section>
  );
}
