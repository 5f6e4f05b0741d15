import { useForm, useWatch } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Submit, TextArea } from "../../ui/components";
import { childBase } from "./child";

type Props = { settingId: string; childId: string };

export function AttendancePage({ settingId, childId }: Props) {
  const { api } = useSession();
  const { day, time } = useClock();
  const state = useApiQuery(keys.setting(settingId, "attendance", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/attendance", { params: { path: { settingId, childId } } })),
  );
  return (
    <Page title="Attendance" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <p className="hint">Arrivals and departures appear here a little while after they happen.</p>
      <Loaded state={state}>
        {(view) => {
          const days = view.days.filter((d) => d.sessions.length > 0 || d.absence);
          return days.length === 0 ? (
            <Empty>No attendance in the last week.</Empty>
          ) : (
            <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scroll sideways on small screens)">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Arrived</th>
                    <th scope="col">Left</th>
                    <th scope="col">Collected by</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) =>
                    d.absence ? (
                      <tr key={d.date}>
                        <th scope="row">{day(d.date)}</th>
                        <td colSpan={3}>Absent: {d.absence.reason}</td>
                      </tr>
                    ) : (
                      d.sessions.map((s, i) => (
                        <tr key={`${d.date}-${i}`}>
                          <th scope="row">{day(d.date)}</th>
                          <td>{time(s.inAt)}</td>
                          <td>{s.outAt ? time(s.outAt) : "Still here"}</td>
                          <td>{s.collectedBy ? `${s.collectedBy.name} (${s.collectedBy.relationship})` : ""}</td>
                        </tr>
                      ))
                    ),
                  )}
                </tbody>
              </table>
            </div>
          );
        }}
      </Loaded>
    </Page>
  );
}

type AbsenceForm = { from: string; to: string; reason: string };

export function AbsencePage({ settingId, childId }: Props) {
  const { api } = useSession();
  const clock = useClock();
  const { register, handleSubmit, reset, control } = useForm<AbsenceForm>({ defaultValues: { from: clock.today(), to: clock.today(), reason: "" } });
  const from = useWatch({ control, name: "from" });
  const report = useAction();
  const submit = handleSubmit(async (f) => {
    const reported = await report.run(
      () => unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/absences", { params: { path: { settingId, childId } }, body: f, headers: idempotencyKey() })),
      "Thank you: the setting can see the absence on today's register.",
    );
    if (reported) reset({ ...f, reason: "" });
  });
  return (
    <Page title="Report an absence" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <form onSubmit={submit}>
        <ErrorBox error={report.error} />
        <Done message={report.done} />
        <Field label="First day" type="date" min={clock.today()} {...register("from")} required />
        <Field label="Last day" type="date" min={from} {...register("to")} required hint="At most 14 days." />
        <TextArea label="Reason" {...register("reason")} required rows={2} />
        <Submit busy={report.busy}>Report the absence</Submit>
      </form>
    </Page>
  );
}

type PermissionForm = { medicine: string; dose: string; times: string; prescribedBy: string; until: string };
const BLANK_PERMISSION = { medicine: "", dose: "", times: "", prescribedBy: "" };

/**
 * The parents' written permissions for medicines: staff may give a medicine only under one in
 * force. Each is kept apart from the child's record, and at most 20 are in force at once.
 */
export function MedicinePage({ settingId, childId }: Props) {
  const { api } = useSession();
  const clock = useClock();
  const { day } = clock;
  const state = useApiQuery(keys.setting(settingId, "medicine-permissions", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/medicine-permissions", { params: { path: { settingId, childId } } })),
  );
  const { register, handleSubmit, reset } = useForm<PermissionForm>({ defaultValues: { ...BLANK_PERMISSION, until: clock.today() } });
  const save = useAction();
  const put = (permissionId: string, body: Schemas["MedicinePermission"]) =>
    unwrap(
      api.PUT("/v1/settings/{settingId}/children/{childId}/medicine-permissions/{permissionId}", {
        params: { path: { settingId, childId, permissionId } },
        body,
      }),
    );
  const submit = handleSubmit(async (f) => {
    const listed = f.times.split(/\n|;/).map((t) => t.trim()).filter(Boolean);
    const given = await save.run(
      () => put(crypto.randomUUID(), { medicine: f.medicine, dose: f.dose, times: listed, prescribedBy: f.prescribedBy, until: f.until }),
      "Permission given: staff can now record doses of it.",
    );
    if (given) reset({ ...BLANK_PERMISSION, until: f.until });
  });
  const withdraw = (p: Schemas["MedicinePermissionView"]) =>
    void save.run(
      () => put(p.permissionId, { medicine: p.medicine, dose: p.dose, times: p.times, prescribedBy: p.prescribedBy, until: p.until, withdrawn: true }),
      `Permission for ${p.medicine} withdrawn.`,
    );
  return (
    <Page title="Medicine permissions" back={{ to: `${childBase(settingId, childId)}/journal`, label: "Journal" }}>
      <Loaded state={state}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>You have not given permission for any medicine.</Empty>
          ) : (
            <ul aria-label="Permissions">
              {page.items.map((p) => (
                <li key={p.permissionId}>
                  <strong>{p.medicine}</strong>, {p.dose} ({p.times.join("; ")}), prescribed by {p.prescribedBy}: {day(p.givenOn)} to {day(p.until)}
                  {p.withdrawn ? " (withdrawn)" : p.current ? "" : " (not in force)"}{" "}
                  {p.current && (
                    <button type="button" className="danger" onClick={() => withdraw(p)} disabled={save.busy}>
                      Withdraw
                    </button>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      <h2>Give permission for a medicine</h2>
      <form onSubmit={submit}>
        <ErrorBox error={save.error} />
        <Done message={save.done} />
        <Field label="Medicine" {...register("medicine")} required />
        <Field label="Dose" hint='As the label or prescription says, for example "5 ml".' {...register("dose")} required />
        <TextArea label="When it may be given" hint='One per line, for example "12:00" or "when wheezy, at most every 4 hours".' {...register("times")} required rows={2} />
        <Field label="Prescribed by" hint='"Not prescribed" for a medicine bought over the counter.' {...register("prescribedBy")} required />
        <Field label="Last day it covers" type="date" min={clock.today()} {...register("until")} required />
        <Submit busy={save.busy}>Give permission</Submit>
      </form>
    </Page>
  );
}
