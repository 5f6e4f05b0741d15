// Pieces shared by the manager screens: paging, the setting's rooms/staff/children for names
// and pickers, a two-step confirmation, and small formatters.
import { useId, useState, type ComponentProps, type ReactNode } from "react";
import { ApiError, unwrap, type Api, type Schemas } from "../../api/client";
import { keys, useApiQuery } from "../../api/queries";
import { useSession } from "../../session";

export type PageOf<T> = { items: T[]; nextCursor: string | null };
export { LoadMore } from "../../ui/paging";

/** A query without its empty filters: an empty `childId=` would be refused as a bad id. */
export function compactQuery<T extends Record<string, string | number | undefined>>(query: T): T {
  const kept: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== "") kept[k] = v;
  return kept as T;
}

/** Every page of a list (at most `maxPages` of 100). */
export async function allPages<T>(load: (cursor: string | undefined) => Promise<PageOf<T>>, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await load(cursor);
    items.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return items;
}

export const loadRooms = (api: Api, settingId: string) =>
  allPages((cursor) => unwrap(api.GET("/v1/settings/{settingId}/rooms", { params: { path: { settingId }, query: { limit: 100, cursor } } })));

export const loadStaff = (api: Api, settingId: string) =>
  allPages((cursor) => unwrap(api.GET("/v1/settings/{settingId}/staff", { params: { path: { settingId }, query: { limit: 100, cursor } } })));

export const loadChildren = (api: Api, settingId: string, roomId?: string) =>
  allPages((cursor) =>
    unwrap(api.GET("/v1/settings/{settingId}/children", { params: { path: { settingId }, query: compactQuery({ limit: 100, cursor, roomId }) } })),
  );

export interface Directory {
  rooms: Schemas["RoomView"][];
  staff: Schemas["StaffView"][];
  children: Schemas["ChildSummary"][];
  roomName: (id: string) => string;
  staffName: (id: string) => string;
  childName: (id: string) => string;
}

/** The setting's rooms, staff and children, to show names rather than ids and to fill pickers. */
export function useDirectory(settingId: string) {
  const { api } = useSession();
  // Three reads made into one answer (with its lookups): its own key, apart from each list's.
  return useApiQuery(keys.setting(settingId, "directory"), async (): Promise<Directory> => {
    const [rooms, staff, children] = await Promise.all([loadRooms(api, settingId), loadStaff(api, settingId), loadChildren(api, settingId)]);
    const rm = new Map(rooms.map((r) => [r.id, r.name]));
    const sm = new Map(staff.map((s) => [s.userId, s.name]));
    const cm = new Map(children.map((c) => [c.childId, `${c.firstName} ${c.lastName}`]));
    return {
      rooms,
      staff,
      children,
      roomName: (id) => rm.get(id) ?? "Unknown room",
      staffName: (id) => sm.get(id) ?? id,
      childName: (id) => cm.get(id) ?? "A child no longer on the roll",
    };
  });
}

/** The second step of a serious change: says what will happen, then asks again. */
export function Confirm({
  children,
  confirmLabel,
  busy,
  onConfirm,
  onCancel,
}: {
  children: ReactNode;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div className="confirm" role="group" aria-label="Please confirm">
      {children}
      <div className="actions">
        {/* Focus lands on Cancel: keyboard users reach the question, and one Enter never confirms. */}
        <button type="button" className="danger" disabled={busy} aria-busy={busy} onClick={onConfirm}>
          {busy ? "Please wait…" : confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onCancel} autoFocus>
          Cancel
        </button>
      </div>
    </div>
  );
}

/**
 * A confirm state that is cleared once the change is done or called off. A form's submit asks
 * (`handleSubmit(confirm.ask)`, once its fields are valid); the confirmation sends what the form
 * holds then (`getValues()`).
 */
export function useConfirm() {
  const [asking, setAsking] = useState(false);
  return { asking, ask: () => setAsking(true), cancel: () => setAsking(false) };
}

export function Radio({ label, ...input }: { label: string } & ComponentProps<"input">) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} {...input} type="radio" />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A status as words in a tag; the colour only repeats what the words say. */
export function Tag({ status, children }: { status: string; children?: ReactNode }) {
  return <span className={`tag status-${status}`}>{children ?? statusWords(status)}</span>;
}

export function statusWords(status: string): string {
  const special: Record<string, string> = {
    "pending-agreement": "Waiting for agreement",
    "confirmed-fixed": "Confirmed fixed",
    "awaiting-review": "Awaiting review",
    "awaiting-acknowledgement": "Awaiting parent's acknowledgement",
    "not-required": "ICO report not required",
    due: "ICO decision due",
    reported: "Reported to the ICO",
    "not-reported": "Not reported to the ICO",
  };
  const s = special[status] ?? status.replace(/-/g, " ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** 135 → "2 hours 15 minutes". */
export function duration(minutes: number): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h} hour${h === 1 ? "" : "s"}`);
  if (rest || !h) parts.push(`${rest} minute${rest === 1 ? "" : "s"}`);
  return parts.join(" ");
}

/** "2 hours 15 minutes left" or "OVERDUE". */
export function timeLeft(minutesLeft: number | null | undefined, overdue: boolean): string {
  if (overdue || (minutesLeft != null && minutesLeft <= 0)) return "OVERDUE";
  if (minutesLeft == null) return "";
  return `${duration(minutesLeft)} left`;
}

/** Refused before sending: a typed date and time the setting's clock cannot read (a browser without a date picker). */
export function unreadableTime(what: string): ApiError {
  return new ApiError(422, "unreadable-time", `${what} is not a date and time`, "Enter the day and the time, for example 2025-03-01T09:30.");
}

export const QUALIFICATION_LEVELS = [0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({
  value: String(n),
  label: `Level ${n}${n === 0 ? ": no relevant qualification" : n === 3 ? ": full and relevant" : n === 6 ? ": QTS, EYTS or EYPS (graduate)" : ""}`,
}));

export const AGE_BANDS: { value: Schemas["AgeBand"]; label: string }[] = [
  { value: "under-2", label: "Under 2" },
  { value: "two", label: "Two-year-olds" },
  { value: "three-plus", label: "Three and over" },
  { value: "mixed", label: "Mixed ages" },
];
