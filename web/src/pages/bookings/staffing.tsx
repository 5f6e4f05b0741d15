// Next week's staffing: each room's hours with the children booked in, the staff the EYFS ratios
// need and (once recorded) the staff on the rota; and the rota itself, shift by shift.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { loadStaff } from "../manager/common";
import { hourWords, WEEKDAY_NAMES, WEEKDAYS, type Weekday } from "./words";

type Staffing = Schemas["StaffingView"];
type Shift = Schemas["Shift"];

export function StaffingPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const [week, setWeek] = useState<string | undefined>(undefined);
  const staffing = useApiQuery(keys.setting(settingId, "staffing", week ?? "next"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/staffing", { params: { path: { settingId }, query: week ? { week } : {} } })),
  );
  return (
    <Page title="Staffing">
      <p>
        Each room's hours in the week: the children booked in, the staff the EYFS ratios need for them (with a graduate in the room, from
        08:00 to 16:00, three-and-overs need fewer) and, once the rota is recorded, who is on it.
      </p>
      <Loaded state={staffing}>
        {(s) => (
          <>
            <p className="actions">
              <button type="button" onClick={() => setWeek(shiftWeek(s.week, -7))}>
                Week before
              </button>
              <strong aria-live="polite">Week of {s.week}</strong>
              <button type="button" onClick={() => setWeek(shiftWeek(s.week, 7))}>
                Week after
              </button>
            </p>
            {s.rooms.map((room) => (
              <RoomTable key={room.roomId} room={room} />
            ))}
            {/* Keyed by the week only: a new version after a save keeps the "Shift added." message. */}
            <RotaEditor key={s.week} settingId={settingId} staffing={s} />
          </>
        )}
      </Loaded>
    </Page>
  );
}

function shiftWeek(monday: string, days: number): string {
  const d = new Date(`${monday}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function RoomTable({ room }: { room: Staffing["rooms"][number] }) {
  const hours = room.days.find((d) => d.hours.length > 0)?.hours.map((h) => `${h.starts}–${h.ends}`) ?? [];
  if (hours.length === 0) return null;
  const caption = `${room.name}: children booked, staff needed and on the rota`;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={`${caption} (scroll sideways on small screens)`}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Hour</th>
            {room.days.map((d) => (
              <th key={d.date} scope="col">
                {WEEKDAY_NAMES[d.day as Weekday]} {d.date.slice(8)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {hours.map((label, i) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {room.days.map((d) => {
                const h = d.hours[i];
                if (!h) return <td key={d.date}>{d.opening.state === "closed" ? "Closed" : "–"}</td>;
                return (
                  <td key={d.date} className={h.short ? "short" : undefined}>
                    {hourWords(h)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type ShiftForm = { userId: string; roomId: string; day: Weekday; starts: string; ends: string };

function RotaEditor({ settingId, staffing: s }: { settingId: string; staffing: Staffing }) {
  const { api } = useSession();
  const save = useAction();
  const staff = useApiQuery(keys.setting(settingId, "staff"), () => loadStaff(api, settingId));
  const { register, handleSubmit } = useForm<ShiftForm>({ defaultValues: { day: "monday", starts: "08:00", ends: "13:00", roomId: s.rooms[0]?.roomId } });
  const current: Shift[] = s.rota.shifts.map(({ userId, roomId, day, starts, ends }) => ({ userId, roomId, day, starts, ends }));
  const put = (shifts: Shift[], success: string) =>
    save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/rota/{week}", {
            params: { path: { settingId, week: s.week }, header: { "If-Match": `"${s.rota.version}"` } },
            body: { shifts },
          }),
        ),
      success,
    );
  const roomName = (id: string) => s.rooms.find((r) => r.roomId === id)?.name ?? id;
  return (
    <section aria-labelledby="rota-heading">
      <h2 id="rota-heading">Rota for the week of {s.week}</h2>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      {s.rota.shifts.length === 0 ? (
        <Empty>No rota recorded for this week.</Empty>
      ) : (
        <ul>
          {s.rota.shifts.map((x, i) => (
            <li key={`${x.userId}-${x.day}-${x.starts}`}>
              {x.name}: {roomName(x.roomId)}, {WEEKDAY_NAMES[x.day as Weekday]} {x.starts}–{x.ends}{" "}
              <button type="button" disabled={save.busy} onClick={() => void put(current.filter((_, j) => j !== i), "Shift removed.")}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <Loaded state={staff}>
        {(people) => (
          <form onSubmit={handleSubmit((f) => put([...current, f], "Shift added."))} aria-label="Add a shift">
            <Select
              label="Who"
              options={people.filter((p) => p.status === "active").map((p) => ({ value: p.userId, label: p.name }))}
              {...register("userId", { required: true })}
            />
            <Select label="Room" options={s.rooms.map((r) => ({ value: r.roomId, label: r.name }))} {...register("roomId", { required: true })} />
            <Select label="Day" options={WEEKDAYS.map((d) => ({ value: d, label: WEEKDAY_NAMES[d] }))} {...register("day")} />
            <Field label="Starts" type="time" required {...register("starts", { required: true })} />
            <Field label="Ends" type="time" required {...register("ends", { required: true })} />
            <Submit busy={save.busy}>Add the shift</Submit>
          </form>
        )}
      </Loaded>
    </section>
  );
}


