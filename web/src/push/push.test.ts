// The pure parts of Web Push: the key's decoding, the subscription's id (as the API computes
// it), the rule for the page a notification opens; and the service worker's push handler
// (public/push-handler.js) run against a stand-in for its global scope.
import { describe, expect, test } from "vitest";
import { safeAppPath, subscriptionIdOf, urlBase64ToUint8Array } from "./push";

// No @types/node here: node's modules are imported untyped, with the shape these tests use.
const { createHash } = (await import("node:" + "crypto")) as {
  createHash(algorithm: string): { update(data: string, encoding: "utf8"): { digest(encoding: "hex"): string } };
};
const { readFileSync } = (await import("node:" + "fs")) as { readFileSync(path: URL, encoding: "utf8"): string };

describe("urlBase64ToUint8Array", () => {
  test("decodes base64url without padding", () => {
    // "\xfb\xff\xfe" is "+//+" in base64 and "-__-" in base64url.
    expect(Array.from(urlBase64ToUint8Array("-__-"))).toEqual([0xfb, 0xff, 0xfe]);
    expect(Array.from(urlBase64ToUint8Array("AQ"))).toEqual([1]);
    expect(Array.from(urlBase64ToUint8Array("AQI"))).toEqual([1, 2]);
    expect(Array.from(urlBase64ToUint8Array("AQID"))).toEqual([1, 2, 3]);
    expect(Array.from(urlBase64ToUint8Array("AQ=="))).toEqual([1]);
  });

  test("a VAPID public key is a 65-byte uncompressed P-256 point", () => {
    const bytes = new Uint8Array(65);
    bytes[0] = 4;
    for (let i = 1; i < 65; i++) bytes[i] = (i * 37) & 255;
    const key = btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const decoded = urlBase64ToUint8Array(key);
    expect(decoded.length).toBe(65);
    expect(decoded[0]).toBe(4);
    expect(Array.from(decoded)).toEqual(Array.from(bytes));
  });
});

describe("subscriptionIdOf", () => {
  test("is the first 16 bytes of SHA-256 of the endpoint, in lowercase hex", async () => {
    for (const endpoint of [
      "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91bExample-token_with.chars",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABexample",
      "http://127.0.0.1:40123/push/parent-é",
    ]) {
      const expected = createHash("sha256").update(endpoint, "utf8").digest("hex").slice(0, 32);
      const id = await subscriptionIdOf(endpoint);
      expect(id).toBe(expected);
      expect(id).toMatch(/^[0-9a-f]{32}$/);
    }
  });
});

describe("safeAppPath", () => {
  test("keeps a path of the app", () => {
    expect(safeAppPath("/s/x")).toBe("/s/x");
    expect(safeAppPath("/s/01J9ZQ/children/abc/journal?x=1#top")).toBe("/s/01J9ZQ/children/abc/journal?x=1#top");
    expect(safeAppPath("/")).toBe("/");
  });

  test("anything that could leave the app opens the home page", () => {
    for (const bad of [
      "//evil.test",
      "https://evil.test/",
      "javascript:alert(1)",
      "/\\evil.test",
      "/\t/evil.test",
      "/\n/evil.test",
      " /s/x",
      "s/x",
      "",
      "data:text/html,hi",
    ])
      expect(safeAppPath(bad), JSON.stringify(bad)).toBe("/");
    for (const bad of [undefined, null, 42, {}, ["/s/x"]]) expect(safeAppPath(bad)).toBe("/");
  });
});

// The service worker's handler, run with a stand-in for the worker's global scope.
interface Shown {
  title: string;
  options: { body: string; icon: string; tag: string; data: { url: string } };
}

function loadHandler() {
  const listeners = new Map<string, (event: unknown) => void>();
  const shown: Shown[] = [];
  const opened: string[] = [];
  const navigated: string[] = [];
  let windows: { url: string; focus(): Promise<unknown>; navigate(url: string): Promise<unknown> }[] = [];
  const scope = {
    location: { origin: "https://app.nestling.test" },
    addEventListener: (type: string, listener: (event: unknown) => void) => listeners.set(type, listener),
    registration: {
      showNotification: (title: string, options: Shown["options"]) => (shown.push({ title, options }), Promise.resolve()),
    },
    clients: {
      matchAll: () => Promise.resolve(windows),
      openWindow: (url: string) => (opened.push(url), Promise.resolve(null)),
    },
  };
  const source = readFileSync(new URL("../../public/push-handler.js", import.meta.url), "utf8");
  new Function("self", source)(scope);

  async function push(data: { json(): unknown } | null): Promise<Shown> {
    const waits: Promise<unknown>[] = [];
    listeners.get("push")!({ data, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    return shown.pop()!;
  }
  const json = (value: unknown) => ({ json: () => value });
  const text = () => ({
    json: () => {
      throw new SyntaxError("not JSON");
    },
  });

  async function click(url: unknown) {
    const waits: Promise<unknown>[] = [];
    let closed = false;
    listeners.get("notificationclick")!({ notification: { data: { url }, close: () => (closed = true) }, waitUntil: (p: Promise<unknown>) => waits.push(p) });
    await Promise.all(waits);
    return closed;
  }
  function withWindow(url: string) {
    windows = [{ url, focus: () => Promise.resolve(), navigate: (to: string) => (navigated.push(to), Promise.resolve()) }];
  }
  return { push, json, text, click, withWindow, opened, navigated };
}

describe("push-handler.js", () => {
  test("shows fixed words by kind, never anything from the payload", async () => {
    const sw = loadHandler();
    const journal = await sw.push(sw.json({ kind: "journal", url: "/s/abc" }));
    expect(journal).toEqual({
      title: "Nestling",
      options: { body: "Something new in your child's learning journal.", icon: "/icons/icon-192.png", tag: "journal", data: { url: "/s/abc" } },
    });
    expect((await sw.push(sw.json({ kind: "accident", url: "/s/abc" }))).options.body).toBe("An accident report about your child is ready to read.");
    expect((await sw.push(sw.json({ kind: "notice", url: "/s/abc" }))).options.body).toBe("A notice from your setting.");
    const other = await sw.push(sw.json({ kind: "toString", url: "/s/abc", title: "Mia fell over" }));
    expect(other.title).toBe("Nestling");
    expect(other.options.body).toBe("Something new in Nestling.");
    expect(JSON.stringify(other)).not.toContain("Mia");
  });

  test("a bad payload still shows a generic notification", async () => {
    const sw = loadHandler();
    for (const data of [null, sw.text(), sw.json(null), sw.json("journal"), sw.json([1]), sw.json({ kind: 7, url: 7 })]) {
      const shown = await sw.push(data);
      expect(shown.title).toBe("Nestling");
      expect(shown.options.body).toBe("Something new in Nestling.");
      expect(shown.options.data.url).toBe("/");
    }
  });

  test("uses the same rule as safeAppPath for the page to open", async () => {
    const sw = loadHandler();
    for (const url of ["/s/x", "//evil.test", "https://evil.test/", "javascript:alert(1)", "/\\evil.test", "/\t/evil.test"]) {
      const shown = await sw.push(sw.json({ kind: "journal", url }));
      expect(shown.options.data.url, JSON.stringify(url)).toBe(safeAppPath(url));
    }
  });

  test("a click focuses an open window and navigates it, or opens one", async () => {
    const sw = loadHandler();
    expect(await sw.click("/s/abc")).toBe(true);
    expect(sw.opened).toEqual(["https://app.nestling.test/s/abc"]);
    sw.withWindow("https://app.nestling.test/account");
    await sw.click("https://evil.test/");
    expect(sw.navigated).toEqual(["https://app.nestling.test/"]);
    expect(sw.opened).toHaveLength(1);
  });
});
