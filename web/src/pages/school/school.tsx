// The managers' School page: whether the early years follow the EYFS (ratios, the learning
// journal and assessment apply only then), the year groups (each with its Learning Manager and
// its tutor groups: a tutor and the pupils), the teaching groups (subject, name, teacher, year
// group) and the categories of points the school gives. Saved whole, with the version read (If-Match): a
// save after someone else's is refused, and the page offers to load theirs.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { useController, useFieldArray, useForm, useWatch, type Control, type UseFormRegister } from "react-hook-form";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { settingWords, countOf, type SettingWords } from "../../settingWords";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { loadChildren, loadStaff } from "../manager/common";
import { NotASchool, NotSaved, useSchool } from "./shared";
import { newGroupId, structureProblem, toForm, toStructure, type SchoolForm, type YearGroupForm } from "./structure";
import { schoolProblemWords, teachingGroupWords } from "./words";

type Option = { value: string; label: string };
type Pupil = Schemas["ChildSummary"];

export function SchoolPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const school = useSchool(settingId);
  // The same reads (and keys) as the Staff and Children pages.
  const staff = useApiQuery(keys.setting(settingId, "staff"), () => loadStaff(api, settingId));
  const children = useApiQuery(keys.setting(settingId, "children"), () => loadChildren(api, settingId));
  // Out here, not in the form: a save mounts a fresh form (the new version), the message stays.
  const save = useAction();
  const words = settingWords(school.data?.kind);
  // After someone else's save: their groups are read again (a new version mounts a fresh form),
  // and only then is the refusal taken away.
  const queries = useQueryClient();
  const [latest, setLatest] = useState<string | null>(null);
  const loadLatest = async () => {
    await queries.refetchQueries({ queryKey: keys.setting(settingId, "school") });
    save.setError(null);
    setLatest("These are the latest groups: make your changes again, then save.");
  };
  const put = async (version: number, structure: Schemas["SchoolStructure"]) => {
    setLatest(null);
    const saved = await save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/school", {
            params: { path: { settingId }, header: { "If-Match": `"${version}"` } },
            body: structure,
          }),
        ),
      "The school's groups are saved.",
    );
    // The answer is the school as stored: the form starts again from it, at its new version.
    if (saved) school.setData(() => saved);
  };
  const hint = save.error ? schoolProblemWords(save.error) : null;
  return (
    <Page title="School" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={school}>
        {(view) =>
          view.kind !== "school" ? (
            <NotASchool settingId={settingId} />
          ) : (
            <>
              <p>
                The year groups with their Learning Manager and tutor groups, the teaching groups, and the categories of points staff give. A
                point given in a lesson names its teacher as the first contact for parents; one outside a lesson names the {words.child}&rsquo;s
                year&rsquo;s Learning Manager. Change what you need, then save: everything below is saved together.
              </p>
              <Loaded state={staff}>
                {(people) => (
                  <Loaded state={children}>
                    {(pupils) => (
                      // Keyed by the version: a save (or loading someone else's) starts again from what is stored.
                      <StructureForm
                        key={view.version}
                        structure={view.structure}
                        staff={people.filter((p) => p.status === "active").map((p) => ({ value: p.userId, label: p.name }))}
                        pupils={pupils}
                        words={words}
                        busy={save.busy}
                        onSave={(structure) => put(view.version, structure)}
                        problem={
                          save.error ? (
                            <>
                              <ErrorBox error={save.error} />
                              {hint && <p className="hint">{hint}</p>}
                              {save.error.slug === "conflict" && (
                                <p className="actions">
                                  <button type="button" onClick={() => void loadLatest()}>
                                    Load the latest groups
                                  </button>
                                </p>
                              )}
                            </>
                          ) : null
                        }
                        done={<Done message={save.done ?? latest} />}
                      />
                    )}
                  </Loaded>
                )}
              </Loaded>
            </>
          )
        }
      </Loaded>
    </Page>
  );
}

const BLANK_YEAR = (): YearGroupForm => ({ yearGroupId: newGroupId(), name: "", learningManagerId: "", tutorGroups: [] });

function StructureForm({
  structure,
  staff,
  pupils,
  words,
  busy,
  onSave,
  problem,
  done,
}: {
  structure: Schemas["SchoolStructure"];
  staff: Option[];
  pupils: Pupil[];
  words: SettingWords;
  busy: boolean;
  onSave: (structure: Schemas["SchoolStructure"]) => Promise<unknown>;
  problem: ReactNode;
  done: ReactNode;
}) {
  const { register, handleSubmit, control } = useForm<SchoolForm>({ defaultValues: toForm(structure) });
  const years = useFieldArray({ control, name: "yearGroups" });
  const teaching = useFieldArray({ control, name: "teachingGroups" });
  const yearValues = useWatch({ control, name: "yearGroups" });
  const teachingValues = useWatch({ control, name: "teachingGroups" });
  const [check, setCheck] = useState<string | null>(null);
  const earlyYearsHint = useId();
  const staffOptions = [{ value: "", label: "Choose a member of staff" }, ...staff];
  const yearOptions = [
    { value: "", label: "Choose a year group" },
    ...yearValues.map((y, i) => ({ value: y.yearGroupId, label: y.name.trim() || `Year group ${i + 1}` })),
  ];
  // Which tutor group each pupil is in now (as the form stands), to offer each pupil once.
  const placed = new Map<string, string>();
  yearValues.forEach((y) => y.tutorGroups.forEach((t) => (t.pupils ?? []).forEach((p) => placed.set(p, t.tutorGroupId))));

  const submit = handleSubmit(async (form) => {
    const body = toStructure(form);
    const found = structureProblem(body);
    setCheck(found);
    if (found) return;
    await onSave(body);
  });

  return (
    <form onSubmit={submit} aria-label="The school's groups">
      <section aria-labelledby="early-years">
        <h2 id="early-years">Early years</h2>
        <Checkbox label="Early years follow the EYFS" aria-describedby={earlyYearsHint} {...register("earlyYears")} />
        <p className="hint" id={earlyYearsHint}>
          Nursery or reception classes: turns on ratios, the learning journal and assessment.
        </p>
      </section>

      <section aria-labelledby="year-groups">
        <h2 id="year-groups">Year groups</h2>
        {years.fields.length === 0 && <Empty>No year groups yet: add the first.</Empty>}
        {years.fields.map((field, y) => (
          <YearGroupFields
            key={field.id}
            index={y}
            control={control}
            register={register}
            year={yearValues[y] ?? field}
            staffOptions={staffOptions}
            pupils={pupils}
            placed={placed}
            words={words}
            onRemove={() => years.remove(y)}
          />
        ))}
        <p className="actions">
          <button type="button" onClick={() => years.append(BLANK_YEAR())}>
            Add a year group
          </button>
        </p>
      </section>

      <section aria-labelledby="teaching-groups">
        <h2 id="teaching-groups">Teaching groups</h2>
        <p className="hint">Each subject&rsquo;s class in a year, such as Maths 9x1: its teacher is the first contact for points given in its lessons.</p>
        {teaching.fields.length === 0 && <Empty>No teaching groups yet.</Empty>}
        {teaching.fields.map((field, g) => {
          const now = teachingValues[g] ?? field;
          const name = teachingGroupWords(now) || `Teaching group ${g + 1}`;
          return (
            <fieldset key={field.id}>
              <legend>{name}</legend>
              <Field label="Subject" hint="Such as Maths." required maxLength={40} autoComplete="off" {...register(`teachingGroups.${g}.subject`, { required: true })} />
              <Field label="Name" hint="Such as 9x1." required maxLength={20} autoComplete="off" {...register(`teachingGroups.${g}.name`, { required: true })} />
              <Select label="Teacher" required options={staffOptions} {...register(`teachingGroups.${g}.teacherId`, { required: true })} />
              <Select label="Year group" required options={yearOptions} {...register(`teachingGroups.${g}.yearGroupId`, { required: true })} />
              <p className="actions">
                <button type="button" onClick={() => teaching.remove(g)}>
                  Remove {name}
                </button>
              </p>
            </fieldset>
          );
        })}
        <p className="actions">
          <button
            type="button"
            onClick={() => teaching.append({ teachingGroupId: newGroupId(), subject: "", name: "", teacherId: "", yearGroupId: yearValues[0]?.yearGroupId ?? "" })}
          >
            Add a teaching group
          </button>
        </p>
      </section>

      <section aria-labelledby="point-categories">
        <h2 id="point-categories">Point categories</h2>
        <p className="hint">Staff choose one of these for each point. One category a line, at most 30 of each, each at most 40 characters.</p>
        <TextArea label="Achievement categories" rows={6} hint="Such as Good homework." {...register("achievement")} />
        <TextArea label="Behaviour categories" rows={6} hint="Such as Forgot equipment." {...register("behaviour")} />
      </section>

      <NotSaved check={check} />
      {problem}
      {done}
      <Submit busy={busy}>Save the school</Submit>
    </form>
  );
}

function YearGroupFields({
  index: y,
  control,
  register,
  year,
  staffOptions,
  pupils,
  placed,
  words,
  onRemove,
}: {
  index: number;
  control: Control<SchoolForm>;
  register: UseFormRegister<SchoolForm>;
  year: YearGroupForm;
  staffOptions: Option[];
  pupils: Pupil[];
  placed: Map<string, string>;
  words: SettingWords;
  onRemove: () => void;
}) {
  const tutorGroups = useFieldArray({ control, name: `yearGroups.${y}.tutorGroups` });
  const name = year.name.trim() || `Year group ${y + 1}`;
  return (
    <fieldset>
      <legend>{name}</legend>
      <Field label="Name" hint="Such as Year 9." required maxLength={40} autoComplete="off" {...register(`yearGroups.${y}.name`, { required: true })} />
      <Select
        label="Learning Manager"
        hint={`The first contact for points given outside a lesson to its ${words.children}.`}
        required
        options={staffOptions}
        {...register(`yearGroups.${y}.learningManagerId`, { required: true })}
      />
      {tutorGroups.fields.map((field, t) => {
        const group = year.tutorGroups[t] ?? field;
        const groupName = group.name.trim() || `${t + 1}`;
        return (
          <fieldset key={field.id}>
            <legend>Tutor group {groupName}</legend>
            <Field label="Name" hint="Such as 9RD." required maxLength={20} autoComplete="off" {...register(`yearGroups.${y}.tutorGroups.${t}.name`, { required: true })} />
            <Select label="Tutor" required options={staffOptions} {...register(`yearGroups.${y}.tutorGroups.${t}.tutorId`, { required: true })} />
            <PupilChoice control={control} y={y} t={t} groupId={group.tutorGroupId} groupName={groupName} pupils={pupils} placed={placed} words={words} />
            <p className="actions">
              <button type="button" onClick={() => tutorGroups.remove(t)}>
                Remove tutor group {groupName}
              </button>
            </p>
          </fieldset>
        );
      })}
      <p className="actions">
        <button type="button" onClick={() => tutorGroups.append({ tutorGroupId: newGroupId(), name: "", tutorId: "", pupils: [] })}>
          Add a tutor group to {name}
        </button>
        <button type="button" onClick={onRemove}>
          Remove {name}
        </button>
      </p>
    </fieldset>
  );
}

/**
 * A tutor group's pupils, ticked from the school's roll: those in another tutor group are not
 * offered (a pupil is in one only), so each tutor group lists its own and those in none.
 */
function PupilChoice({
  control,
  y,
  t,
  groupId,
  groupName,
  pupils,
  placed,
  words,
}: {
  control: Control<SchoolForm>;
  y: number;
  t: number;
  groupId: string;
  groupName: string;
  pupils: Pupil[];
  placed: Map<string, string>;
  words: SettingWords;
}) {
  const { field } = useController({ control, name: `yearGroups.${y}.tutorGroups.${t}.pupils` });
  const chosen: string[] = field.value ?? [];
  const hintId = useId();
  const offered = pupils.filter((p) => chosen.includes(p.childId) || !placed.has(p.childId) || placed.get(p.childId) === groupId);
  const toggle = (childId: string, on: boolean) => field.onChange(on ? [...chosen.filter((c) => c !== childId), childId] : chosen.filter((c) => c !== childId));
  return (
    <fieldset aria-describedby={hintId}>
      <legend>
        {words.Children} in {groupName}
      </legend>
      <p className="hint" id={hintId}>
        {chosen.length === 0 ? `No ${words.children} chosen yet.` : `${countOf(chosen.length, words)} chosen (at most 40).`} {words.Children} in another tutor group are
        not listed here: take them out of it first.
      </p>
      {offered.length === 0 ? (
        <Empty>Every {words.child} is in a tutor group.</Empty>
      ) : (
        offered.map((p) => (
          <Checkbox
            key={p.childId}
            label={`${p.firstName} ${p.lastName}`}
            checked={chosen.includes(p.childId)}
            onChange={(e) => toggle(p.childId, e.target.checked)}
            onBlur={field.onBlur}
          />
        ))
      )}
    </fieldset>
  );
}
