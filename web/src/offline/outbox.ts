// Staff work made without a network: kept on the device, sealed, until it can be sent. Each item
// is sent with its own id as the Idempotency-Key, so a send whose answer was lost and is tried
// again is applied once; photos go up through the presigned flow first and their media ids are
// kept, so a retry never uploads them twice. A refusal (the child was signed out meanwhile) is
// kept and shown, never dropped: only the practitioner discards it.
import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { ApiError, asApiError, unwrap, type Api, type Schemas } from "../api/client";
import { uploadMedia, whenMediaReady } from "../api/media";
import { importKey, open, openBytes, seal, sealBytes, type Sealed } from "./sealed";

/** What can wait to be sent: the three things a practitioner records in a room. */
export type Work =
  | { kind: "observation"; label: string; body: Omit<Schemas["NewObservation"], "mediaIds">; files: { name: string; type: string }[] }
  | { kind: "attendance"; label: string; childId: string; body: Schemas["AttendanceMark"] }
  | { kind: "diary"; label: string; childId: string; body: Schemas["NewDiaryEntry"] };

/** An item as the screens show it (opened with the key). */
export interface Pending {
  id: string;
  madeAt: number;
  status: "waiting" | "refused";
  work: Work;
  problem?: { title: string; detail?: string };
}

/** As stored: only what is needed to find and order items is in the clear. */
interface Stored {
  id: string;
  userId: string;
  settingId: string;
  madeAt: number;
  status: Pending["status"];
  work: Sealed;
  files: Sealed[];
  /** Media ids of the files already uploaded (null: not yet). */
  uploaded: (string | null)[];
  problem?: Sealed;
}

interface OfflineDb extends DBSchema {
  outbox: { key: string; value: Stored; indexes: { owner: [string, string] } };
}

const DB_NAME = "nestling-offline";
const DEVICE_KEY = "nestling-device";

let connection: Promise<IDBPDatabase<OfflineDb>> | null = null;

/** One connection per page, opened on first use (family accounts never open it). */
function db(): Promise<IDBPDatabase<OfflineDb>> {
  connection ??= openDB<OfflineDb>(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore("outbox", { keyPath: "id" }).createIndex("owner", ["userId", "settingId"]);
    },
    // Another tab signing out deletes the database: let it.
    blocking() {
      void closeDb();
    },
  });
  return connection;
}

async function closeDb(): Promise<void> {
  const open = connection;
  connection = null;
  if (open) (await open).close();
}

/** This browser's own random id (not personal: it names the device's key, nothing else). */
export function deviceId(): string {
  let id = localStorage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    localStorage.setItem(DEVICE_KEY, id);
  }
  return id;
}

type Listener = () => void;

/** Every outbox holding a key in this page, so sign-out can drop them all. */
const live = new Set<Outbox>();

/** The signed-in member of staff's outbox in one setting. */
export class Outbox {
  private key: CryptoKey | null = null;
  private items: Pending[] = [];
  private listeners = new Set<Listener>();
  private sending = false;

  constructor(
    private readonly api: Api,
    readonly userId: string,
    readonly settingId: string,
  ) {
    live.add(this);
  }

  /** Items as the screens show them (a stable array between changes, for useSyncExternalStore). */
  snapshot = (): Pending[] => this.items;
  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  get unlocked(): boolean {
    return this.key !== null;
  }

  /** Fetches the device's key (online only) and opens what this person left here before. */
  async unlock(): Promise<void> {
    if (this.key) return;
    const answer = await unwrap(
      this.api.POST("/v1/settings/{settingId}/staff/me/offline-key", { params: { path: { settingId: this.settingId } }, body: { deviceId: deviceId() } }),
    );
    this.key = await importKey(answer.key);
    await this.refresh();
  }

  /** Keeps work on the device; `files` are the observation's photos and videos. */
  async add(work: Work, files: File[] = []): Promise<void> {
    const key = this.requireKey();
    const item: Stored = {
      id: crypto.randomUUID(),
      userId: this.userId,
      settingId: this.settingId,
      madeAt: Date.now(),
      status: "waiting",
      work: await seal(key, work),
      files: await Promise.all(files.map(async (f) => sealBytes(key, await f.arrayBuffer()))),
      uploaded: files.map(() => null),
    };
    await (await db()).put("outbox", item);
    await this.refresh();
  }

  async discard(id: string): Promise<void> {
    await (await db()).delete("outbox", id);
    await this.refresh();
  }

  /**
   * Sends what is waiting, oldest first; stops at the first sign that the network is still
   * away (the next attempt starts there). Answers how many items arrived.
   */
  async send(): Promise<number> {
    if (!this.key || this.sending) return 0;
    this.sending = true;
    let sent = 0;
    try {
      const store = await db();
      const waiting = (await store.getAllFromIndex("outbox", "owner", [this.userId, this.settingId]))
        .filter((s) => s.status === "waiting")
        .sort((a, b) => a.madeAt - b.madeAt);
      for (const stored of waiting) {
        try {
          await this.deliver(stored);
          await store.delete("outbox", stored.id);
          sent++;
        } catch (e) {
          const error = asApiError(e);
          if (!isRefusal(error)) break;
          const problem = { title: error.title, ...(error.detail ? { detail: error.detail } : {}) };
          await store.put("outbox", { ...stored, status: "refused", problem: await seal(this.key, problem) });
        }
      }
    } finally {
      this.sending = false;
      await this.refresh();
    }
    return sent;
  }

  /** Drops the key from memory (sign-out, or the page leaving the setting). */
  lock(): void {
    this.key = null;
    this.items = [];
    live.delete(this);
    this.emit();
  }

  private async deliver(stored: Stored): Promise<void> {
    const key = this.requireKey();
    const work = await open<Work>(key, stored.work);
    const headers = { "Idempotency-Key": stored.id };
    const { api, settingId } = this;
    switch (work.kind) {
      case "attendance": {
        const path = { settingId, childId: work.childId };
        await unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/attendance", { params: { path }, body: work.body, headers }));
        return;
      }
      case "diary": {
        const path = { settingId, childId: work.childId };
        await unwrap(api.POST("/v1/settings/{settingId}/children/{childId}/diary", { params: { path }, body: work.body, headers }));
        return;
      }
      case "observation": {
        const mediaIds: string[] = [];
        for (const [i, meta] of work.files.entries()) {
          let mediaId = stored.uploaded[i];
          if (!mediaId) {
            const file = new File([await openBytes(key, stored.files[i]!)], meta.name, { type: meta.type });
            mediaId = await uploadMedia(api, settingId, file, work.body.children, () => undefined);
            stored.uploaded[i] = mediaId;
            // Kept at once: a retry after a lost answer sends the same body, never a second upload.
            await (await db()).put("outbox", stored);
          }
          mediaIds.push(mediaId);
        }
        const body: Schemas["NewObservation"] = { ...work.body, mediaIds };
        await whenMediaReady(() => unwrap(api.POST("/v1/settings/{settingId}/observations", { params: { path: { settingId } }, body, headers })));
        return;
      }
    }
  }

  private requireKey(): CryptoKey {
    if (!this.key) throw new ApiError(0, "offline-locked", "This device cannot keep work yet", "Connect once after signing in, then try again.");
    return this.key;
  }

  private async refresh(): Promise<void> {
    const key = this.key;
    if (!key) return;
    const stored = await (await db()).getAllFromIndex("outbox", "owner", [this.userId, this.settingId]);
    const opened = await Promise.all(
      stored.map(async (s) => ({
        id: s.id,
        madeAt: s.madeAt,
        status: s.status,
        work: await open<Work>(key, s.work),
        ...(s.problem ? { problem: await open<Pending["problem"]>(key, s.problem) } : {}),
      })),
    );
    this.items = opened.sort((a, b) => a.madeAt - b.madeAt);
    this.emit();
  }

  private emit() {
    for (const l of this.listeners) l();
  }
}

/** A refusal is the API's answer about this item; anything else may pass (the network, a 5xx, a lockdown). */
export function isRefusal(e: ApiError): boolean {
  return e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 408 && e.status !== 429 && !e.isLockdown && e.slug !== "media-not-ready";
}

/** Whether a failed send means the network was away (the work can wait on the device). */
export function isOffline(e: unknown): boolean {
  return e instanceof ApiError && e.status === 0 && (e.slug === "network" || !navigator.onLine);
}

/** How many items this person has on the device, in any setting (asked before sign-out). */
export async function keptBy(userId: string): Promise<number> {
  if (!(await exists())) return 0;
  return (await (await db()).getAll("outbox")).filter((s) => s.userId === userId).length;
}

/**
 * Sign-out: this person's items go, and so do their keys (best effort: offline, the key stays
 * with the API, only for this person's next session), so nothing left here can be read.
 */
export async function forget(api: Api, userId: string, staffSettingIds: string[]): Promise<void> {
  for (const outbox of live) outbox.lock();
  if (await exists()) {
    const store = await db();
    for (const s of await store.getAll("outbox")) if (s.userId === userId) await store.delete("outbox", s.id);
    const left = await store.count("outbox");
    await closeDb();
    // Another person's sealed items may remain (unreadable without their session).
    if (left === 0) await deleteDatabase();
  }
  const device = deviceId();
  await Promise.all(
    staffSettingIds.map((settingId) =>
      unwrap(api.DELETE("/v1/settings/{settingId}/staff/me/offline-key/{deviceId}", { params: { path: { settingId, deviceId: device } } })).catch(
        () => undefined,
      ),
    ),
  );
}

async function exists(): Promise<boolean> {
  return connection !== null || (await indexedDB.databases()).some((d) => d.name === DB_NAME);
}

function deleteDatabase(): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB_NAME);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

/**
 * Sends now, or, for staff without a network, keeps the work on the device instead: answers
 * "sent" or "kept". `work` is built only when it is kept (attendance then carries the time the
 * mark was made, not the time it arrives).
 */
export async function sendOrKeep(outbox: Outbox | null, send: () => Promise<unknown>, work: () => Work, files: File[] = []): Promise<"sent" | "kept"> {
  const keep = async () => (await outbox!.add(work(), files), "kept" as const);
  if (outbox && !navigator.onLine) return keep();
  try {
    await send();
    return "sent";
  } catch (e) {
    if (outbox && isOffline(e)) return keep();
    throw e;
  }
}
