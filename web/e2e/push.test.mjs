// Web Push (RFC 8030 with VAPID, RFC 8292; payloads encrypted per RFC 8291): a parent turns on
// notifications on this device, a practitioner records an observation of the parent's child,
// and exactly one push arrives, VAPID-signed with the deployment's key and carrying only
// {kind, url}: no name, no text. After the parent turns notifications off, the next
// observation sends nothing. The push service is played by a loopback server in this test
// (the browser cannot reach a real one here), and the browser's PushManager is replaced by a
// fake whose subscription keys this test holds, so the test can decrypt what the stack sends.
// The local stack allows push endpoints on 127.0.0.1 over http.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createDecipheriv, createECDH, createHash, createHmac, createPublicKey, randomBytes, randomUUID, verify } from "node:crypto";
import { accessible, APP, apiGet, launch, noProblems, PHONE, session, settled, shot, signIn, tokenFor } from "./lib.mjs";

const PARENT = "chris@families.test";
const PRACTITIONER = "priya@acorns.test";
const CHILD = { first: "Mia", last: "Jones" };
const ORIGIN = new URL(APP).origin;
const JOURNAL_BODY = "Something new in your child's learning journal.";

let browser;
let pushService;
before(async () => {
  browser = await launch();
  pushService = await startPushService();
});
after(async () => {
  await browser?.close();
  await pushService?.close();
});

const b64url = (bytes) => Buffer.from(bytes).toString("base64url");
const fromB64url = (text) => Buffer.from(text, "base64url");
const hmac = (key, ...data) => {
  const mac = createHmac("sha256", key);
  for (const d of data) mac.update(d);
  return mac.digest();
};

/**
 * A push service on 127.0.0.1: POST /push/<name> is checked (VAPID, RFC 8292) and its body
 * decrypted (RFC 8291) with the keys of the subscription called <name>; each arrival is kept,
 * with what was wrong with it, if anything. Answers 201 to a good push, 400 otherwise.
 */
async function startPushService() {
  const subscribers = new Map();
  const received = [];
  let origin = "";
  const server = createServer((request, response) => {
    const chunks = [];
    request.on("data", (c) => chunks.push(c));
    request.on("end", () => {
      const body = Buffer.concat(chunks);
      const name = decodeURIComponent(new URL(request.url, origin).pathname.replace(/^\/push\//, ""));
      const arrival = { at: Date.now(), name, method: request.method, headers: request.headers, bytes: body.length };
      try {
        assert.equal(request.method, "POST", "a push is a POST");
        assert.ok(request.url.startsWith("/push/"), `a push is sent to the subscription's endpoint, not ${request.url}`);
        const subscriber = subscribers.get(name);
        assert.ok(subscriber, `a subscription called ${name}`);
        arrival.vapid = checkVapid(request.headers.authorization, subscriber.expectedKey, origin);
        // RFC 8030: a TTL is required; RFC 8291: the body is aes128gcm.
        assert.match(String(request.headers.ttl ?? ""), /^\d+$/, "a TTL header");
        assert.equal(request.headers["content-encoding"], "aes128gcm");
        arrival.plaintext = decrypt(body, subscriber);
      } catch (e) {
        arrival.error = e instanceof Error ? e.message : String(e);
      }
      received.push(arrival);
      response.writeHead(arrival.error ? 400 : 201, { Location: `${origin}/message/${randomUUID()}` });
      response.end();
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    received,
    /**
     * A subscription of this push service: the keys a browser would make (P-256 and a 16-byte
     * auth secret). `expectedKey` is the deployment's VAPID key, which every push must carry.
     */
    subscribe(name, expectedKey) {
      const ecdh = createECDH("prime256v1");
      ecdh.generateKeys();
      const auth = randomBytes(16);
      subscribers.set(name, { ecdh, auth, expectedKey });
      return { endpoint: `${origin}/push/${encodeURIComponent(name)}`, p256dh: b64url(ecdh.getPublicKey()), auth: b64url(auth) };
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/**
 * RFC 8292: `Authorization: vapid t=<JWT>, k=<public key>`; k is the key the API published, the
 * JWT is ES256-signed by it, for this push service's origin, and expires within 24 hours.
 */
function checkVapid(header, expectedKey, audience) {
  const match = /^vapid\s+(.+)$/i.exec(header ?? "");
  assert.ok(match, `a VAPID Authorization header, not ${JSON.stringify(header)}`);
  const params = Object.fromEntries(
    match[1].split(",").map((part) => {
      const at = part.indexOf("=");
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()];
    }),
  );
  assert.ok(params.t && params.k, "t= and k= in the VAPID header");
  assert.equal(params.k, expectedKey, "k is the application server key the API published");
  const point = fromB64url(params.k);
  assert.equal(point.length, 65, "k is an uncompressed P-256 point");
  assert.equal(point[0], 4, "k is an uncompressed P-256 point");
  const key = createPublicKey({ key: { kty: "EC", crv: "P-256", x: b64url(point.subarray(1, 33)), y: b64url(point.subarray(33, 65)) }, format: "jwk" });
  const parts = params.t.split(".");
  assert.equal(parts.length, 3, "the JWT has three parts");
  const [head, claims, signature] = parts;
  const header64 = JSON.parse(fromB64url(head).toString("utf8"));
  assert.equal(header64.alg, "ES256");
  const ok = verify("sha256", Buffer.from(`${head}.${claims}`), { key, dsaEncoding: "ieee-p1363" }, fromB64url(signature));
  assert.ok(ok, "the JWT is signed by k");
  const body = JSON.parse(fromB64url(claims).toString("utf8"));
  assert.equal(body.aud, audience, "aud is the push service's origin");
  const now = Math.floor(Date.now() / 1000);
  assert.equal(typeof body.exp, "number", "exp is a number");
  assert.ok(body.exp > now, "exp is in the future");
  assert.ok(body.exp <= now + 24 * 3600 + 60, "exp is at most 24 hours ahead");
  return body;
}

/**
 * RFC 8291 (Web Push message encryption) over RFC 8188 (aes128gcm): the header is
 * salt(16) | rs(4) | idlen(1) | keyid (the sender's public key, 65); one record follows.
 */
function decrypt(body, { ecdh, auth }) {
  assert.ok(body.length > 21 + 65 + 16, "the body holds a header and a record");
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body[20];
  assert.equal(idlen, 65, "keyid is the sender's public key");
  const asPublic = body.subarray(21, 21 + idlen);
  const ciphertext = body.subarray(21 + idlen);
  assert.ok(rs >= 18, "the record size");
  assert.ok(ciphertext.length <= rs, "one record (RFC 8291 section 4)");
  const uaPublic = ecdh.getPublicKey();
  const shared = ecdh.computeSecret(asPublic);
  const prkKey = hmac(auth, shared);
  const ikm = hmac(prkKey, Buffer.from("WebPush: info\0", "latin1"), uaPublic, asPublic, Buffer.from([1]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from("Content-Encoding: aes128gcm\0", "latin1"), Buffer.from([1])).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from("Content-Encoding: nonce\0", "latin1"), Buffer.from([1])).subarray(0, 12);
  const decipher = createDecipheriv("aes-128-gcm", cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - 16)), decipher.final()]);
  // The last (only) record: the data, a 0x02 delimiter, then zero padding.
  let end = padded.length;
  while (end > 0 && padded[end - 1] === 0) end--;
  assert.ok(end > 0 && padded[end - 1] === 2, "the last record's 0x02 delimiter");
  return padded.subarray(0, end - 1).toString("utf8");
}

/**
 * Runs in the page before the app: PushManager's subscribe and getSubscription give a
 * subscription of the loopback push service, with the keys this test made. It lasts for the tab
 * (sessionStorage), and remembers the key the app subscribed with.
 */
function fakePushManager({ endpoint, p256dh, auth }) {
  if (typeof PushManager === "undefined") return;
  const KEY = "e2e-fake-push-subscription";
  const bytes = (text) => {
    const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
    return Uint8Array.from(raw, (c) => c.charCodeAt(0)).buffer;
  };
  const text = (buffer) =>
    btoa(String.fromCharCode(...new Uint8Array(buffer)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const make = ({ serverKey }) => ({
    endpoint,
    expirationTime: null,
    options: { userVisibleOnly: true, applicationServerKey: bytes(serverKey) },
    getKey: (name) => (name === "p256dh" ? bytes(p256dh) : name === "auth" ? bytes(auth) : null),
    toJSON: () => ({ endpoint, expirationTime: null, keys: { p256dh, auth } }),
    unsubscribe: async () => {
      sessionStorage.removeItem(KEY);
      return true;
    },
  });
  PushManager.prototype.subscribe = async function (options = {}) {
    const key = options.applicationServerKey;
    if (!key) throw new DOMException("applicationServerKey is required", "InvalidAccessError");
    if (options.userVisibleOnly !== true) throw new DOMException("userVisibleOnly must be true", "NotAllowedError");
    const serverKey = typeof key === "string" ? key : text(ArrayBuffer.isView(key) ? key.buffer.slice(key.byteOffset, key.byteOffset + key.byteLength) : key);
    sessionStorage.setItem(KEY, JSON.stringify({ serverKey }));
    return make({ serverKey });
  };
  PushManager.prototype.getSubscription = async function () {
    const kept = sessionStorage.getItem(KEY);
    return kept ? make(JSON.parse(kept)) : null;
  };
}

/** The API's id of a subscription: the first 16 bytes of SHA-256 of its endpoint, in hex. */
const subscriptionIdOf = (endpoint) => createHash("sha256").update(endpoint, "utf8").digest("hex").slice(0, 32);

/** Polls `check` (every 100 ms) until it returns something truthy, or fails after `ms`. */
async function until(check, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A practitioner records an observation of the child through the API (retried through a lockdown another test may hold). */
async function observe(token, settingId, childId, text) {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${APP}/v1/settings/${settingId}/observations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
      body: JSON.stringify({ text, children: [childId], areas: ["understanding-the-world"], mediaIds: [] }),
    });
    if (response.status === 503 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    const answer = await response.text();
    assert.equal(response.status, 201, `the observation is recorded: ${answer}`);
    return JSON.parse(answer);
  }
}

test("a parent turns on notifications, gets one push per journal entry with no names in it, and none once they turn them off", async (t) => {
  const { publicKey } = await apiGet(PARENT, "/v1/me/push-subscriptions");
  assert.equal(typeof publicKey, "string", "the local stack has a VAPID key (push is configured)");
  assert.equal(fromB64url(publicKey).length, 65, "the VAPID key is a 65-byte P-256 point");

  const name = `chris-${Date.now()}`;
  const subscription = pushService.subscribe(name, publicKey);
  const id = subscriptionIdOf(subscription.endpoint);
  const arrivals = () => pushService.received.filter((r) => r.name === name);

  const parent = await session(browser, PHONE);
  const context = parent.context();
  await context.grantPermissions(["notifications"], { origin: ORIGIN });
  await context.addInitScript(fakePushManager, subscription);

  let settingId;
  let childId;
  let staffToken;
  let plaintext;

  await t.test("the parent turns on notifications on this device", async () => {
    await signIn(parent, PARENT);
    settingId = new URL(parent.url()).pathname.split("/")[2];
    await parent.getByRole("link", { name: "Account" }).click();
    const section = parent.getByRole("region", { name: "Notifications on this device" });
    await section.waitFor();
    await section.getByText("Notifications never show your child's name or any text").waitFor();
    await section.getByRole("status").filter({ hasText: "Notifications are off for this device." }).waitFor();
    await section.getByRole("button", { name: "Turn on notifications on this device" }).click();
    await section.getByRole("status").filter({ hasText: "Notifications are on for this device." }).waitFor();
    await section.getByRole("button", { name: "Turn off notifications on this device" }).waitFor();
    await shot(parent, "parent-account-notifications-on");
    await accessible(parent, "account with notifications");

    // The app subscribed with the API's key, and the API holds this device's subscription.
    const kept = await parent.evaluate(() => JSON.parse(sessionStorage.getItem("e2e-fake-push-subscription") ?? "null"));
    assert.equal(kept?.serverKey, publicKey, "subscribed with the API's application server key");
    const mine = await apiGet(PARENT, "/v1/me/push-subscriptions");
    const entry = mine.subscriptions.find((s) => s.subscriptionId === id);
    assert.ok(entry, "the API lists this device's subscription, under the id the browser computes");
    assert.match(entry.host, /^127\.0\.0\.1(:\d+)?$/, "the push service's host");
  });

  await t.test("an observation of the child sends exactly one push: the kind and the setting, nothing else", async () => {
    const children = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children`);
    const child = children.items.find((c) => c.firstName === CHILD.first && c.lastName === CHILD.last);
    assert.ok(child, `${CHILD.first} is a child of the setting`);
    childId = child.childId;
    staffToken = await tokenFor(PRACTITIONER);
    const text = `${CHILD.first} built a tower of ten blocks ${Date.now()}`;
    await observe(staffToken, settingId, childId, text);

    // Every push but a notice counts (another test file, run alongside, may start a lockdown,
    // which may notify the setting's parents): exactly one, and it is the journal's.
    const kindOf = (r) => {
      try {
        return JSON.parse(r.plaintext).kind;
      } catch {
        return undefined;
      }
    };
    const pushes = () => arrivals().filter((r) => r.error || kindOf(r) !== "notice");
    await until(() => pushes().length > 0, 20_000, "a push to the parent's device");
    // Any duplicate would be on its heels.
    await new Promise((r) => setTimeout(r, 3000));
    assert.deepEqual(
      arrivals().filter((r) => r.error).map((r) => r.error),
      [],
      "every push is VAPID-signed with the API's key and decrypts",
    );
    assert.equal(pushes().length, 1, "exactly one push for one journal entry");
    plaintext = pushes()[0].plaintext;
    assert.deepEqual(JSON.parse(plaintext), { kind: "journal", url: `/s/${settingId}` });
    for (const secret of [CHILD.first, CHILD.last, "tower", "Chris", "Priya", childId]) assert.ok(!plaintext.includes(secret), `"${secret}" is not in the push`);
    assert.ok(pushes()[0].vapid.exp > Date.now() / 1000);
  });

  await t.test("the service worker shows it as a notification with fixed words", async (t2) => {
    // Chromium's DevTools protocol can hand a push message to the page's real service worker
    // (as DevTools' "Push" button does), which then shows the notification.
    const cdp = await context.newCDPSession(parent);
    const registrations = new Map();
    cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations: list }) => {
      for (const r of list) if (!r.isDeleted) registrations.set(r.scopeURL, r.registrationId);
    });
    try {
      await cdp.send("ServiceWorker.enable");
    } catch (e) {
      t2.skip(`ServiceWorker.enable is not available: ${e.message}`);
      return;
    }
    await parent.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
    const registrationId = await until(() => registrations.get(`${ORIGIN}/`), 10_000, "the service worker's registration");
    await cdp.send("ServiceWorker.deliverPushMessage", { origin: ORIGIN, registrationId, data: plaintext });
    const shown = await until(
      () =>
        parent.evaluate(async () => {
          const notes = await (await navigator.serviceWorker.ready).getNotifications();
          return notes.length ? notes.map((n) => ({ title: n.title, body: n.body, tag: n.tag, icon: n.icon, data: n.data })) : null;
        }),
      10_000,
      "the notification",
    );
    assert.equal(shown.length, 1, "one notification");
    assert.equal(shown[0].title, "Nestling");
    assert.equal(shown[0].body, JOURNAL_BODY);
    assert.equal(shown[0].tag, "journal");
    assert.deepEqual(shown[0].data, { url: `/s/${settingId}` });
    assert.ok(!JSON.stringify(shown).includes(CHILD.first), "no child's name in the notification");
    await cdp.detach();
  });

  await t.test("after the parent turns notifications off, the next observation sends nothing", async () => {
    const section = parent.getByRole("region", { name: "Notifications on this device" });
    await section.getByRole("button", { name: "Turn off notifications on this device" }).click();
    await section.getByRole("status").filter({ hasText: "Notifications are off for this device." }).waitFor();
    await section.getByRole("button", { name: "Turn on notifications on this device" }).waitFor();
    await settled(parent);
    const mine = await apiGet(PARENT, "/v1/me/push-subscriptions");
    assert.ok(!mine.subscriptions.some((s) => s.subscriptionId === id), "the API no longer lists this device");
    assert.equal(await parent.evaluate(() => sessionStorage.getItem("e2e-fake-push-subscription")), null, "the browser's subscription is dropped");

    const before = arrivals().length;
    await observe(staffToken, settingId, childId, `${CHILD.first} painted a rainbow ${Date.now()}`);
    await new Promise((r) => setTimeout(r, 5000));
    assert.equal(arrivals().length, before, "no push after notifications were turned off");
  });

  await t.test("signing out drops this device's subscription, on the API and in the browser", async () => {
    const section = parent.getByRole("region", { name: "Notifications on this device" });
    await section.getByRole("button", { name: "Turn on notifications on this device" }).click();
    await section.getByRole("status").filter({ hasText: "Notifications are on for this device." }).waitFor();
    await parent.getByRole("button", { name: "Sign out" }).click();
    await parent.getByLabel("Email", { exact: true }).waitFor();
    const mine = await apiGet(PARENT, "/v1/me/push-subscriptions");
    assert.ok(!mine.subscriptions.some((s) => s.subscriptionId === id), "the API no longer lists this device");
    assert.equal(await parent.evaluate(() => sessionStorage.getItem("e2e-fake-push-subscription")), null, "the browser's subscription is dropped");
    noProblems(parent);
  });

  await context.close();
});

test("a parent whose link to a child is withdrawn gets no more pushes about that child", async () => {
  const PARENT_B = "beth@families.test";
  const { publicKey } = await apiGet(PARENT_B, "/v1/me/push-subscriptions");
  const name = `beth-${Date.now()}`;
  const subscription = pushService.subscribe(name, publicKey);
  const journal = () =>
    pushService.received.filter((r) => {
      if (r.name !== name) return false;
      try {
        return r.error || JSON.parse(r.plaintext).kind !== "notice";
      } catch {
        return true;
      }
    });

  const parent = await session(browser, PHONE);
  const context = parent.context();
  await context.grantPermissions(["notifications"], { origin: ORIGIN });
  await context.addInitScript(fakePushManager, subscription);
  await signIn(parent, PARENT_B);
  const settingId = new URL(parent.url()).pathname.split("/")[2];
  await parent.getByRole("link", { name: "Account" }).click();
  const section = parent.getByRole("region", { name: "Notifications on this device" });
  await section.getByRole("button", { name: "Turn on notifications on this device" }).click();
  await section.getByRole("status").filter({ hasText: "Notifications are on for this device." }).waitFor();

  // One of her children: a push while the link is live.
  const me = await apiGet(PARENT_B, "/v1/me");
  const childId = me.memberships.find((m) => m.settingId === settingId).linkedChildren[0].childId;
  const staffToken = await tokenFor(PRACTITIONER);
  await observe(staffToken, settingId, childId, `A walk to the park ${Date.now()}`);
  await until(() => journal().length > 0, 20_000, "a push to the parent's device");
  assert.deepEqual(JSON.parse(journal()[0].plaintext), { kind: "journal", url: `/s/${settingId}` });

  // The manager withdraws that link; the next observation of the child reaches nobody's device.
  const managerToken = await tokenFor("manager@acorns.test");
  const revoked = await fetch(`${APP}/v1/settings/${settingId}/children/${childId}/guardians/${me.userId}/revoke`, {
    method: "POST",
    headers: { Authorization: `Bearer ${managerToken}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
    body: JSON.stringify({ reason: "responsibility-questioned" }),
  });
  assert.equal(revoked.status, 200, `the link is withdrawn: ${await revoked.text()}`);
  const before = journal().length;
  await observe(staffToken, settingId, childId, `Another walk ${Date.now()}`);
  await new Promise((r) => setTimeout(r, 5000));
  assert.equal(journal().length, before, "no push once the link is withdrawn");
  noProblems(parent);
  await context.close();
});
