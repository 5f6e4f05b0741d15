// Web Push on this device (RFC 8030, with VAPID): the browser's push subscription and the API's
// record of it. A notification never carries a name or any text (the service worker,
// public/push-handler.js, shows fixed words by kind); the person opens Nestling to read it.
import { ApiError, type Api } from "../api/client";
import { addPushSubscription, listPushSubscriptions, removePushSubscription, type PushSubscriptionBody } from "./api";

/** Where this device stands: what the account page offers. */
export type DevicePushState = "unsupported" | "unavailable" | "denied" | "on" | "off";

/** The browser can receive Web Push (a service worker, the Push API and notifications). */
export function pushSupported(): boolean {
  return (
    typeof window !== "undefined" &&
    typeof navigator !== "undefined" &&
    "serviceWorker" in navigator &&
    "PushManager" in window &&
    "Notification" in window
  );
}

/** A base64url string (padding optional), such as the VAPID public key, as bytes. */
export function urlBase64ToUint8Array(value: string): Uint8Array<ArrayBuffer> {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/").replace(/=+$/, "");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const raw = atob(padded);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** The API's id of a subscription: lowercase hex of the first 16 bytes of SHA-256 of its endpoint (UTF-8). */
export async function subscriptionIdOf(endpoint: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(endpoint)));
  return Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The page a notification may open: a path of this app ("/s/…"), never another origin. Anything
 * else ("//host", "https://…", "javascript:…", a backslash, spaces or control characters, which
 * URL parsers strip or turn into slashes) becomes "/". public/push-handler.js applies the same rule.
 */
export function safeAppPath(url: unknown): string {
  if (typeof url !== "string") return "/";
  if (!/^\/[\x21-\x7e]*$/.test(url)) return "/";
  if (url.startsWith("//") || url.includes("\\")) return "/";
  return url;
}

/** The service worker's registration, if there is one (undefined outside a browser with it). */
async function registration(): Promise<ServiceWorkerRegistration | undefined> {
  if (!pushSupported()) return undefined;
  return navigator.serviceWorker.getRegistration();
}

async function localSubscription(): Promise<PushSubscription | null> {
  const reg = await registration();
  return reg ? reg.pushManager.getSubscription() : null;
}

/** The promise, or a rejection after `ms` (a browser that never finishes must not hang a button). */
function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ApiError(0, "push-timeout", what, "Try again, or reload the page.")), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e)),
    );
  });
}

function sameKey(a: ArrayBuffer | null | undefined, b: Uint8Array): boolean {
  if (!a) return false;
  const x = new Uint8Array(a);
  return x.length === b.length && x.every((v, i) => v === b[i]);
}

/** The state of this device, and the server's key (to subscribe with). */
export async function readPushState(api: Api): Promise<{ state: DevicePushState; publicKey: string | null }> {
  if (!pushSupported()) return { state: "unsupported", publicKey: null };
  const { publicKey, subscriptions } = await listPushSubscriptions(api);
  if (!publicKey) return { state: "unavailable", publicKey: null };
  if (Notification.permission === "denied") return { state: "denied", publicKey };
  const local = await localSubscription();
  if (local) {
    const id = await subscriptionIdOf(local.endpoint);
    if (subscriptions.some((s) => s.subscriptionId === id)) return { state: "on", publicKey };
  }
  return { state: "off", publicKey };
}

export async function devicePushState(api: Api): Promise<DevicePushState> {
  return (await readPushState(api)).state;
}

/**
 * Asks for permission and subscribes this device, then registers it with the API. Pass the key
 * already read (readPushState) so the permission prompt comes straight from the click: some
 * browsers (Safari) show it only within the person's gesture. "denied"/"dismissed" when the
 * person did not allow notifications; an ApiError when the API refused (its detail says why),
 * in which case the browser's subscription is dropped again.
 */
export async function enablePush(api: Api, publicKey?: string | null): Promise<"on" | "denied" | "dismissed"> {
  if (!pushSupported()) throw new ApiError(0, "push-unsupported", "This browser cannot show notifications from Nestling");
  const permission = await Notification.requestPermission();
  if (permission === "denied") return "denied";
  if (permission !== "granted") return "dismissed";
  const key = publicKey ?? (await listPushSubscriptions(api)).publicKey;
  if (!key) throw new ApiError(0, "push-unavailable", "Notifications are not available on this Nestling");
  const applicationServerKey = urlBase64ToUint8Array(key);
  const reg = await within(10_000, navigator.serviceWorker.ready, "Notifications could not be set up in this browser");
  // A subscription made with an older key (the server's key was replaced) cannot be reused.
  const existing = await reg.pushManager.getSubscription();
  if (existing && !sameKey(existing.options?.applicationServerKey, applicationServerKey)) await existing.unsubscribe().catch(() => false);
  const subscription = await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey });
  try {
    await addPushSubscription(api, subscription.toJSON() as PushSubscriptionBody);
  } catch (e) {
    // Not registered (e.g. 422: that push service is not allowed): nothing left half set up.
    await subscription.unsubscribe().catch(() => false);
    throw e;
  }
  return "on";
}

/** Stops notifications on this device: the API forgets the subscription, then the browser drops it. */
export async function disablePush(api: Api): Promise<void> {
  const subscription = await localSubscription();
  if (!subscription) return;
  try {
    await removePushSubscription(api, await subscriptionIdOf(subscription.endpoint));
  } catch (e) {
    // Already gone on the server: still drop it here. Anything else: keep it, so a retry can finish.
    if (!(e instanceof ApiError && e.status === 404)) throw e;
  }
  await subscription.unsubscribe();
}

/**
 * At sign-out, for everyone: a shared device must not keep notifying about the previous person.
 * Best effort: the API is asked to forget the subscription (when there is a session), then the
 * browser's subscription is dropped whatever the API answered. Never throws, never waits long.
 */
export async function forgetPush(api?: Api): Promise<void> {
  try {
    const subscription = await within(3_000, localSubscription(), "push");
    if (!subscription) return;
    const id = await subscriptionIdOf(subscription.endpoint);
    // This device first: whatever the network does, it shows nothing more for this person.
    await subscription.unsubscribe().catch(() => false);
    if (api) await within(5_000, removePushSubscription(api, id), "push").catch(() => undefined);
  } catch {
    // Nothing more to do: signing out goes on.
  }
}
