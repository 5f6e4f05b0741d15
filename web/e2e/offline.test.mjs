// A practitioner with no network: an observation with a photo and two attendance marks wait on
// the device, sealed, and arrive exactly once, with the marks' original times, when the network
// returns; signing out leaves nothing of theirs readable. Families keep nothing on the device.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, apiGet, launch, noProblems, photo, session, settled, shot, signIn, TABLET, PHONE } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const observed = `Leo sorted the conkers by size, biggest first ${Date.now()}`;

/** The device's storage as a script on the page can read it. */
function storage(page) {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name);
    let raw = "";
    if (names.includes("nestling-offline")) {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open("nestling-offline");
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const all = await new Promise((resolve) => {
        const r = db.transaction("outbox").objectStore("outbox").getAll();
        r.onsuccess = () => resolve(r.result);
      });
      db.close();
      // Every stored byte as text: what someone reading the disk would find.
      raw = JSON.stringify(all, (_, v) => (v instanceof ArrayBuffer || ArrayBuffer.isView(v) ? new TextDecoder().decode(v) : v));
    }
    return { names, raw, local: Object.keys(localStorage), session: Object.keys(sessionStorage) };
  });
}

test("a practitioner records offline and it arrives once, with its original times, when the network is back", async () => {
  const page = await session(browser, TABLET);
  await signIn(page, "sam@acorns.test");
  const settingId = new URL(page.url()).pathname.split("/")[2];
  const nav = page.getByRole("navigation", { name: "Main" });

  // Online first: the register (and Oscar's collectors) and the children to observe are read.
  await nav.getByRole("link", { name: "Observe" }).click();
  await page.getByLabel("Leo Okafor").waitFor();
  await nav.getByRole("link", { name: "Register" }).click();
  const oscar = page.getByRole("article", { name: "Oscar Jones" });
  await oscar.getByRole("button", { name: "Sign out Oscar" }).click();
  await oscar.getByLabel("Collected by").waitFor();

  await page.context().setOffline(true);
  const offlineFrom = Date.now();

  // Two marks: Noah comes back in, Oscar goes home.
  const noah = page.getByRole("article", { name: "Noah Brown" });
  await noah.getByRole("button", { name: "Sign in Noah" }).click();
  await page.getByText("Noah's sign-in is kept on this device until it can be sent.").waitFor();
  await noah.getByText("Signed in (waiting to send)").waitFor();
  const collector = await oscar.getByLabel("Collected by").locator("option:checked").innerText();
  await oscar.getByRole("button", { name: "Confirm sign-out" }).click();
  await page.getByText("Oscar's sign-out is kept on this device until it can be sent.").waitFor();
  const marksMadeBy = Date.now();

  // An observation with a photo.
  await nav.getByRole("link", { name: "Observe" }).click();
  await page.getByLabel("Leo Okafor").check();
  await page.getByLabel("What did you see?").fill(observed);
  await page.getByLabel("Mathematics").check();
  // Straight from the tablet's camera (the input asks for it; the picture goes the same way).
  const camera = page.getByLabel("Take a photo or video");
  assert.equal(await camera.getAttribute("capture"), "environment");
  await camera.setInputFiles(await photo(page, "conkers"));
  await page.getByRole("button", { name: "Save observation" }).click();
  await page.getByText("Kept on this device: it will be sent when Nestling can be reached.").waitFor();
  const waiting = page.getByRole("complementary", { name: /Waiting to send/ });
  await waiting.getByRole("heading", { name: "Waiting to send (3)" }).waitFor();
  await shot(page, "practitioner-offline-waiting");
  await accessible(page, "waiting to send");

  // At rest it is sealed: neither the words nor the names are on the disk.
  const kept = await storage(page);
  assert.ok(kept.names.includes("nestling-offline"), "the work is kept in IndexedDB");
  for (const secret of [observed, "Leo", "Noah", "Oscar", "sign-in", "conkers"]) assert.ok(!kept.raw.includes(secret), `"${secret}" is not stored in the clear`);

  // Some time offline, so the marks' times can be told from the time they arrive.
  await new Promise((r) => setTimeout(r, 3000));
  const backOnline = Date.now();
  await page.context().setOffline(false);
  await waiting.waitFor({ state: "detached", timeout: 60_000 });

  // Exactly once each, with the times they were made.
  const register = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/register`);
  const line = (first) => register.children.find((c) => c.firstName === first);
  const noahIn = line("Noah").sessions.filter((s) => Date.parse(s.inAt) >= offlineFrom - 1000);
  assert.equal(noahIn.length, 1, "Noah is signed in once");
  assert.ok(Date.parse(noahIn[0].inAt) <= marksMadeBy && Date.parse(noahIn[0].inAt) < backOnline, "at the time the mark was made");
  const oscarOut = line("Oscar").sessions.filter((s) => s.outAt);
  assert.equal(oscarOut.length, 1, "Oscar is signed out once");
  assert.ok(Date.parse(oscarOut[0].outAt) >= offlineFrom - 1000 && Date.parse(oscarOut[0].outAt) <= marksMadeBy, "at the time the mark was made");
  assert.ok(collector.startsWith(oscarOut[0].collectedBy.name), "collected by the person chosen");
  const leo = register.children.find((c) => c.firstName === "Leo");
  const journal = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children/${leo.childId}/journal`);
  const entries = journal.items.filter((e) => e.text === observed);
  assert.equal(entries.length, 1, "the observation is in Leo's journal once");
  assert.equal(entries[0].media.length, 1, "with its photo");

  // Signing out leaves nothing of theirs on the device (the device's own id is not personal).
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByLabel("Email").waitFor();
  const left = await storage(page);
  assert.ok(!left.names.includes("nestling-offline"), "the offline store is gone");
  assert.deepEqual(left.local.filter((k) => k !== "nestling-device"), [], "localStorage holds nothing else");
  assert.deepEqual(left.session, [], "sessionStorage is empty");
  noProblems(page);
  await page.context().close();
});

test("a family account keeps nothing on the device", async () => {
  const page = await session(browser, PHONE);
  await signIn(page, "chris@families.test");
  await page.getByRole("listitem", { name: "Mia Jones" }).getByRole("link", { name: "Journal", exact: true }).click();
  await page.waitForURL(/\/journal$/);
  await settled(page);
  await page.context().setOffline(true);
  await page.getByRole("link", { name: "Home" }).first().click();
  const kept = await storage(page);
  assert.ok(!kept.names.includes("nestling-offline"), "no offline store");
  assert.ok(!kept.local.includes("nestling-device"), "no device key id");
  await page.context().close();
});
