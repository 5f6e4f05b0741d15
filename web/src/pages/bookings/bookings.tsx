import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { Link } from "react-router";
import { idempotencyKey, unwrap, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { setting } from "../../routes";
import { useClock, useSession } from "../../session";
import { useAction } from "../../ui/hooks";
import { Checkbox, Done, Empty, ErrorBox, Field, Loaded, Page, Select, Submit } from "../../ui/components";
import { useRooms } from "../staff/shared";
import { useChild } from "../parent/child";
import { BillingSection } from "./billing";
import {
  changeWords,
  pounds,
  claimStatusWords,
  deliveryWords,
  monthWords,
  needsCode,
  pence,
  priceWords,
  shiftMonth,
  statusWords,
  STREAMS,
  WEEKDAY_NAMES,
  WEEKDAYS,
  type Weekday,
} from "./words";

type Setup = Schemas["Setup"];
type Session = Schemas["SessionType"];

function useSetup(settingId: string) {
  const { api } = useSession();
  return useApiQuery(keys.setting(settingId, "booking-setup"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/booking-setup", { params: { path: { settingId } } })),
  );
}

/** The setup with every optional part filled in. */
type FullSetup = Required<Setup>;
function full(setup: Setup): FullSetup {
  return { termTimeOnly: false, terms: [], closures: [], capacities: {}, noticeDays: 0, extras: [], invoiceFrom: "bookings", ...setup };
}

/** The whole setup as the API takes it back (every session keeps its id). */
function asBody(setup: FullSetup): Schemas["NewSetup"] {
  return {
    sessions: setup.sessions.map((s) => ({ sessionTypeId: s.sessionTypeId, name: s.name, starts: s.starts, ends: s.ends, price: s.price, rooms: s.rooms })),
    termTimeOnly: setup.termTimeOnly,
    terms: setup.terms,
    closures: setup.closures,
    capacities: setup.capacities,
    // Kept as they are: saving the sessions never drops the extras families opted into.
    extras: setup.extras.map(({ extraId, kind, name, pence, days }) => ({ extraId, kind, name, pence, days })),
    noticeDays: setup.noticeDays,
    invoiceFrom: setup.invoiceFrom,
  };
}

/** The managers' sessions, terms, closures, capacities, notice and what invoices charge: each change saves the whole setup. */
export function BookingSetupPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const setup = useSetup(settingId);
  const save = useAction();
  const put = (version: number, body: Schemas["NewSetup"], success: string) =>
    save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/booking-setup", {
            params: { path: { settingId }, header: { "If-Match": `"${version}"` } },
            body,
          }),
        ),
      success,
    );
  return (
    <Page title="Sessions and terms" back={{ to: setting(settingId, "/bookings"), label: "Bookings" }}>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Loaded state={setup}>
        {(loaded) => {
          const s = { version: loaded.version, setup: full(loaded.setup) };
          return (
          <>
            <h2>Sessions</h2>
            {s.setup.sessions.length === 0 ? (
              <Empty>No sessions yet: add the first below.</Empty>
            ) : (
              <ul className="cards">
                {s.setup.sessions.map((x) => (
                  <li key={x.sessionTypeId} className="card" aria-label={x.name}>
                    <strong>{x.name}</strong> {x.starts}–{x.ends}, {priceWords(x.price)}
                    <p className="actions">
                      <button
                        type="button"
                        disabled={save.busy}
                        onClick={() =>
                          void put(s.version, asBody({ ...s.setup, sessions: s.setup.sessions.filter((o) => o.sessionTypeId !== x.sessionTypeId) }), `${x.name} removed.`)
                        }
                      >
                        Remove {x.name}
                      </button>
                    </p>
                  </li>
                ))}
              </ul>
            )}
            <NewSessionForm key={`session-${s.version}`} onAdd={(session) => put(s.version, { ...asBody(s.setup), sessions: [...asBody(s.setup).sessions, session] }, `${session.name} added.`)} busy={save.busy} />
            <RulesForm key={`rules-${s.version}`} settingId={settingId} setup={s.setup} busy={save.busy} onSave={(rules) => put(s.version, { ...asBody(s.setup), ...rules }, "Saved.")} />
            <InvoiceBasisForm key={`invoices-${s.version}`} current={s.setup.invoiceFrom} busy={save.busy} onSave={(invoiceFrom) => put(s.version, { ...asBody(s.setup), invoiceFrom }, "Saved.")} />
            <h2>Closures</h2>
            <ul>
              {s.setup.closures.map((c) => (
                <li key={c.date}>
                  {c.date}: {c.reason}{" "}
                  <button type="button" disabled={save.busy} onClick={() => void put(s.version, asBody({ ...s.setup, closures: s.setup.closures.filter((o) => o.date !== c.date) }), "Closure removed.")}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <ClosureForm key={`closure-${s.version}`} busy={save.busy} onAdd={(c) => put(s.version, asBody({ ...s.setup, closures: [...s.setup.closures, c] }), "Closure added.")} />
            <h2>Terms</h2>
            <ul>
              {s.setup.terms.map((t) => (
                <li key={t.starts}>
                  {t.name}: {t.starts} to {t.ends}{" "}
                  <button type="button" disabled={save.busy} onClick={() => void put(s.version, asBody({ ...s.setup, terms: s.setup.terms.filter((o) => o.starts !== t.starts) }), "Term removed.")}>
                    Remove
                  </button>
                </li>
              ))}
            </ul>
            <TermForm key={`term-${s.version}`} busy={save.busy} onAdd={(t) => put(s.version, asBody({ ...s.setup, terms: [...s.setup.terms, t] }), "Term added.")} />
            <h2>Extras</h2>
            <p className="hint">Meals, consumables and activities families may opt into (each child&rsquo;s page says who did): charged once on each of its days a child is booked.</p>
            {s.setup.extras.length === 0 ? (
              <Empty>No extras offered.</Empty>
            ) : (
              <ul>
                {s.setup.extras.map((e) => (
                  <li key={e.extraId}>
                    {e.name} ({EXTRA_KINDS[e.kind as ExtraKind] ?? e.kind}): {pounds(e.pence)} on {e.days.map((d) => WEEKDAY_NAMES[d]).join(", ")}{" "}
                    <button type="button" disabled={save.busy} onClick={() => void put(s.version, { ...asBody(s.setup), extras: asBody(s.setup).extras?.filter((o) => o.extraId !== e.extraId) }, `${e.name} removed.`)}>
                      Remove {e.name}
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <ExtraOfferForm key={`extra-${s.version}`} busy={save.busy} onAdd={(e) => put(s.version, { ...asBody(s.setup), extras: [...(asBody(s.setup).extras ?? []), e] }, `${e.name} added.`)} />
          </>
          );
        }}
      </Loaded>
    </Page>
  );
}

type SessionForm = { name: string; starts: string; ends: string; per: "session" | "hour"; price: string };

function NewSessionForm({ onAdd, busy }: { onAdd: (s: Schemas["NewSessionType"]) => Promise<unknown>; busy: boolean }) {
  const { register, handleSubmit, setError, formState } = useForm<SessionForm>({ defaultValues: { starts: "08:00", ends: "13:00", per: "session" } });
  const add = handleSubmit(async (f) => {
    const amount = pence(f.price);
    if (amount === null) return setError("price", { message: "Give the price in pounds, such as 32 or 6.50" });
    await onAdd({ name: f.name, starts: f.starts, ends: f.ends, price: { per: f.per, pence: amount }, rooms: [] });
  });
  return (
    <form onSubmit={add} aria-label="Add a session">
      <h3>Add a session</h3>
      <Field label="Name" required maxLength={60} {...register("name", { required: true })} />
      <Field label="Starts" type="time" required {...register("starts", { required: true })} />
      <Field label="Ends" type="time" required {...register("ends", { required: true })} />
      <Select label="Priced" options={[{ value: "session", label: "by the session" }, { value: "hour", label: "by the hour" }]} {...register("per")} />
      <Field label="Price (£)" inputMode="decimal" required {...register("price", { required: true })} hint={formState.errors.price?.message} />
      <Submit busy={busy}>Add the session</Submit>
    </form>
  );
}

type RulesFormValues = { noticeDays: number; termTimeOnly: boolean; capacities: Record<string, string> };

function RulesForm({ settingId, setup, busy, onSave }: { settingId: string; setup: FullSetup; busy: boolean; onSave: (r: Pick<Setup, "noticeDays" | "termTimeOnly" | "capacities">) => Promise<unknown> }) {
  const rooms = useRooms(settingId);
  const capacities = Object.fromEntries(Object.entries(setup.capacities).map(([room, n]) => [room, String(n)]));
  const { register, handleSubmit } = useForm<RulesFormValues>({ defaultValues: { noticeDays: setup.noticeDays, termTimeOnly: setup.termTimeOnly, capacities } });
  const save = handleSubmit((f) =>
    onSave({
      noticeDays: Number(f.noticeDays),
      termTimeOnly: f.termTimeOnly,
      capacities: Object.fromEntries(Object.entries(f.capacities ?? {}).filter(([, n]) => n !== "" && n !== undefined).map(([room, n]) => [room, Number(n)])),
    }),
  );
  return (
    <form onSubmit={save} aria-label="Notice and capacity">
      <h2>Notice and capacity</h2>
      <p>Changes asked at least this many days ahead are booked at once when the room has space; others wait for a manager.</p>
      <Field label="Notice (days)" type="number" min={0} max={60} required {...register("noticeDays", { required: true })} />
      <Checkbox label="Open in term time only" {...register("termTimeOnly")} />
      <Loaded state={rooms}>
        {(list) => (
          <fieldset>
            <legend>Children each room holds at once</legend>
            {list.map((r) => (
              <Field key={r.id} label={r.name} type="number" min={1} max={300} {...register(`capacities.${r.id}`)} />
            ))}
          </fieldset>
        )}
      </Loaded>
      <Submit busy={busy}>Save notice and capacity</Submit>
    </form>
  );
}

type InvoiceBasis = Schemas["InvoiceBasis"];
const INVOICE_BASES: Record<InvoiceBasis, string> = {
  bookings: "The sessions booked",
  attendance: "The sessions attended (from the register)",
};

/** What the month's invoices charge: the sessions booked, or those the register says the child attended. */
function InvoiceBasisForm({ current, busy, onSave }: { current: InvoiceBasis; busy: boolean; onSave: (basis: InvoiceBasis) => Promise<unknown> }) {
  const { register, handleSubmit } = useForm<{ invoiceFrom: InvoiceBasis }>({ defaultValues: { invoiceFrom: current } });
  return (
    <form onSubmit={handleSubmit((f) => onSave(f.invoiceFrom))} aria-label="What invoices charge">
      <h2>What invoices charge</h2>
      <p>Invoices now charge {(INVOICE_BASES[current] ?? current).toLowerCase()}.</p>
      <Select
        label="Invoices charge"
        hint="From the bookings, a month can be invoiced once it has begun. From the register, a month is invoiced once it is over."
        options={(Object.keys(INVOICE_BASES) as InvoiceBasis[]).map((b) => ({ value: b, label: INVOICE_BASES[b] }))}
        {...register("invoiceFrom")}
      />
      <Submit busy={busy}>Save how invoices charge</Submit>
    </form>
  );
}

function ClosureForm({ busy, onAdd }: { busy: boolean; onAdd: (c: Schemas["Closure"]) => Promise<unknown> }) {
  const { register, handleSubmit } = useForm<Schemas["Closure"]>();
  return (
    <form onSubmit={handleSubmit((c) => onAdd(c))} aria-label="Add a closure">
      <Field label="Closed on" type="date" required {...register("date", { required: true })} />
      <Field label="Why" required maxLength={60} {...register("reason", { required: true })} />
      <Submit busy={busy}>Add the closure</Submit>
    </form>
  );
}

function TermForm({ busy, onAdd }: { busy: boolean; onAdd: (t: Schemas["Term"]) => Promise<unknown> }) {
  const { register, handleSubmit } = useForm<Schemas["Term"]>();
  return (
    <form onSubmit={handleSubmit((t) => onAdd(t))} aria-label="Add a term">
      <Field label="Term" required maxLength={60} {...register("name", { required: true })} />
      <Field label="First day" type="date" required {...register("starts", { required: true })} />
      <Field label="Last day" type="date" required {...register("ends", { required: true })} />
      <Submit busy={busy}>Add the term</Submit>
    </form>
  );
}

type ExtraKind = "food" | "consumables" | "activities";
const EXTRA_KINDS: Record<ExtraKind, string> = { food: "food", consumables: "consumables", activities: "an activity" };
type ExtraFields = { kind: ExtraKind; name: string; price: string; days: Weekday[] };

function ExtraOfferForm({ busy, onAdd }: { busy: boolean; onAdd: (e: Schemas["NewExtra"]) => Promise<unknown> }) {
  const { register, handleSubmit, setError, formState } = useForm<ExtraFields>({ defaultValues: { kind: "food", days: [...WEEKDAYS] } });
  const add = (f: ExtraFields) => {
    const amount = pence(f.price);
    if (amount === null || amount === 0) {
      setError("price", { message: "A price in pounds, such as 3.50." });
      return;
    }
    return onAdd({ kind: f.kind, name: f.name, pence: amount, days: f.days ?? [] });
  };
  return (
    <form onSubmit={handleSubmit(add)} aria-label="Add an extra">
      <Select label="Kind" options={(Object.keys(EXTRA_KINDS) as ExtraKind[]).map((k) => ({ value: k, label: k === "activities" ? "Activity" : k === "food" ? "Food" : "Consumables" }))} {...register("kind")} />
      <Field label="Extra" required maxLength={60} {...register("name", { required: true })} />
      <Field label="Price a day (£)" required inputMode="decimal" aria-invalid={formState.errors.price ? true : undefined} {...register("price", { required: true })} />
      {formState.errors.price && <p className="error">{formState.errors.price.message}</p>}
      <fieldset>
        <legend>Offered on</legend>
        {WEEKDAYS.map((d) => (
          <Checkbox key={d} label={WEEKDAY_NAMES[d]} value={d} {...register("days")} />
        ))}
      </fieldset>
      <Submit busy={busy}>Add the extra</Submit>
    </form>
  );
}

/** The managers' list of changes that wait, each approved or declined with a note the family reads. */
export function BookingRequestsPage({ settingId }: { settingId: string }) {
  const { api } = useSession();
  const { day } = useClock();
  const waiting = useApiQuery(keys.setting(settingId, "booking-requests"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/booking-requests", { params: { path: { settingId } } })),
  );
  return (
    <Page title="Bookings">
      <p>
        <Link to={setting(settingId, "/bookings/setup")}>Sessions, terms, closures and capacity</Link>
      </p>
      <h2>Waiting for a decision</h2>
      <Loaded state={waiting}>
        {(list) =>
          list.items.length === 0 ? (
            <Empty>Nothing waits.</Empty>
          ) : (
            <ul className="cards">
              {list.items.map((w) => (
                <li key={w.requestId} className="card" aria-label={`${w.childName}: ${changeWords(w)} on ${day(w.date)}`}>
                  <strong>{w.childName}</strong>: {changeWords(w)} on {day(w.date)}
                  <p>
                    {statusWords(w)}. Asked by {w.requestedByName}. {w.roomName}: {w.occupancy} booked then
                    {w.capacity ? ` of ${w.capacity}` : " (no capacity recorded)"}.
                  </p>
                  <DecisionForm settingId={settingId} waiting={w} />
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Page>
  );
}

function DecisionForm({ settingId, waiting: w }: { settingId: string; waiting: Schemas["WaitingView"] }) {
  const { api } = useSession();
  const decide = useAction();
  const [note, setNote] = useState("");
  const answer = (approve: boolean) =>
    void decide.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/booking-requests/{date}/{requestId}/decision", {
            params: { path: { settingId, date: w.date, requestId: w.requestId } },
            body: note.trim() ? { approve, note: note.trim() } : { approve },
            headers: idempotencyKey(),
          }),
        ),
      approve ? "Approved: it is booked." : "Declined.",
    );
  return (
    <div>
      <ErrorBox error={decide.error} />
      <Field label="Note for the family" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} />
      <p className="actions">
        <button type="button" disabled={decide.busy} onClick={() => answer(true)}>
          Approve
        </button>
        <button type="button" disabled={decide.busy} onClick={() => answer(false)}>
          Decline
        </button>
      </p>
    </div>
  );
}

/** One child's month: what they are booked into each day, the family's changes, and (managers) the weekly pattern. */
export function ChildBookingsPage({ settingId, childId }: { settingId: string; childId: string }) {
  const { api, me } = useSession();
  const { day } = useClock();
  const role = me.memberships.find((m) => m.settingId === settingId)?.role;
  const child = useChild(settingId, childId);
  const [month, setMonth] = useState<string | undefined>(undefined);
  const bookings = useApiQuery(keys.setting(settingId, "bookings", childId, month ?? "now"), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/bookings", { params: { path: { settingId, childId }, query: month ? { month } : {} } })),
  );
  const change = useAction();
  const may = role === "parent" || role === "manager";
  const ask = (date: string, sessionTypeId: string, kind: "extra" | "cancel") =>
    change.run(
      () =>
        unwrap(
          api.POST("/v1/settings/{settingId}/children/{childId}/booking-requests", {
            params: { path: { settingId, childId } },
            body: { date, sessionTypeId, change: kind },
            headers: idempotencyKey(),
          }),
        ),
    );
  const name = child.data?.firstName ?? "Child";
  return (
    <Page title={`${name}'s bookings`} back={{ to: setting(settingId, `/children/${encodeURIComponent(childId)}${role === "manager" ? "/manage" : ""}`), label: name }}>
      <ErrorBox error={change.error} />
      <Loaded state={bookings}>
        {(b) => (
          <>
            <p className="actions">
              <button type="button" onClick={() => setMonth(shiftMonth(b.month, -1))}>
                Earlier month
              </button>
              <strong aria-live="polite">{monthWords(b.month)}</strong>
              <button type="button" onClick={() => setMonth(shiftMonth(b.month, 1))}>
                Later month
              </button>
            </p>
            {may && b.offered.length > 0 && <ExtraForm offered={b.offered} today={b.today} noticeDays={b.noticeDays} onAsk={(d, s) => ask(d, s, "extra")} busy={change.busy} />}
            <ul className="cards">
              {b.days
                .filter((d) => d.sessions.length > 0 || d.changes.length > 0 || d.opening.state === "closed")
                .map((d) => (
                  <li key={d.date} className="card" aria-label={day(d.date)}>
                    <strong>{day(d.date)}</strong>
                    {d.opening.state === "closed" && <p>Closed: {d.opening.reason}</p>}
                    <ul>
                      {d.sessions.map((s) => (
                        <li key={s.sessionTypeId}>
                          {s.name} {s.starts}–{s.ends}
                          {s.source === "extra" ? " (extra)" : ""}{" "}
                          {may && d.date >= b.today && (
                            <button type="button" disabled={change.busy} onClick={() => void ask(d.date, s.sessionTypeId, "cancel")}>
                              Cancel {s.name}
                            </button>
                          )}
                        </li>
                      ))}
                    </ul>
                    {d.changes.map((c) => (
                      <p key={c.requestId}>
                        {changeWords(c)}: {statusWords(c)}
                        {c.note ? ` (“${c.note}”)` : ""}
                      </p>
                    ))}
                  </li>
                ))}
            </ul>
            {(role === "manager" || role === "parent") && <FundingSection settingId={settingId} childId={childId} manager={role === "manager"} />}
            {(role === "manager" || role === "parent") && <BillingSection settingId={settingId} childId={childId} manager={role === "manager"} />}
            {role === "manager" && <PatternForm key={b.patterns.length} settingId={settingId} childId={childId} offered={b.offered} today={b.today} current={b.patterns.at(-1)} />}
            {b.patterns.length > 0 && (
              <p>
                Regular week from {day(b.patterns.at(-1)!.starts)}:{" "}
                {WEEKDAYS.map((w) => `${WEEKDAY_NAMES[w]} ${sessionNames(b.offered, b.patterns.at(-1)!.week[w] ?? []) || "none"}`).join("; ")}.
              </p>
            )}
          </>
        )}
      </Loaded>
    </Page>
  );
}

function sessionNames(offered: Session[], ids: string[]): string {
  return ids.map((id) => offered.find((s) => s.sessionTypeId === id)?.name ?? id).join(" and ");
}

function ExtraForm({ offered, today, noticeDays, onAsk, busy }: { offered: Session[]; today: string; noticeDays: number; onAsk: (date: string, session: string) => Promise<unknown>; busy: boolean }) {
  const { register, handleSubmit, reset } = useForm<{ date: string; session: string }>({ defaultValues: { session: offered[0]?.sessionTypeId } });
  return (
    <form onSubmit={handleSubmit(async (f) => { await onAsk(f.date, f.session); reset({ date: "", session: f.session }); })} aria-label="Ask for an extra session">
      <h2>Ask for an extra session</h2>
      <p>With {noticeDays} days' notice and room in the session it is booked at once; otherwise a manager decides and you are emailed.</p>
      <Field label="Day" type="date" min={today} required {...register("date", { required: true })} />
      <Select label="Session" options={offered.map((s) => ({ value: s.sessionTypeId, label: `${s.name} ${s.starts}–${s.ends}, ${priceWords(s.price)}` }))} {...register("session")} />
      <Submit busy={busy}>Ask for it</Submit>
    </form>
  );
}

function PatternForm({ settingId, childId, offered, today, current }: { settingId: string; childId: string; offered: Session[]; today: string; current?: Schemas["Pattern"] }) {
  const { api } = useSession();
  const save = useAction();
  const defaults: Record<string, boolean> = {};
  for (const w of WEEKDAYS) for (const s of offered) defaults[`${w}:${s.sessionTypeId}`] = (current?.week[w] ?? []).includes(s.sessionTypeId);
  const { register, handleSubmit } = useForm<{ starts: string; picked: Record<string, boolean> }>({ defaultValues: { starts: today, picked: defaults } });
  const submit = handleSubmit((f) => {
    const week: Record<Weekday, string[]> = { monday: [], tuesday: [], wednesday: [], thursday: [], friday: [] };
    for (const w of WEEKDAYS) week[w] = offered.filter((s) => f.picked[`${w}:${s.sessionTypeId}`]).map((s) => s.sessionTypeId);
    return save.run(
      () => unwrap(api.PUT("/v1/settings/{settingId}/children/{childId}/booking-pattern", { params: { path: { settingId, childId } }, body: { starts: f.starts, week } })),
      "The regular week is saved.",
    );
  });
  return (
    <form onSubmit={submit} aria-label="Regular week">
      <h2>Regular week</h2>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Field label="From" type="date" min={today} required {...register("starts", { required: true })} />
      {WEEKDAYS.map((w) => (
        <fieldset key={w}>
          <legend>{WEEKDAY_NAMES[w]}</legend>
          {offered.map((s) => (
            <Checkbox key={s.sessionTypeId} label={`${s.name} (${WEEKDAY_NAMES[w]})`} {...register(`picked.${w}:${s.sessionTypeId}`)} />
          ))}
        </fieldset>
      ))}
      <Submit busy={save.busy}>Save the regular week</Submit>
    </form>
  );
}



/** The child's funded hours: each entitlement, where it stands and when its code is due; managers record them. */
function FundingSection({ settingId, childId, manager }: { settingId: string; childId: string; manager: boolean }) {
  const { api } = useSession();
  const { day } = useClock();
  const funding = useApiQuery(keys.setting(settingId, "funding", childId), () =>
    unwrap(api.GET("/v1/settings/{settingId}/children/{childId}/funding", { params: { path: { settingId, childId } } })),
  );
  const save = useAction();
  // A parent without parental responsibility is not shown the codes (the API says 403).
  if (funding.error?.status === 403) return null;
  const put = (version: number, claims: Schemas["Claim"][], success: string) =>
    save.run(
      () =>
        unwrap(
          api.PUT("/v1/settings/{settingId}/children/{childId}/funding", {
            params: { path: { settingId, childId }, header: { "If-Match": `"${version}"` } },
            body: { claims },
          }),
        ),
      success,
    );
  return (
    <section aria-labelledby="funding-heading">
      <h2 id="funding-heading">Funded hours</h2>
      <ErrorBox error={save.error} />
      <Done message={save.done} />
      <Loaded state={funding}>
        {(f) => {
          const claims: Schemas["Claim"][] = f.claims.map(({ stream, delivery, code, validFrom, validTo, reconfirmBy, graceUntil }) => ({
            stream,
            delivery,
            code,
            validFrom,
            validTo,
            reconfirmBy,
            graceUntil,
          }));
          return (
            <>
              {f.claims.length === 0 ? (
                <Empty>No funded hours recorded.</Empty>
              ) : (
                <ul className="cards">
                  {f.claims.map((c, i) => (
                    <li key={c.stream} className="card" aria-label={STREAMS[c.stream]}>
                      <strong>{STREAMS[c.stream]}</strong>: {c.hoursAYear.toLocaleString("en-GB")} hours a year, {deliveryWords(c.delivery)}, from {day(c.validFrom)}
                      {c.validTo ? ` to ${day(c.validTo)}` : ""}.
                      <p>{claimStatusWords(c.status)}.</p>
                      {c.reconfirmBy && (
                        <p>
                          Code {c.code}: reconfirm with HMRC by {day(c.reconfirmBy)}
                          {c.graceUntil ? ` (otherwise funded until ${day(c.graceUntil)})` : ""}.
                        </p>
                      )}
                      {manager && (
                        <button type="button" disabled={save.busy} onClick={() => void put(f.version, claims.filter((_, j) => j !== i), "Removed.")}>
                          Remove
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {manager && <ClaimForm key={f.version} busy={save.busy} onAdd={(c) => put(f.version, [...claims, c], "Saved.")} />}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

type ClaimFormValues = {
  stream: Schemas["FundingStream"];
  taken: "term-time" | "stretched";
  weeks: number;
  code: string;
  validFrom: string;
  validTo: string;
  reconfirmBy: string;
  graceUntil: string;
};

function ClaimForm({ busy, onAdd }: { busy: boolean; onAdd: (c: Schemas["Claim"]) => Promise<unknown> }) {
  const { register, handleSubmit, control } = useForm<ClaimFormValues>({ defaultValues: { stream: "universal", taken: "term-time", weeks: 51 } });
  const stream = useWatch({ control, name: "stream" });
  const taken = useWatch({ control, name: "taken" });
  const add = handleSubmit((f) => {
    const coded = needsCode(f.stream);
    return onAdd({
      stream: f.stream,
      delivery: f.taken === "term-time" ? { taken: "term-time" } : { taken: "stretched", weeks: Number(f.weeks) },
      validFrom: f.validFrom,
      validTo: f.validTo || undefined,
      code: coded ? f.code : undefined,
      reconfirmBy: coded ? f.reconfirmBy : undefined,
      graceUntil: coded ? f.graceUntil : undefined,
    });
  });
  return (
    <form onSubmit={add} aria-label="Add funded hours">
      <h3>Add funded hours</h3>
      <Select label="Entitlement" options={Object.entries(STREAMS).map(([value, label]) => ({ value, label }))} {...register("stream")} />
      <Select
        label="Taken"
        options={[
          { value: "term-time", label: "in term time (38 weeks)" },
          { value: "stretched", label: "stretched over more weeks" },
        ]}
        {...register("taken")}
      />
      {taken === "stretched" && <Field label="Weeks" type="number" min={39} max={51} required {...register("weeks", { required: true })} />}
      <Field label="From" type="date" required {...register("validFrom", { required: true })} />
      <Field label="Until (optional)" type="date" {...register("validTo")} />
      {needsCode(stream) && (
        <>
          <Field label="Eligibility code" inputMode="numeric" required pattern="[0-9 ]{11,14}" {...register("code", { required: true })} />
          <Field label="Reconfirm by" type="date" required {...register("reconfirmBy", { required: true })} />
          <Field label="Grace period ends" type="date" required {...register("graceUntil", { required: true })} />
        </>
      )}
      <Submit busy={busy}>Add the funded hours</Submit>
    </form>
  );
}
