// The outbox against an in-memory IndexedDB and a scripted API: what is stored is sealed, a
// retry reuses the item's Idempotency-Key, a refusal is kept and shown, sign-out leaves nothing.
import "fake-indexeddb/auto";
import { beforeEach, describe, expect, test } from "vitest";
import type { Api } from "../api/client";
import { forget, keptBy, Outbox, type Work } from "./outbox";
import { importKey, open, seal } from "./sealed";

// The browser's storage, as the module uses it.
const local = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => local.get(k) ?? null, setItem: (k: string, v: string) => void local.set(k, v) },
});

const KEY = "q6bD0rQ9fx3M4yVxVb2d3p8m1sNqkq6pXlJ3aHcFv2k";

interface Call {
  method: string;
  path: string;
  body?: unknown;
  key?: string;
}

/** An API answering from a script: each POST takes the next answer (a status, or "network"). */
function fakeApi(answers: (number | "network")[]) {
  const calls: Call[] = [];
  const answer = async (method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}) => {
    if (path.endsWith("/offline-key")) return { data: { deviceId: "d", key: KEY, issuedAt: "" }, response: new Response(null, { status: 200 }) };
    calls.push({ method, path, body: init.body, key: init.headers?.["Idempotency-Key"] });
    if (method === "DELETE") return { data: {}, response: new Response(null, { status: 200 }) };
    const next = answers.shift() ?? 201;
    if (next === "network") throw new TypeError("Failed to fetch");
    if (next >= 400) {
      const error = { type: "https://nestling.app/problems/already-signed-out", title: "Mia is already signed out", status: next };
      return { error, response: new Response(null, { status: next }) };
    }
    return { data: {}, response: new Response(null, { status: next }) };
  };
  const api = {
    POST: (path: string, init: never) => answer("POST", path, init),
    DELETE: (path: string, init: never) => answer("DELETE", path, init),
  } as unknown as Api;
  return { api, calls };
}

const signOut = (childId: string): Work => ({
  kind: "attendance",
  label: `Sign-out of child ${childId}`,
  childId,
  body: { mark: "sign-out", at: "2026-12-03T15:00:00Z", collectedBy: { guardianId: "g1" } },
});

beforeEach(async () => {
  await forget(fakeApi([]).api, "u1", []);
  await forget(fakeApi([]).api, "u2", []);
});

describe("sealing", () => {
  test("opens with its key, and with no other", async () => {
    const key = await importKey(KEY);
    const sealed = await seal(key, { text: "Mia built a tower" });
    expect(new TextDecoder().decode(sealed.data)).not.toContain("tower");
    expect(await open(key, sealed)).toEqual({ text: "Mia built a tower" });
    const other = await importKey(KEY.replace("q6", "r7"));
    await expect(open(other, sealed)).rejects.toThrow();
  });

  test("never reuses a nonce", async () => {
    const key = await importKey(KEY);
    const a = await seal(key, 1);
    const b = await seal(key, 1);
    expect(a.iv).not.toEqual(b.iv);
  });

  test("refuses a key that is not 32 bytes", async () => {
    await expect(importKey("c2hvcnQ")).rejects.toThrow();
  });
});

describe("the outbox", () => {
  test("keeps work sealed and sends it once the network is back, with the same key every try", async () => {
    const { api, calls } = fakeApi(["network", 201, 201]);
    const outbox = new Outbox(api, "u1", "s1");
    await outbox.unlock();
    await outbox.add(signOut("c1"));
    await outbox.add(signOut("c2"));
    expect(outbox.snapshot().map((p) => [p.work.label, p.status])).toEqual([
      ["Sign-out of child c1", "waiting"],
      ["Sign-out of child c2", "waiting"],
    ]);

    // Stored: nothing of the work in the clear.
    const raw = await new Promise<unknown[]>((resolve) => {
      const request = indexedDB.open("nestling-offline");
      request.onsuccess = () => {
        const all = request.result.transaction("outbox").objectStore("outbox").getAll();
        all.onsuccess = () => (request.result.close(), resolve(all.result as unknown[]));
      };
    });
    const text = JSON.stringify(raw, (_, v: unknown) => (v instanceof ArrayBuffer ? new TextDecoder().decode(v) : v));
    expect(text).not.toContain("Sign-out");
    expect(text).not.toContain("guardianId");

    // Still offline: nothing is lost, the second item waits behind the first.
    expect(await outbox.send()).toBe(0);
    expect(outbox.snapshot()).toHaveLength(2);
    expect(await outbox.send()).toBe(2);
    expect(outbox.snapshot()).toHaveLength(0);
    expect(calls.map((c) => c.path)).toEqual([
      "/v1/settings/{settingId}/children/{childId}/attendance",
      "/v1/settings/{settingId}/children/{childId}/attendance",
      "/v1/settings/{settingId}/children/{childId}/attendance",
    ]);
    // The first item's retry carried its first attempt's Idempotency-Key, and its original time.
    expect(calls[0]!.key).toBe(calls[1]!.key);
    expect(calls[1]!.key).not.toBe(calls[2]!.key);
    expect(calls[1]!.body).toMatchObject({ at: "2026-12-03T15:00:00Z" });
  });

  test("a refusal is kept and shown until the practitioner discards it", async () => {
    const { api, calls } = fakeApi([409, 201]);
    const outbox = new Outbox(api, "u1", "s1");
    await outbox.unlock();
    await outbox.add(signOut("c1"));
    await outbox.add(signOut("c2"));
    expect(await outbox.send()).toBe(1);
    const [refused] = outbox.snapshot();
    expect(refused).toMatchObject({ status: "refused", problem: { title: "Mia is already signed out" } });
    // Never sent again by itself.
    expect(await outbox.send()).toBe(0);
    expect(calls).toHaveLength(2);
    await outbox.discard(refused!.id);
    expect(outbox.snapshot()).toHaveLength(0);
  });

  test("cannot keep anything before it has its key", async () => {
    const outbox = new Outbox(fakeApi([]).api, "u1", "s1");
    await expect(outbox.add(signOut("c1"))).rejects.toThrow(/cannot keep work/);
  });

  test("sign-out removes this person's work and key, and another's stays sealed", async () => {
    const { api, calls } = fakeApi([]);
    const mine = new Outbox(api, "u1", "s1");
    const theirs = new Outbox(api, "u2", "s1");
    await mine.unlock();
    await theirs.unlock();
    await mine.add(signOut("c1"));
    await theirs.add(signOut("c2"));
    expect(await keptBy("u1")).toBe(1);
    await forget(api, "u1", ["s1"]);
    expect(await keptBy("u1")).toBe(0);
    expect(await keptBy("u2")).toBe(1);
    expect(mine.unlocked).toBe(false);
    expect(calls.filter((c) => c.method === "DELETE").map((c) => c.path)).toEqual(["/v1/settings/{settingId}/staff/me/offline-key/{deviceId}"]);
    // The last person's sign-out deletes the database itself.
    await forget(api, "u2", ["s1"]);
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain("nestling-offline");
  });
});
