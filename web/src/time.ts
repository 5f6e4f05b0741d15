// Times as the setting lives them. The API stores instants (RFC 3339, UTC) and counts days in
// the setting's IANA zone; every date and time a person reads or types here is in that zone too,
// whatever zone the device is set to (a manager abroad, a tablet left on UTC).

/** A calendar day, "2026-03-29". */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** True when the runtime knows the zone (an unknown one would throw on every format). */
export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function instant(iso: string): Date | null {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The wall clock in `zone` at an instant: its day and "HH:MM". */
export function wallClock(at: Date, zone: string): { day: Day; time: string } {
  const parts = formatter(zone, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "00";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** Minutes `zone` is ahead of UTC at an instant (60 for London in summer). */
export function offsetMinutes(at: Date, zone: string): number {
  const { day, time } = wallClock(at, zone);
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  const whole = Math.floor(at.getTime() / 60_000) * 60_000;
  return Math.round((asUtc - whole) / 60_000);
}

/**
 * The instant a wall-clock time on a day names in `zone`, as RFC 3339 UTC. A time the clocks
 * skip (01:30 on the spring-forward night in London) is read with the offset before the change,
 * so it lands just after it; a time that happens twice takes the first.
 */
export function instantOf(day: Day, hhmm: string, zone: string): string {
  const naive = Date.parse(`${day}T${hhmm}:00Z`);
  if (Number.isNaN(naive)) throw new RangeError(`not a day and time: ${day} ${hhmm}`);
  const before = offsetMinutes(new Date(naive - 24 * 3_600_000), zone);
  const after = offsetMinutes(new Date(naive + 24 * 3_600_000), zone);
  // Of the offsets in force around that day, the first whose reading gives back the wall clock.
  for (const offset of [before, after]) {
    const candidate = new Date(naive - offset * 60_000);
    const back = wallClock(candidate, zone);
    if (back.day === day && back.time === hhmm) return candidate.toISOString();
  }
  return new Date(naive - before * 60_000).toISOString();
}

/** Today in `zone`. */
export function today(zone: string, now: Date = new Date()): Day {
  return wallClock(now, zone).day;
}

/** A datetime-local input's value ("2026-03-01T09:30") for an instant, in `zone`. */
export function toInput(at: Date | string, zone: string): string {
  const d = typeof at === "string" ? instant(at) : at;
  if (!d) return "";
  const { day, time } = wallClock(d, zone);
  return `${day}T${time}`;
}

/** A datetime-local input's value read in `zone`, as RFC 3339 UTC; undefined when empty or malformed. */
export function fromInput(value: string, zone: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!m) return undefined;
  try {
    return instantOf(m[1]!, m[2]!, zone);
  } catch {
    return undefined;
  }
}

/** A day `n` days after (or before) another; calendar arithmetic, no zone involved. */
export function addDays(day: Day, n: number): Day {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: Day): Day {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** "1 Mar 2026, 09:30" in `zone`. */
export function formatWhen(iso: string | null | undefined, zone: string): string {
  if (!iso) return "";
  const d = instant(iso);
  return d ? formatter(zone, { dateStyle: "medium", timeStyle: "short" }).format(d) : iso;
}

/** "1 Mar 2026": a calendar day as it is, or an instant's day in `zone`. */
export function formatDay(isoOrDay: string | null | undefined, zone: string): string {
  if (!isoOrDay) return "";
  if (/^\d{4}-\d{2}-\d{2}$/.test(isoOrDay)) {
    const d = instant(`${isoOrDay}T12:00:00Z`);
    return d ? formatter("UTC", { dateStyle: "medium" }).format(d) : isoOrDay;
  }
  const d = instant(isoOrDay);
  return d ? formatter(zone, { dateStyle: "medium" }).format(d) : isoOrDay;
}

/** "Mon 7 Dec": a calendar day with its weekday, short (a register's day). */
export function formatWeekday(day: Day): string {
  const d = instant(`${day}T12:00:00Z`);
  return d && /^\d{4}-\d{2}-\d{2}$/.test(day) ? formatter("UTC", { weekday: "short", day: "numeric", month: "short" }).format(d) : day;
}

/** "09:30" in `zone`. */
export function formatTime(iso: string | null | undefined, zone: string): string {
  if (!iso) return "";
  const d = instant(iso);
  return d ? formatter(zone, { timeStyle: "short" }).format(d) : iso;
}

/** The formatters and readers bound to one zone, as pages use them. */
export interface Clock {
  zone: string;
  when: (iso: string | null | undefined) => string;
  day: (isoOrDay: string | null | undefined) => string;
  time: (iso: string | null | undefined) => string;
  today: () => Day;
  /** "14:05" on a day, in the zone, as RFC 3339. */
  at: (day: Day, hhmm: string) => string;
  toInput: (at: Date | string) => string;
  fromInput: (value: string) => string | undefined;
}

export function clock(zone: string): Clock {
  return {
    zone,
    when: (iso) => formatWhen(iso, zone),
    day: (iso) => formatDay(iso, zone),
    time: (iso) => formatTime(iso, zone),
    today: () => today(zone),
    at: (day, hhmm) => instantOf(day, hhmm, zone),
    toInput: (at) => toInput(at, zone),
    fromInput: (value) => fromInput(value, zone),
  };
}
