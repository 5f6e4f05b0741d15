// What the device keeps is sealed with AES-256-GCM under a key the API holds for this person
// and device (POST /staff/me/offline-key): the key lives only in memory, so the stored bytes
// cannot be read without a signed-in staff session, and sign-out drops it for good.

export interface Sealed {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

/** The API's base64url key as a key the page can use but never read back (not extractable). */
export async function importKey(base64url: string): Promise<CryptoKey> {
  const raw = Uint8Array.from(atob(base64url.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error("an offline key is 32 bytes");
  return crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
}

export async function sealBytes(key: CryptoKey, bytes: ArrayBuffer): Promise<Sealed> {
  // A fresh 96-bit nonce per sealing: never reused under one key.
  const iv = crypto.getRandomValues(new Uint8Array(12));
  return { iv, data: await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, bytes) };
}

export function openBytes(key: CryptoKey, sealed: Sealed): Promise<ArrayBuffer> {
  return crypto.subtle.decrypt({ name: "AES-GCM", iv: sealed.iv }, key, sealed.data);
}

export function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  return sealBytes(key, new TextEncoder().encode(JSON.stringify(value)).buffer);
}

export async function open<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  return JSON.parse(new TextDecoder().decode(await openBytes(key, sealed))) as T;
}
