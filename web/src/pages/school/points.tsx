// Staff give a pupil an achievement or behaviour point: a category from the school's list, a
// short reason, 1-5 points and where (a lesson's teaching group, or outside a lesson). The
// answer names the first contact for the pupil's parents. Below, the pupil's points this
// academic year with their totals.
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useSession } from "../../session";
import { settingWords, type SettingWords } from "../../settingWords";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Radio } from "../manager/common";
import { listChildren } from "../staff/shared";
import { NotASchool, PupilPoints, useSchool } from "./shared";
import { lessonsFor, placeOf, pupilsByTutorGroup } from "./structure";
import { givenWords, MAX_REASON, POINT_KINDS, POINT_VALUES, pointProblemWords, teachingGroupWords } from "./words";

type Pupil = Schemas["ChildSummary"];
type School = Schemas["SchoolView"];

/** `childId` (from a pupil's link) starts with that pupil chosen. */
export function PointsPage({ settingId, childId: first }: { settingId: string; childId?: string }) {
  const { api } = useSession();
  const school = useSchool(settingId);
  // The same read (and key) as the other staff pages' list of children.
  const children = useApiQuery(keys.setting(settingId, "children"), () => listChildren(api, settingId));
  const [childId, setChildId] = useState(first ?? "");
  const words = settingWords(school.data?.kind);
  return (
    <Page title="Points" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={school}>
        {(view) =>
          view.kind !== "school" ? (
            <NotASchool settingId={settingId} />
          ) : (
            <Loaded state={children}>
              {(list) => {
                const pupil = list.find((c) => c.childId === childId);
                return (
                  <>
                    <PupilPicker school={view} pupils={list} value={childId} onChange={setChildId} words={words} />
                    {pupil && (
                      <>
                        <GivePoint key={pupil.childId} settingId={settingId} school={view} pupil={pupil} />
                        <PupilPoints
                          key={`points-${pupil.childId}`}
                          settingId={settingId}
                          childId={pupil.childId}
                          firstName={pupil.firstName}
                          heading={`${pupil.firstName} ${pupil.lastName}'s points`}
                          forParent={false}
                        />
                      </>
                    )}
                  </>
                );
              }}
            </Loaded>
          )
        }
      </Loaded>
    </Page>
  );
}

/** The pupils by tutor group (the school's order), then those in none. */
function PupilPicker({ school, pupils, value, onChange, words }: { school: School; pupils: Pupil[]; value: string; onChange: (childId: string) => void; words: SettingWords }) {
  const id = useId();
  if (pupils.length === 0) return <Empty>No {words.children} on the roll yet.</Empty>;
  const groups = pupilsByTutorGroup(school.structure, pupils);
  return (
    <div className="field">
      <label htmlFor={id}>{words.Child}</label>
      <p className="hint" id={`${id}-hint`}>
        By tutor group.
      </p>
      <select id={id} aria-describedby={`${id}-hint`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a {words.child}</option>
        {groups.map((g) => (
          <optgroup key={g.label} label={g.label}>
            {g.pupils.map((p) => (
              <option key={p.childId} value={p.childId}>
                {p.firstName} {p.lastName}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

type PointForm = { kind: Schemas["PointKind"]; category: string; reason: string; points: string; where: string };

function GivePoint({ settingId, school, pupil }: { settingId: string; school: School; pupil: Pupil }) {
  const { api } = useSession();
  const save = useAction();
  const [given, setGiven] = useState<string | null>(null);
  const categories = school.structure.pointCategories;
  const listFor = (kind: string) => (kind === "behaviour" ? categories.behaviour : categories.achievement);
  const { register, handleSubmit, reset, setValue, control, formState } = useForm<PointForm>({
    defaultValues: { kind: "achievement", category: categories.achievement[0] ?? "", reason: "", points: "1", where: "" },
  });
  // The kind decides which categories are offered.
  const kind = useWatch({ control, name: "kind" });
  const offered = listFor(kind);
  const lessons = lessonsFor(school.structure, pupil.childId);
  const place = placeOf(school.structure, pupil.childId);

  const submit = handleSubmit(async (f) => {
    setGiven(null);
    const point = await save.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/children/{childId}/points", {
          params: { path: { settingId, childId: pupil.childId } },
          body: { kind: f.kind, category: f.category, reason: f.reason.trim(), points: Number(f.points), ...(f.where ? { teachingGroupId: f.where } : {}) },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!point) return;
    setGiven(givenWords(point));
    // Kind, category and lesson stay for the next pupil's point in the same lesson.
    reset({ ...f, reason: "", points: "1" });
  });

  const hint = save.error ? pointProblemWords(save.error, pupil.firstName) : null;
  return (
    <form onSubmit={submit} aria-labelledby="give-point">
      <h2 id="give-point">Give a point</h2>
      <p className="hint">
        {place ? `${pupil.firstName} is in ${place.tutorGroup.name} (${place.year.name}).` : `${pupil.firstName} is in no tutor group: give points in a lesson.`}
      </p>
      <fieldset>
        <legend>Kind</legend>
        {POINT_KINDS.map((k) => (
          <Radio
            key={k.value}
            label={k.label}
            value={k.value}
            {...register("kind", { onChange: (e: { target: { value: string } }) => setValue("category", listFor(e.target.value)[0] ?? "") })}
          />
        ))}
      </fieldset>
      {offered.length === 0 ? (
        <Empty>The school has no {kind} categories yet: a manager adds them on the School page.</Empty>
      ) : (
        // Mounted again with the kind's own list, showing the category the kind's change chose.
        <Select key={kind} label="Category" required options={offered.map((c) => ({ value: c, label: c }))} {...register("category", { required: true })} />
      )}
      <Field
        label="Reason"
        hint={formState.errors.reason?.message ?? `What happened, in a few words (at most ${MAX_REASON} characters): parents read it.`}
        required
        maxLength={MAX_REASON}
        autoComplete="off"
        {...register("reason", { required: true, validate: (v) => v.trim() !== "" || "Give the reason in a few words." })}
      />
      <Select label="Points" options={POINT_VALUES.map((n) => ({ value: String(n), label: String(n) }))} {...register("points")} />
      <Select
        label="Where"
        hint="The lesson's teacher is the first contact for a point given in it; outside a lesson, the year's Learning Manager."
        options={[{ value: "", label: "Outside a lesson" }, ...lessons.map((g) => ({ value: g.teachingGroupId, label: teachingGroupWords(g) }))]}
        {...register("where")}
      />
      <ErrorBox error={save.error} />
      {hint && <p className="hint">{hint}</p>}
      <Done message={given} />
      {offered.length > 0 && <Submit busy={save.busy}>Give the point</Submit>}
    </form>
  );
}
