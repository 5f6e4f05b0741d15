// The practitioner's start of the day: clocking in, today's jobs, their key children, a fault.
import { useState } from "react";
import { useForm } from "react-hook-form";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { Link } from "react-router";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { Checkbox, Done, Empty, ErrorBox, Loaded, Page, Select, Submit, TextArea } from "../../ui/components";
import { useAction, useSettingView } from "../../ui/hooks";
import { ChildLinks, useRooms } from "./shared";

export function PractitionerHome({ settingId }: { settingId: string }) {
  const { me, api } = useSession();
  // A school has its own register; observing and key children are the EYFS's, where it applies.
  const view = useSettingView(settingId);
  const school = view?.kind === "school";
  const eyfs = view?.eyfsApplies === true;
  // Its own key: the contributions page lists the pending ones 20 at a time, this counts up to 100.
  const pending = useApiQuery(keys.setting(settingId, "pending"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/contributions", { params: { path: { settingId }, query: { status: "pending", limit: 100 } } })),
  );
  const count = pending.data ? `${pending.data.items.length}${pending.data.nextCursor ? "+" : ""}` : null;
  return (
    <Page title={`Hello, ${me.name}`}>
      <Clock settingId={settingId} ratios={eyfs} />
      <section aria-labelledby="today-heading">
        <h2 id="today-heading">Today</h2>
        <ul className="cards">
          {school ? (
            <li className="card"><Link to={setting(settingId, "/school-register")}>Register</Link><p className="hint">Take a tutor group&rsquo;s register, morning and afternoon.</p></li>
          ) : (
            <li className="card"><Link to={setting(settingId, "/register")}>Register</Link><p className="hint">Sign children in and out, and check ratios.</p></li>
          )}
          {eyfs && (
            <li className="card"><Link to={setting(settingId, "/observe")}>Record an observation</Link><p className="hint">With photos or videos, for one or more children.</p></li>
          )}
          <li className="card">
            <Link to={setting(settingId, "/contributions")}>Contributions to approve</Link>
            <p className="hint">
              {count === null ? (pending.error ? "Could not count them." : "Counting…") : `${count} waiting from families.`}
            </p>
            <ErrorBox error={pending.error} />
          </li>
          {eyfs && (
            <li className="card"><Link to={setting(settingId, "/key-children")}>My key children</Link><p className="hint">Their journals, diaries and accidents.</p></li>
          )}
        </ul>
      </section>
      {eyfs && <KeyChildrenList settingId={settingId} headingLevel={2} />}
      <section aria-labelledby="fault-heading">
        <h2 id="fault-heading">Report a fault</h2>
        <FaultForm settingId={settingId} />
      </section>
    </Page>
  );
}

/**
 * Clocking in to a room (or moving to another) and out again; the state comes from the ratios,
 * read only where the EYFS applies (elsewhere the API has none: the state shows once clocked).
 */
function Clock({ settingId, ratios: withRatios }: { settingId: string; ratios: boolean }) {
  const { me, api } = useSession();
  const { time } = useClock();
  const rooms = useRooms(settingId);
  const ratios = useApiQuery(
    keys.setting(settingId, "ratios"),
    () => unwrap(api.GET("/v1/settings/{settingId}/ratios", { params: { path: { settingId } } })),
    { enabled: withRatios },
  );
  const [answer, setAnswer] = useState<Schemas["ClockView"] | null>(null);
  const clock = useAction();

  // Where I am now: the last clock answer, else the room whose staff list names me.
  let current: { roomId: string; since: string } | null = null;
  if (answer) {
    const open = answer.sessions.find((s) => !s.outAt);
    current = answer.roomId ? { roomId: answer.roomId, since: open?.inAt ?? "" } : null;
  } else if (ratios.data) {
    for (const r of ratios.data.rooms) {
      const mine = r.staff.find((s) => s.userId === me.userId);
      if (mine) current = { roomId: r.roomId, since: mine.since };
    }
  }
  const roomName = (id: string) =>
    rooms.data?.find((r) => r.id === id)?.name ?? ratios.data?.rooms.find((r) => r.roomId === id)?.roomName ?? "a room";

  const act = (body: Schemas["ClockEvent"]) =>
    clock.run(async () => {
      setAnswer(await unwrap(api.POST("/v1/settings/{settingId}/staff/me/clock", { params: { path: { settingId } }, body, headers: idempotencyKey() })));
    }, body.action === "in" ? `Clocked in to ${roomName(body.roomId ?? "")}.` : "Clocked out.");

  return (
    <section aria-labelledby="clock-heading">
      <h2 id="clock-heading">Clock in and out</h2>
      <ErrorBox error={ratios.error} />
      {ratios.data || answer ? (
        <p role="status">
          {current ? (
            <>You are clocked in to <strong>{roomName(current.roomId)}</strong>{current.since ? ` since ${time(current.since)}` : ""}.</>
          ) : (
            "You are not clocked in."
          )}
        </p>
      ) : null}
      <Loaded state={rooms}>
        {(list) =>
          list.length === 0 ? (
            <Empty>The setting has no rooms yet.</Empty>
          ) : (
            <ClockForm
              rooms={list}
              clockedIn={current !== null}
              busy={clock.busy}
              onClockIn={(roomId) => act({ action: "in", roomId })}
              onClockOut={() => act({ action: "out" })}
            />
          )
        }
      </Loaded>
      <ErrorBox error={clock.error} />
      <Done message={clock.done} />
    </section>
  );
}

type ClockFields = { roomId: string };

/** Mounted once the rooms are read, so the first room is the default. */
function ClockForm({
  rooms,
  clockedIn,
  busy,
  onClockIn,
  onClockOut,
}: {
  rooms: Schemas["RoomView"][];
  clockedIn: boolean;
  busy: boolean;
  onClockIn: (roomId: string) => Promise<unknown>;
  onClockOut: () => Promise<unknown>;
}) {
  const { register, handleSubmit } = useForm<ClockFields>({ defaultValues: { roomId: rooms[0]?.id ?? "" } });
  const submit = handleSubmit(async (f) => {
    await onClockIn(f.roomId);
  });
  return (
    <form onSubmit={submit}>
      <Select label={clockedIn ? "Move to room" : "Room"} {...register("roomId")} options={rooms.map((r) => ({ value: r.id, label: r.name }))} />
      <div className="actions">
        <Submit busy={busy}>{clockedIn ? "Move room" : "Clock in"}</Submit>
        {clockedIn && (
          <button type="button" disabled={busy} onClick={() => void onClockOut()}>
            Clock out
          </button>
        )}
      </div>
    </form>
  );
}

/** The children this member of staff is key person for, with links to their records. */
export function KeyChildrenList({ settingId, headingLevel }: { settingId: string; headingLevel: 2 | null }) {
  const { me, api } = useSession();
  const rooms = useRooms(settingId);
  const children = useApiQuery(keys.setting(settingId, "key-children", me.userId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/staff/{userId}/key-children", { params: { path: { settingId, userId: me.userId } } })),
  );
  const roomName = (id: string) => rooms.data?.find((r) => r.id === id)?.name;
  return (
    <section aria-labelledby={headingLevel ? "key-heading" : undefined}>
      {headingLevel && <h2 id="key-heading">My key children</h2>}
      <Loaded state={children}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty>You are not key person for any child{headingLevel ? "" : " at the moment"}.</Empty>
          ) : (
            <ul className="cards">
              {page.items.map((c) => {
                const name = `${c.firstName} ${c.lastName}`;
                const room = roomName(c.roomId);
                return (
                  <li key={c.childId} className="card">
                    {headingLevel ? <h3>{name}</h3> : <h2>{name}</h2>}
                    {room && <p className="hint">{room}</p>}
                    <ChildLinks settingId={settingId} childId={c.childId} name={name} />
                  </li>
                );
              })}
            </ul>
          )
        }
      </Loaded>
    </section>
  );
}

export function KeyChildrenPage({ settingId }: { settingId: string }) {
  return (
    <Page title="My key children" back={{ to: setting(settingId), label: "Home" }}>
      <p>The children you are key person for. Off the setting's premises you see only those whose families agreed to remote access.</p>
      <KeyChildrenList settingId={settingId} headingLevel={null} />
    </Page>
  );
}

type FaultFields = { description: string; privacyAffected: boolean };
const BLANK_FAULT: FaultFields = { description: "", privacyAffected: false };

/** Anyone may report a fault that may affect privacy; every manager is emailed at once. */
export function FaultForm({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { register, handleSubmit, reset } = useForm<FaultFields>({ defaultValues: BLANK_FAULT });
  const report = useAction();
  const submit = handleSubmit(async (f) => {
    const sent = await report.run(async () => {
      await unwrap(api.POST("/v1/settings/{settingId}/faults", { params: { path: { settingId } }, body: { description: f.description, privacyAffected: f.privacyAffected }, headers: idempotencyKey() }));
      return true;
    }, "Thank you: the fault is reported and the managers have been emailed.");
    if (sent) reset(BLANK_FAULT);
  });
  return (
    <form onSubmit={submit}>
      <TextArea label="What went wrong?" hint="What you saw, where and when." {...register("description")} required />
      <Checkbox label="Children's or families' privacy may be affected" {...register("privacyAffected")} />
      <ErrorBox error={report.error} />
      <Done message={report.done} />
      <Submit busy={report.busy}>Report fault</Submit>
    </form>
  );
}

export function ReportFaultPage({ settingId }: { settingId: string }) {
  return (
    <Page title="Report a fault" back={{ to: setting(settingId), label: "Home" }}>
      <p>Tell the managers about anything in Nestling that is not working or could expose children's or families' information. Every manager is emailed at once.</p>
      <FaultForm settingId={settingId} />
    </Page>
  );
}
