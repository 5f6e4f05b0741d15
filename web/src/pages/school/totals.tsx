// A tutor group's totals for staff (linked from its register): each pupil's attendance and
// points over a range (this term so far unless another is chosen), and the group's.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { Field, Loaded, Page, Submit } from "../../ui/components";
import { percentWords } from "./marks";
import { registerPath } from "./shared";

type Range = { from: string; to: string };

export function TutorGroupTotalsPage({ settingId, tutorGroupId }: { settingId: string; tutorGroupId: string }) {
  const { api } = useSession();
  const { day, today } = useClock();
  // None chosen: the API's own range, this term so far.
  const [range, setRange] = useState<Range | null>(null);
  const state = useApiQuery(keys.setting(settingId, "school-totals", tutorGroupId, range?.from, range?.to), () =>
    unwrap(
      api.GET("/v1/settings/{settingId}/school/registers/{tutorGroupId}/totals", {
        params: { path: { settingId, tutorGroupId }, query: range ?? {} },
      }),
    ),
  );
  // The form starts from the first answer's range and stays while another range is read.
  const shown = range ?? (state.data ? { from: state.data.from, to: state.data.to } : null);
  return (
    <Page title="Tutor group totals" back={{ to: registerPath(settingId, tutorGroupId), label: "Register" }}>
      {shown && <RangeForm initial={shown} max={today()} onShow={setRange} />}
      <Loaded state={state}>
        {(totals) => (
          <>
            <p className="range">{`${day(totals.from)} to ${day(totals.to)}`}</p>
            <TotalsTable totals={totals} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function RangeForm({ initial, max, onShow }: { initial: Range; max: string; onShow: (range: Range) => void }) {
  const { register, handleSubmit } = useForm<Range>({ defaultValues: initial });
  return (
    <form onSubmit={handleSubmit((r) => onShow(r))} aria-label="Dates">
      <div className="actions">
        <Field label="From" type="date" max={max} required {...register("from", { required: true })} />
        <Field label="To" type="date" max={max} required {...register("to", { required: true })} />
      </div>
      <p className="hint">Within one school year (September to August).</p>
      <Submit busy={false}>Show these dates</Submit>
    </form>
  );
}

function TotalsTable({ totals }: { totals: Schemas["TutorGroupTotals"] }) {
  const caption = `${totals.name} totals`;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption} (scroll sideways on small screens)`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Pupil</th>
            <th scope="col">Attendance</th>
            <th scope="col">Sessions attended</th>
            <th scope="col">Authorised absences</th>
            <th scope="col">Unauthorised absences</th>
            <th scope="col">Achievement points</th>
            <th scope="col">Behaviour points</th>
          </tr>
        </thead>
        <tbody>
          {totals.pupils.map((p) => (
            <TotalsRow key={p.childId} name={`${p.firstName} ${p.lastName}`} totals={p} />
          ))}
        </tbody>
        <tfoot>
          <TotalsRow name={`All of ${totals.name}`} totals={totals} />
        </tfoot>
      </table>
    </div>
  );
}

function TotalsRow({ name, totals }: { name: string; totals: Pick<Schemas["PupilTotals"], "attendance" | "attendancePerMille" | "points"> }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{percentWords(totals.attendancePerMille) ?? "—"}</td>
      <td>
        {totals.attendance.attended} of {totals.attendance.possible}
      </td>
      <td>{totals.attendance.authorisedAbsences}</td>
      <td>{totals.attendance.unauthorisedAbsences}</td>
      <td>{totals.points.achievement}</td>
      <td>{totals.points.behaviour}</td>
    </tr>
  );
}
