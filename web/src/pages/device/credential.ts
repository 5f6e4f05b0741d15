// The setting's own devices (a room's tablet, a kiosk by the door): what a device keeps in
// localStorage (its pairing while it waits, its credential once paired), the header it sends,
// and the words its screen and the managers' Devices page use. Pure, for the tests.
import type { Schemas } from "../../api/client";
import { formatTime } from "../../time";

/** The paired device's credential (and what it was told it is), as localStorage keeps it. */
export interface DeviceCredential {
  settingId: string;
  deviceId: string;
  secret: string;
  name: string;
  settingName: string;
}

/** A pairing the device asked for and is waiting on: the code it shows, its secret, the expiry. */
export interface StoredPairing {
  code: string;
  secret: string;
  expiresAt: string;
}

/** Where the credential lives once the device is paired. */
export const DEVICE_KEY = "nestling.device";
/** Where a pairing waits, so a reload carries on waiting. */
export const PAIRING_KEY = "nestling.devicePairing";

/** The little of localStorage used here (a fake in the tests). */
export type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** An id or a secret as the API hands them out: 1 to `max` ASCII letters, digits, `-` or `_` (so never a `.`, the header's separator). */
export function isPlain(value: unknown, max: number): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= max && /^[A-Za-z0-9_-]+$/.test(value);
}

const isText = (value: unknown): value is string => typeof value === "string" && value.trim() !== "";

/** The code as a device shows it: two groups of four from the unambiguous alphabet (`ABCD-EF23`). */
export const isPairingCode = (value: unknown): value is string => typeof value === "string" && /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/.test(value);

/** The `Authorization` header of a paired device (never a person's bearer token). */
export function deviceAuthorization(c: Pick<DeviceCredential, "settingId" | "deviceId" | "secret">): string {
  if (!isPlain(c.settingId, 128) || !isPlain(c.deviceId, 64) || !isPlain(c.secret, 128)) throw new RangeError("not a device credential");
  return `Device ${c.settingId}.${c.deviceId}.${c.secret}`;
}

/**
 * The headers of a request made in a person's session on the device: the device's own
 * credential, and the session's token exactly as the API gave it (`X-Device-Session`).
 */
export function sessionHeaders(c: Pick<DeviceCredential, "settingId" | "deviceId" | "secret">, token: string): Record<string, string> {
  if (!/^[\x21-\x7e]{1,300}$/.test(token)) throw new RangeError("not a session token");
  return { Authorization: deviceAuthorization(c), "X-Device-Session": token };
}

function readJson(store: KeyValueStore, key: string): Record<string, unknown> | null {
  try {
    const raw = store.getItem(key);
    if (raw == null) return null;
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    // Unreadable JSON, or storage refused (private browsing): as if nothing were kept.
    return null;
  }
}

function write(store: KeyValueStore, key: string, value: unknown | null) {
  try {
    if (value == null) store.removeItem(key);
    else store.setItem(key, JSON.stringify(value));
  } catch {
    // Storage refused: the device works until the page is reloaded, then asks again.
  }
}

/** The credential, only if every part has the shape the API gives it; anything else counts as not paired. */
export function asCredential(v: Record<string, unknown> | null): DeviceCredential | null {
  if (!v || !isPlain(v.settingId, 128) || !isPlain(v.deviceId, 64) || !isPlain(v.secret, 128) || !isText(v.name) || !isText(v.settingName)) return null;
  return { settingId: v.settingId, deviceId: v.deviceId, secret: v.secret, name: v.name, settingName: v.settingName };
}

export const readCredential = (store: KeyValueStore): DeviceCredential | null => asCredential(readJson(store, DEVICE_KEY));

export function writeCredential(store: KeyValueStore, credential: DeviceCredential | null) {
  write(store, DEVICE_KEY, credential && asCredential({ ...credential }));
}

export function readPairing(store: KeyValueStore): StoredPairing | null {
  const v = readJson(store, PAIRING_KEY);
  if (!v || !isPairingCode(v.code) || !isPlain(v.secret, 128) || typeof v.expiresAt !== "string" || Number.isNaN(Date.parse(v.expiresAt))) return null;
  return { code: v.code, secret: v.secret, expiresAt: v.expiresAt };
}

export function writePairing(store: KeyValueStore, pairing: StoredPairing | null) {
  write(store, PAIRING_KEY, pairing && { code: pairing.code, secret: pairing.secret, expiresAt: pairing.expiresAt });
}

/** What the device shows when the page opens: paired (its credential), waiting (its pairing), or neither. */
export type DeviceScreen =
  | { kind: "paired"; credential: DeviceCredential }
  | { kind: "waiting"; pairing: StoredPairing }
  | { kind: "not-paired"; notice?: "expired" | "unpaired" };

export function initialScreen(store: KeyValueStore): DeviceScreen {
  const credential = readCredential(store);
  if (credential) return { kind: "paired", credential };
  const pairing = readPairing(store);
  return pairing ? { kind: "waiting", pairing } : { kind: "not-paired" };
}

/** The credential a pairing became, once a manager paired it (and the answer names all of it). */
export function credentialFromStatus(status: Schemas["PairingStatus"], secret: string): DeviceCredential | null {
  if (status.status !== "paired") return null;
  return asCredential({ settingId: status.settingId, deviceId: status.deviceId, secret, name: status.name, settingName: status.settingName });
}

/** What the API's refusal of `GET /v1/device` means for the device. */
export function deviceRefusal(error: { status: number; slug: string } | null | undefined): "unpaired" | "off-premises" | null {
  if (!error) return null;
  // The only 401 this route gives: no credential, a wrong one, or one unpaired since.
  if (error.status === 401) return "unpaired";
  if (error.status === 403 && error.slug === "device-off-premises") return "off-premises";
  return null;
}

export const NOT_PAIRED = "This device is not paired with a setting.";
export const CODE_EXPIRED = "The code expired. Pair the device again.";
export const NO_LONGER_PAIRED = "This device is no longer paired. A manager unpaired it, or it was reported missing.";
export const OFF_PREMISES = "This device works only on the setting's own network.";

/** "Paired with Sunflowers Nursery as “Robins tablet”." */
export function pairedSentence(self: { settingName: string; name: string }): string {
  return `Paired with ${self.settingName} as “${self.name}”.`;
}

/** What the device says under its code; the expiry in the device's own zone (it belongs to no setting yet). */
export function pairingInstruction(expiresAt: string, zone: string): string {
  return `A manager opens Devices in Nestling and types this code. It expires at ${formatTime(expiresAt, zone)}.`;
}

export function reasonWords(reason: Schemas["UnpairReason"]): string {
  return reason === "reported-missing" ? "reported missing" : "retired";
}

/** "Unpaired 3 Mar 2027 by Ana Manager: reported missing", the day in the setting's zone. */
export function unpairedWords(unpaired: Schemas["Unpaired"], day: (iso: string) => string): string {
  return `Unpaired ${day(unpaired.at)} by ${unpaired.byName}: ${reasonWords(unpaired.reason)}`;
}

/** What the managers are told once a device is unpaired. */
export const unpairedDone = (name: string) => `${name} is unpaired.`;
export const pairedDone = (name: string) => `${name} paired.`;
