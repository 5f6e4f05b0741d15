// Shared pieces of the end-to-end tests: the browser, signing in, screenshots, axe-core.
import { chromium } from "playwright-core";
import { createHmac } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";

export const APP = process.env.NESTLING_APP_URL ?? "http://localhost:3000";
export const PASSWORD = "Acorns-Demo-2026";
export const SHOTS = fileURLToPath(new URL("../test-results/screenshots/", import.meta.url));
mkdirSync(SHOTS, { recursive: true });

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

// The narrowest phones in use (360 px, many Android phones), a nursery's tablet (iPad portrait)
// and a desktop.
export const PHONE = { width: 360, height: 780 };
export const TABLET = { width: 820, height: 1180 };
export const DESKTOP = { width: 1280, height: 900 };

const BROWSER = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // The flags keep chromium off the (closed) network; --no-sandbox because CI runs as root.
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export async function launch() {
  return chromium.launch(BROWSER);
}

/**
 * A browser with a profile on disk (a temporary one), as a person's is: chromium offers to
 * install an app only outside incognito, which is what `launch()`'s sessions are.
 */
export async function profileSession(viewport) {
  const dir = await mkdtemp(join(tmpdir(), "nestling-profile-"));
  const context = await chromium.launchPersistentContext(dir, { ...BROWSER, viewport, locale: "en-GB", timezoneId: "Europe/London" });
  const page = watched(context, context.pages()[0] ?? (await context.newPage()));
  // The profile goes once chromium has let go of it.
  page.closeProfile = async () => {
    await context.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  };
  return page;
}

/**
 * A fresh browser session (its own cookies and storage) that fails the test on CSP refusals;
 * the device's clock is in `timezoneId` (the demo nursery's zone unless a test says otherwise).
 */
export async function session(browser, viewport, timezoneId = "Europe/London") {
  const context = await browser.newContext({ viewport, locale: "en-GB", timezoneId });
  return watched(context, await context.newPage());
}

function watched(context, page) {
  context.setDefaultTimeout(15_000);
  page.problems = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy|Refused to/i.test(m.text())) page.problems.push(m.text());
  });
  page.on("pageerror", (e) => page.problems.push(`page error: ${e.message}`));
  // A failure on our side (503 is a lockdown's deliberate answer).
  page.on("response", (r) => r.status() >= 500 && r.status() !== 503 && page.problems.push(`${r.status()} from ${r.url()}`));
  return page;
}

/** The demo staff's authenticator secret, which the local stack prints (e2e.sh passes it on). */
export const DEMO_TOTP_SECRET = process.env.NESTLING_DEMO_TOTP_SECRET ?? "";

/** An RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 secret, as authenticator apps show. */
export function totp(secret, now = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let buffer = 0;
  const key = [];
  for (const ch of secret.toUpperCase().replace(/[=\s]/g, "")) {
    buffer = (buffer << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      key.push((buffer >> bits) & 255);
    }
    buffer &= (1 << bits) - 1;
  }
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30000)));
  const hash = createHmac("sha1", Buffer.from(key)).update(counter).digest();
  const offset = hash[hash.length - 1] & 15;
  return String((hash.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, "0");
}

/** The code to type now: the checker takes only the current step, so near its end wait for the next. */
export async function codeNow(secret) {
  const left = 30000 - (Date.now() % 30000);
  if (left < 2500) await new Promise((r) => setTimeout(r, left + 100));
  return totp(secret);
}

export async function signIn(page, email) {
  await page.goto(APP + "/");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  // Staff are asked for the code from their authenticator app (rule 15); families are not.
  const codeField = page.getByLabel("Code from your authenticator app");
  await Promise.race([page.getByRole("button", { name: "Sign out" }).waitFor(), codeField.waitFor()]);
  if (await codeField.isVisible()) {
    assert.ok(DEMO_TOTP_SECRET, "NESTLING_DEMO_TOTP_SECRET names the demo staff's authenticator secret");
    await codeField.fill(await codeNow(DEMO_TOTP_SECRET));
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  // Someone with one setting lands on its home page.
  await page.waitForURL(/\/s\/[^/]+$/);
  await page.getByRole("navigation", { name: "Main" }).waitFor();
}

/** An access token for a demo account, straight from the emulator's Cognito. */
export async function tokenFor(email) {
  const config = await (await fetch(APP + "/config.json")).json();
  const answer = await fetch(config.cognitoEndpoint + "/", {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth" },
    body: JSON.stringify({ ClientId: config.appClientId, AuthFlow: "USER_PASSWORD_AUTH", AuthParameters: { USERNAME: email, PASSWORD } }),
  });
  assert.ok(answer.ok, `sign-in of ${email}`);
  const signed = await answer.json();
  if (signed.AuthenticationResult) return signed.AuthenticationResult.AccessToken;
  assert.equal(signed.ChallengeName, "SOFTWARE_TOKEN_MFA", `sign-in of ${email}`);
  const coded = await fetch(config.cognitoEndpoint + "/", {
    method: "POST",
    headers: { "Content-Type": "application/x-amz-json-1.1", "X-Amz-Target": "AWSCognitoIdentityProviderService.RespondToAuthChallenge" },
    body: JSON.stringify({
      ClientId: config.appClientId,
      ChallengeName: "SOFTWARE_TOKEN_MFA",
      Session: signed.Session,
      ChallengeResponses: { USERNAME: email, SOFTWARE_TOKEN_MFA_CODE: await codeNow(DEMO_TOTP_SECRET) },
    }),
  });
  assert.ok(coded.ok, `the code of ${email}`);
  return (await coded.json()).AuthenticationResult.AccessToken;
}

/** GET an API path as `email`; the parsed answer. */
export async function apiGet(email, path) {
  const response = await fetch(APP + path, { headers: { Authorization: `Bearer ${await tokenFor(email)}` } });
  assert.equal(response.status, 200, `GET ${path}`);
  return response.json();
}

/**
 * The newest email to `to` that the emulator's SES accepted, as JSON text. Read from the
 * emulator wrapper's mail route (infra/local/moto_server.py), which answers only the mail to
 * `to`; the stack's outbox pump delivers within a second, so this waits for it to arrive.
 */
export async function lastMailTo(to) {
  const config = await (await fetch(APP + "/config.json")).json();
  const url = `${config.cognitoEndpoint}/_nestling/mail?to=${encodeURIComponent(to)}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null);
    if (response?.ok) {
      const { messages } = await response.json();
      if (messages.length) return JSON.stringify(messages[messages.length - 1]);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to}`);
}

/** The newest email to `to` once it says `what` (a new mail follows an older one to the same address). */
export async function mailSaying(to, what) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const mail = await lastMailTo(to);
    if (what.test(mail) || Date.now() > deadline) return mail;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Every section has finished loading (no "Loading…" left on the page). */
export async function settled(page) {
  await page.waitForFunction(() => !document.querySelector(".loading"));
}

export async function shot(page, name) {
  await settled(page);
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** axe-core on the page as it stands: no serious or critical violations. */
export async function accessible(page, name) {
  await settled(page);
  // Nothing wider than the screen: wide tables scroll inside their own region, the page never does.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `${name} is ${overflow} px wider than the screen`);
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => globalThis.axe.run(document, { resultTypes: ["violations"] }));
  const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(
    bad.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    [],
    `accessibility violations on ${name}`,
  );
}

export function noProblems(page) {
  assert.deepEqual(page.problems, [], "the browser reported errors");
}

/** A real JPEG, drawn by the browser: the upload check reads the actual bytes. */
export async function photo(page, label) {
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement("canvas");
    canvas.width = 640;
    canvas.height = 480;
    const g = canvas.getContext("2d");
    g.fillStyle = "#7fb77e";
    g.fillRect(0, 0, 640, 480);
    g.fillStyle = "#1b1f23";
    g.font = "48px sans-serif";
    g.fillText(text, 40, 240);
    return canvas.toDataURL("image/jpeg", 0.85);
  }, label);
  return { name: "at-home.jpg", mimeType: "image/jpeg", buffer: Buffer.from(dataUrl.split(",")[1], "base64") };
}

/** A call to the API as the holder of `token`; the status and the parsed answer. */
export async function call(token, method, path, body, headers = {}) {
  const response = await fetch(APP + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID(), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** As `call`, failing the test unless the API says yes. */
export async function ok(token, method, path, body, headers = {}) {
  const answer = await call(token, method, path, body, headers);
  assert.ok(answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * A child of the demo nursery's own for one test, so no other test's changes touch it:
 * registered by the manager in the babies' room with Priya as key person, born `months` whole
 * months ago (on the 1st). Its setting id and child id.
 */
export async function freshChild(first, last, months = 30) {
  const manager = await tokenFor("manager@acorns.test");
  const me = await ok(manager, "GET", "/v1/me");
  const settingId = me.memberships[0].settingId;
  const rooms = await ok(manager, "GET", `/v1/settings/${settingId}/rooms`);
  const room = rooms.items.find((r) => r.name.startsWith("Acorns"));
  const staff = await ok(manager, "GET", `/v1/settings/${settingId}/staff`);
  const priya = staff.items.find((s) => s.email === "priya@acorns.test");
  const now = new Date();
  const born = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString().slice(0, 10);
  const child = await ok(manager, "POST", `/v1/settings/${settingId}/children`, {
    firstName: first,
    lastName: last,
    dateOfBirth: born,
    roomId: room.id,
    keyPersonId: priya.userId,
    emergencyContacts: [{ name: `Gran ${last}`, phone: "+44 7700 900456", relationship: "grandmother" }],
  });
  return { settingId, childId: child.childId };
}

/**
 * A new parent of the child, linked by the manager, who follows the emailed invitation (the
 * demo password) and accepts the setting's agreement.
 */
export async function newParent(settingId, childId, parent) {
  const manager = await tokenFor("manager@acorns.test");
  await ok(manager, "POST", `/v1/settings/${settingId}/children/${childId}/guardians`, {
    email: parent.email,
    name: parent.name,
    relationship: parent.relationship ?? "mother",
    parentalResponsibility: true,
    access: "parent",
    mayCollect: true,
  });
  const token = (await lastMailTo(parent.email)).match(/\/invitations\/([A-Za-z0-9_-]+)/)?.[1];
  assert.ok(token, "the invitation email carries its link");
  const accepted = await fetch(`${APP}/v1/invitations/${token}/accept`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ password: PASSWORD }),
  });
  assert.equal(accepted.status, 200, "the invitation is accepted");
  const own = await tokenFor(parent.email);
  const agreement = await ok(own, "GET", `/v1/settings/${settingId}/agreement`);
  await ok(own, "POST", `/v1/settings/${settingId}/agreement/acceptances`, { version: agreement.version });
}
