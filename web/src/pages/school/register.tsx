// A tutor group's register, morning or afternoon: every pupil marked with a national code (the
// codes, their meanings and categories come with the register). Each change is sent with the
// version the register was read at; a different code over a mark is an amendment, which needs
// a reason and keeps the entry before it (the History under each pupil). When someone else's
// mark came first nothing is saved, and the page offers the latest register.
import { useQueryClient } from "@tanstack/react-query";
import { useId, useState, type ReactNode } from "react";
import { useForm, useWatch, type UseFormRegister } from "react-hook-form";
import { Link, useSearchParams } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { formatWeekday, wallClock } from "../../time";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { useAction } from "../../ui/hooks";
import { Radio } from "../manager/common";
import {
  changedLines,
  codeGroups,
  codeWords,
  defaultSession,
  defaultTutorGroup,
  markEveryonePresent,
  MAX_MARK_REASON,
  missingReasons,
  needsReason,
  otherSession,
  reasonsMissingWords,
  savedWords,
  SESSIONS,
  sessionWords,
  startLines,
  tutorGroupOptions,
  type Code,
  type MarkLine,
  type NewMark,
  type RegisterPupil,
  type Session,
} from "./marks";
import { NotASchool, NotSaved, totalsPath, useSchool } from "./shared";

type Register = Schemas["SchoolRegisterView"];

export function SchoolRegisterPage({ settingId }: { settingId: string }) {
  const school = useSchool(settingId);
  return (
    <Page title="Register" back={{ to: setting(settingId), label: "Home" }}>
      <Loaded state={school}>
        {(view) =>
          view.kind !== "school" ? (
            <NotASchool settingId={settingId} />
          ) : tutorGroupOptions(view.structure).length === 0 ? (
            <Empty>The school has no tutor groups yet: a manager adds them on the School page.</Empty>
          ) : (
            <RegisterChoice settingId={settingId} structure={view.structure} />
          )
        }
      </Loaded>
    </Page>
  );
}

/** Which register: the tutor group (the caller's own by default), the day and the session. */
function RegisterChoice({ settingId, structure }: { settingId: string; structure: Schemas["SchoolStructure"] }) {
  const { me } = useSession();
  const clock = useClock();
  const [search] = useSearchParams();
  const [groupId, setGroupId] = useState(() => defaultTutorGroup(structure, me.userId, search.get("group")));
  // The setting's today and time of day, whatever the device's zone.
  const today = clock.today();
  const [date, setDate] = useState(today);
  const [session, setSession] = useState<Session>(() => defaultSession(wallClock(new Date(), clock.zone).time));
  const sessionName = useId();
  return (
    <>
      <div className="actions">
        <Select label="Tutor group" value={groupId} onChange={(e) => setGroupId(e.target.value)} options={tutorGroupOptions(structure)} />
        <Field label="Date" type="date" value={date} max={today} required onChange={(e) => e.target.value && setDate(e.target.value)} />
      </div>
      <fieldset>
        <legend>Session</legend>
        {SESSIONS.map((s) => (
          <Radio key={s.value} label={s.label} name={sessionName} value={s.value} checked={session === s.value} onChange={() => setSession(s.value)} />
        ))}
      </fieldset>
      <p>
        <Link to={totalsPath(settingId, groupId)}>Tutor group totals</Link>
      </p>
      {/* Another register is another sheet: nothing said about one is shown beside the next. */}
      <RegisterSheet key={`${groupId}|${date}|${session}`} settingId={settingId} groupId={groupId} date={date} session={session} />
    </>
  );
}

function RegisterSheet({ settingId, groupId, date, session }: { settingId: string; groupId: string; date: string; session: Session }) {
  const { api } = useSession();
  const queries = useQueryClient();
  const key = keys.setting(settingId, "school-register", groupId, date);
  const state = useApiQuery(key, () =>
    unwrap(api.GET("/v1/settings/{settingId}/school/registers/{tutorGroupId}", { params: { path: { settingId, tutorGroupId: groupId }, query: { date } } })),
  );
  // Out here, not in the form: each save (or loading the latest) starts a fresh form from the
  // register read again, and what was said stays.
  const save = useAction();
  const [said, setSaid] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  // Saving stays busy until the register is read again: the form on screen is spent by then.
  const [reading, setReading] = useState(false);
  const readAgain = async () => {
    setReading(true);
    await queries.refetchQueries({ queryKey: key });
    setReading(false);
    setGeneration((g) => g + 1);
  };
  const post = async (marks: NewMark[]) => {
    setSaid(null);
    const saved = await save.run(() =>
      unwrap(
        api.POST("/v1/settings/{settingId}/school/registers/{tutorGroupId}", {
          params: { path: { settingId, tutorGroupId: groupId } },
          body: { date, session, marks },
          headers: idempotencyKey(),
        }),
      ),
    );
    if (!saved) return;
    await readAgain();
    setSaid(savedWords(marks));
  };
  const loadLatest = async () => {
    await readAgain();
    save.setError(null);
    setSaid("This is the latest register: make your changes again, then save.");
  };
  const problem =
    save.error?.slug === "mark-changed" ? (
      <div className="error" role="alert">
        <p>
          <strong>A mark changed since this register loaded.</strong> Someone else marked a pupil in this session first, so nothing was saved.
        </p>
        <p className="actions">
          <button type="button" onClick={() => void loadLatest()}>
            Load the latest register
          </button>
        </p>
      </div>
    ) : (
      <ErrorBox error={save.error} />
    );
  return (
    <Loaded state={state}>
      {(sheet) =>
        sheet.pupils.length === 0 ? (
          <Empty>No pupils of {sheet.name} on the roll that day.</Empty>
        ) : (
          <MarksForm
            key={generation}
            sheet={sheet}
            session={session}
            busy={save.busy || reading}
            onSave={post}
            problem={problem}
            done={<Done message={said} />}
          />
        )
      }
    </Loaded>
  );
}

type MarksFormValues = { lines: MarkLine[] };

function MarksForm({
  sheet,
  session,
  busy,
  onSave,
  problem,
  done,
}: {
  sheet: Register;
  session: Session;
  busy: boolean;
  onSave: (marks: NewMark[]) => Promise<void>;
  problem: ReactNode;
  done: ReactNode;
}) {
  // The register as this form read it: each change is measured, and sent, against it. A
  // background read does not move it under someone's edits; a save or "Load the latest
  // register" mounts a fresh form.
  const [read] = useState(sheet);
  const { register, handleSubmit, control, getValues, setValue, setFocus } = useForm<MarksFormValues>({
    defaultValues: { lines: startLines(read.pupils, session) },
  });
  const lines = useWatch({ control, name: "lines" });
  const [check, setCheck] = useState<string | null>(null);
  const [lacking, setLacking] = useState<string[]>([]);
  const groups = codeGroups(read.codes, session);
  const meaning = new Map(read.codes.map((c) => [c.code, c.meaning]));
  const caption = `${read.name}, ${sessionWords(session)} register, ${formatWeekday(read.date)}`;

  const everyonePresent = () => {
    const filled = markEveryonePresent(read.pupils, session, getValues("lines"));
    filled.forEach((line, i) => setValue(`lines.${i}.code`, line.code, { shouldDirty: true }));
  };

  const submit = handleSubmit(async (form) => {
    const missing = missingReasons(read.pupils, session, form.lines);
    setLacking(missing.map((p) => p.childId));
    if (missing.length > 0) {
      setCheck(reasonsMissingWords(missing));
      const first = read.pupils.findIndex((p) => p.childId === missing[0]!.childId);
      setFocus(`lines.${first}.reason`);
      return;
    }
    const marks = changedLines(read.pupils, session, form.lines);
    if (marks.length === 0) {
      setCheck("No mark was chosen or changed.");
      return;
    }
    setCheck(null);
    await onSave(marks);
  });

  return (
    <form onSubmit={submit} aria-label={caption} noValidate>
      <p className="hint">
        Tutor: {read.tutorName || "not named"}. Choose each pupil&rsquo;s code; changing a mark already made needs a reason, and the mark before it is
        kept.
      </p>
      <p className="actions">
        <button type="button" onClick={everyonePresent}>
          Mark everyone not yet marked present
        </button>
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption} (scroll sideways on small screens)`}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Pupil</th>
              <th scope="col">{sessionWords(otherSession(session))}</th>
              <th scope="col">{sessionWords(session)} mark</th>
            </tr>
          </thead>
          <tbody>
            {read.pupils.map((pupil, i) => (
              <MarkRow
                key={pupil.childId}
                index={i}
                pupil={pupil}
                session={session}
                chosen={lines[i]?.code ?? ""}
                groups={groups}
                meaning={meaning}
                register={register}
                lacking={lacking.includes(pupil.childId)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <NotSaved check={check} />
      {problem}
      {/* What the last save said is stale once this attempt is refused. */}
      {check ? null : done}
      <Submit busy={busy}>Save the register</Submit>
    </form>
  );
}

function MarkRow({
  index: i,
  pupil,
  session,
  chosen,
  groups,
  meaning,
  register,
  lacking,
}: {
  index: number;
  pupil: RegisterPupil;
  session: Session;
  chosen: string;
  groups: { label: string; codes: Code[] }[];
  meaning: Map<string, string>;
  register: UseFormRegister<MarksFormValues>;
  lacking: boolean;
}) {
  const { when } = useClock();
  const id = useId();
  const name = `${pupil.firstName} ${pupil.lastName}`;
  const current = pupil[session];
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{codeWords(pupil[otherSession(session)])}</td>
      <td>
        <label className="visually-hidden" htmlFor={id}>
          {`${name}'s mark`}
        </label>
        <select id={id} {...register(`lines.${i}.code`)}>
          {/* A mark once made is amended, never taken away. */}
          {!current && <option value="">Not marked</option>}
          {groups.map((g) => (
            <optgroup key={g.label} label={g.label}>
              {g.codes.map((c) => (
                <option key={c.code} value={c.code}>
                  {codeWords(c)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {needsReason(current?.code, chosen) && (
          <Field
            label={`Reason for changing ${pupil.firstName}'s mark`}
            hint={lacking ? "Give the reason: it is kept with the change." : `Kept with the change (at most ${MAX_MARK_REASON} characters).`}
            required
            maxLength={MAX_MARK_REASON}
            autoComplete="off"
            aria-invalid={lacking || undefined}
            {...register(`lines.${i}.reason`)}
          />
        )}
        {current && current.entries.length > 0 && (
          <details>
            <summary>History</summary>
            <ol>
              {current.entries.map((e, n) => (
                <li key={n}>
                  <strong>{e.code}</strong> {meaning.get(e.code) ?? ""}, by {e.byName}, {when(e.at)}
                  {e.reason ? `. Reason: ${e.reason}` : ""}
                </li>
              ))}
            </ol>
          </details>
        )}
      </td>
    </tr>
  );
}
