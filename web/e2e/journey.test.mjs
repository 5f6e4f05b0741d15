// The journey the issue names, in a real browser against the local stack and demo nursery:
// a parent sees only their own child, adds a photo from home, a practitioner approves it,
// the parent sees it in the journal, a manager revokes the parent and the parent's next page
// load is refused. Each main screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, apiGet, codeNow, DESKTOP, lastMailTo, launch, noProblems, PHONE, photo, session, shot, signIn, TABLET } from "./lib.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const OTHER_CHILDREN = ["Ava", "Noah", "Leo", "Mia", "Oscar"];
const note = `Isla planted cress seeds at home ${Date.now()}`;
const observed = `Isla watered the seedlings and counted the leaves ${Date.now()}`;

/** Each screen in a person's menu opens without an error, is screenshotted and passes axe. */
async function tour(page, who) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const labels = await nav.getByRole("link").allInnerTexts();
  assert.ok(labels.length > 1, `${who} has a menu`);
  for (const label of labels) {
    await nav.getByRole("link", { name: label, exact: true }).click();
    await page.waitForFunction((l) => document.querySelector('nav[aria-label="Main"] a[aria-current="page"]')?.textContent === l, label);
    const name = `${who}-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`;
    await shot(page, name);
    await accessible(page, name);
    const alerts = await page.locator("main").getByRole("alert").allInnerTexts();
    assert.deepEqual(alerts, [], `${name} shows an error`);
  }
  noProblems(page);
}

test("every screen in each menu opens cleanly and passes axe", async (t) => {
  for (const [who, email, viewport] of [
    ["manager", "manager@acorns.test", DESKTOP],
    ["practitioner", "sam@acorns.test", PHONE],
    ["practitioner-tablet", "sam@acorns.test", TABLET],
  ]) {
    await t.test(who, async () => {
      const page = await session(browser, viewport);
      await signIn(page, email);
      await tour(page, who);
      await page.context().close();
    });
  }
  await t.test("parent", async () => {
    const page = await session(browser, PHONE);
    await signIn(page, "chris@families.test");
    const card = page.getByRole("listitem", { name: "Mia Jones" });
    await card.getByRole("link", { name: "Journal", exact: true }).waitFor();
    const links = await card.getByRole("link").allInnerTexts();
    assert.ok(links.length >= 6, "a parent reaches the child's journal, diary, attendance, accidents, absences and consents");
    for (const label of links) {
      // Back to the home page inside the app (as a person would), not a fresh page load each
      // time: a full load re-fetches the session, the config and the page's code.
      if (!/\/s\/[^/]+$/.test(new URL(page.url()).pathname)) await page.goBack();
      await page.getByRole("listitem", { name: "Mia Jones" }).getByRole("link", { name: label, exact: true }).click();
      const name = `parent-${label.toLowerCase().replace(/[^a-z]+/g, "-")}`;
      await shot(page, name);
      await accessible(page, name);
      assert.deepEqual(await page.locator("main").getByRole("alert").allInnerTexts(), [], `${name} shows an error`);
    }
    noProblems(page);
    await page.context().close();
  });
});

test("a parent, a practitioner and a manager do their jobs", async (t) => {
  const parent = await session(browser, PHONE);
  let journalUrl;

  await t.test("the parent signs in and sees only their own child", async () => {
    await signIn(parent, "hamza@families.test");
    await parent.getByRole("heading", { name: "Your children" }).waitFor();
    await parent.getByRole("heading", { name: "Isla Khan" }).waitFor();
    const text = await parent.locator("main").innerText();
    for (const name of OTHER_CHILDREN) assert.ok(!text.includes(name), `${name} must not be shown to Isla's father`);
    await shot(parent, "parent-home");
    await accessible(parent, "parent home");

    // Another child's journal, asked for by its address, is refused and shows nothing of it.
    const settingId = new URL(parent.url()).pathname.split("/")[2];
    const children = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children`);
    const ava = children.items.find((c) => c.firstName === "Ava");
    await parent.goto(`${parent.url()}/children/${ava.childId}/journal`);
    await parent.getByRole("alert").filter({ hasText: "Not found" }).waitFor();
    assert.equal(await parent.getByRole("article").count(), 0, "no entry of Ava's journal is shown");
    assert.ok(!(await parent.locator("main").innerText()).includes("Ava"), "Ava's name is not shown");
    await parent.goBack();
  });

  await t.test("the parent reads the journal", async () => {
    await parent.getByRole("link", { name: "Journal", exact: true }).click();
    await parent.getByRole("heading", { name: "Isla's learning journal" }).waitFor();
    await parent.getByText("Key person:").waitFor();
    journalUrl = parent.url();
    await shot(parent, "parent-journal");
    await accessible(parent, "journal");
  });

  await t.test("the parent adds a photo from home", async () => {
    await parent.getByRole("link", { name: "Add something from home" }).click();
    await parent.getByLabel("What happened?").fill(note);
    await parent.getByLabel("Photos or videos (optional)").setInputFiles(await photo(parent, "cress"));
    await accessible(parent, "contribution form");
    await parent.getByRole("button", { name: "Send to the setting" }).click();
    await parent.getByText("Your contribution is waiting for the setting to approve it").waitFor({ timeout: 30_000 });
    await shot(parent, "parent-contribution-sent");
    await parent.getByRole("link", { name: "See what you have added" }).click();
    const mine = parent.getByRole("article").filter({ hasText: note });
    await mine.getByText("Waiting for approval").waitFor();
    noProblems(parent);
  });

  await t.test("a practitioner approves it and records an observation", async () => {
    const practitioner = await session(browser, DESKTOP);
    await signIn(practitioner, "priya@acorns.test");
    await shot(practitioner, "practitioner-home");
    await accessible(practitioner, "practitioner home");
    await practitioner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Contributions" }).click();
    const card = practitioner.getByRole("article").filter({ hasText: note });
    await card.waitFor();
    await card.getByRole("img").first().waitFor();
    await shot(practitioner, "practitioner-contributions");
    await accessible(practitioner, "contributions to approve");
    await card.getByRole("button", { name: "Approve" }).click();
    await card.waitFor({ state: "detached" });

    // And records an observation of Isla with a photo, uploaded straight to storage.
    await practitioner.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Observe" }).click();
    await practitioner.getByLabel("Isla Khan").check();
    await practitioner.getByLabel("What did you see?").fill(observed);
    await practitioner.getByLabel("Understanding the world").check();
    await practitioner.getByLabel("Photos or videos", { exact: true }).setInputFiles(await photo(practitioner, "seeds"));
    await practitioner.getByRole("button", { name: "Save observation" }).click();
    await practitioner.getByText("the observation is in each child's journal").waitFor({ timeout: 30_000 });
    await shot(practitioner, "practitioner-observation-saved");
    noProblems(practitioner);
    await practitioner.context().close();
  });

  await t.test("the parent sees both in the journal, photos and all", async () => {
    await parent.goto(journalUrl);
    const entry = parent.getByRole("article").filter({ hasText: note });
    await entry.waitFor();
    const image = entry.getByRole("img");
    await image.waitFor();
    // The presigned URL really serves the cleaned photo.
    await parent.waitForFunction((el) => el.complete && el.naturalWidth > 0, await image.elementHandle());
    const observation = parent.getByRole("article").filter({ hasText: observed });
    await observation.getByRole("img").waitFor();
    await shot(parent, "parent-journal-with-contribution");
    noProblems(parent);
  });

  await t.test("a manager revokes the parent", async () => {
    const manager = await session(browser, DESKTOP);
    await signIn(manager, "manager@acorns.test");
    await shot(manager, "manager-home");
    await accessible(manager, "manager home");
    await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Children" }).click();
    await shot(manager, "manager-children");
    await manager.getByRole("link", { name: /Isla Khan/ }).click();
    await manager.getByText("Hamza Khan").first().waitFor();
    await shot(manager, "manager-child");
    await accessible(manager, "child administration");
    await revokeGuardian(manager, "Hamza Khan");
    noProblems(manager);
    await manager.context().close();
  });

  await t.test("the parent's next page load is refused", async () => {
    await parent.goto(journalUrl);
    await parent.getByRole("alert").filter({ hasText: "has been withdrawn" }).first().waitFor();
    assert.equal(await parent.getByText(note).count(), 0, "no journal entry may be shown after the revocation");
    await shot(parent, "parent-refused");
  });
  await parent.context().close();
});

test("a new member of staff follows the invitation email and signs in", async () => {
  const manager = await session(browser, DESKTOP);
  await signIn(manager, "manager@acorns.test");
  await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Staff", exact: true }).click();
  const email = `tess.${Date.now()}@acorns.test`;
  await manager.getByLabel("Email address").fill(email);
  await manager.getByLabel("Full name").fill("Tess Newstart");
  await manager.getByRole("button", { name: "Send invitation" }).click();
  await manager.getByText(`has been emailed an invitation to ${email}`).waitFor();
  await shot(manager, "manager-staff");
  await accessible(manager, "staff");
  await manager.context().close();

  const link = (await lastMailTo(email)).match(/https?:\/\/[^"\s\\]+\/invitations\/[A-Za-z0-9_-]+/)?.[0];
  assert.ok(link, "the invitation email carries a link");
  const newcomer = await session(browser, PHONE);
  await newcomer.goto(link);
  await newcomer.getByRole("heading", { name: "Welcome to Nestling" }).waitFor();
  await accessible(newcomer, "invitation");
  await newcomer.getByLabel("Password", { exact: true }).fill("Short1");
  await newcomer.getByLabel("Type the password again").fill("Short1");
  await newcomer.getByRole("button", { name: "Accept the invitation" }).click();
  await newcomer.getByRole("alert").filter({ hasText: /password/i }).waitFor();
  await shot(newcomer, "invitation-weak-password");
  await newcomer.getByLabel("Password", { exact: true }).fill("Newstart-Nursery-2026");
  await newcomer.getByLabel("Type the password again").fill("Newstart-Nursery-2026");
  await newcomer.getByRole("button", { name: "Accept the invitation" }).click();
  await newcomer.getByRole("button", { name: "Sign out" }).waitFor();
  // Rule 15: before anything else, a member of staff sets up an authenticator app.
  await newcomer.getByRole("heading", { name: "Set up your authenticator app" }).waitFor();
  assert.equal(await newcomer.getByRole("navigation", { name: "Main" }).count(), 0, "nothing else is open to them yet");
  await newcomer.getByRole("button", { name: "Set up my authenticator app" }).click();
  const key = (await newcomer.getByLabel("Setup key").innerText()).replace(/\s/g, "");
  await shot(newcomer, "practitioner-authenticator");
  await accessible(newcomer, "authenticator setup");
  const code = await codeNow(key);
  await newcomer.getByLabel("Code from your authenticator app").fill(String((Number(code) + 1) % 1e6).padStart(6, "0"));
  await newcomer.getByRole("button", { name: "Finish setting up" }).click();
  await newcomer.getByRole("alert").filter({ hasText: /code/i }).waitFor();
  await newcomer.getByLabel("Code from your authenticator app").fill(await codeNow(key));
  await newcomer.getByRole("button", { name: "Finish setting up" }).click();
  await newcomer.getByRole("link", { name: "Register" }).first().waitFor();
  await shot(newcomer, "practitioner-first-sign-in");
  noProblems(newcomer);
  await newcomer.context().close();
});

test("a lockdown shows families the setting's notice", async () => {
  const parent = await session(browser, PHONE);
  await signIn(parent, "ngozi@families.test");
  const manager = await session(browser, DESKTOP);
  await signIn(manager, "manager@acorns.test");
  await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Lockdown" }).click();
  const notice = "A tablet is missing. Nestling is paused while we deal with it; call the office on 01632 960000.";
  await manager.getByLabel("Notice to parents and family").fill(notice);
  await manager.getByRole("button", { name: "Start lockdown…" }).click();
  await manager.getByRole("button", { name: "Yes, start lockdown now" }).click();
  await manager.getByLabel("Message to parents and family").waitFor();
  await shot(manager, "manager-lockdown");
  await accessible(manager, "lockdown");

  await parent.reload();
  await parent.getByText(notice).first().waitFor();
  await shot(parent, "parent-lockdown");
  await accessible(parent, "lockdown notice");

  await manager.getByLabel("Message to parents and family").fill("The tablet is found; Nestling is back.");
  await manager.getByRole("button", { name: "Lift lockdown" }).click();
  await manager.getByLabel("Notice to parents and family").waitFor();
  noProblems(manager);
  await manager.context().close();
  await parent.context().close();
});

/** The manager's revoke step on the child page: open it, give a reason, confirm. */
async function revokeGuardian(page, name) {
  await page.getByText(`Withdraw ${name}'s link`).click();
  await page.getByLabel("Reason", { exact: true }).selectOption("responsibility-questioned");
  await page.getByRole("button", { name: "Withdraw link…" }).click();
  await shot(page, "manager-revoke-confirm");
  await page.getByRole("button", { name: `Yes, withdraw ${name}'s link` }).click();
  await page.getByText(`${name}'s link is withdrawn`).waitFor();
}

test("a parent gives written permission for a medicine and a practitioner gives it, witnessed", async () => {
  const medicine = `Calpol ${Date.now()}`;
  const parent = await session(browser, PHONE);
  await signIn(parent, "chris@families.test");
  await parent.getByRole("listitem", { name: "Mia Jones" }).getByRole("link", { name: "Medicine permissions", exact: true }).click();
  await parent.getByLabel("Medicine", { exact: true }).fill(medicine);
  await parent.getByLabel("Dose", { exact: true }).fill("5 ml");
  await parent.getByLabel("When it may be given").fill("when over 38C, at most every 4 hours");
  await parent.getByLabel("Prescribed by").fill("Not prescribed");
  await parent.getByRole("button", { name: "Give permission" }).click();
  await parent.getByText("Permission given").waitFor();
  await parent.getByRole("list", { name: "Permissions" }).getByText(medicine).waitFor();
  await shot(parent, "parent-medicine");
  await accessible(parent, "medicine permissions");
  noProblems(parent);
  const settingId = new URL(parent.url()).pathname.split("/")[2];
  await parent.context().close();

  const children = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children`);
  const mia = children.items.find((c) => c.firstName === "Mia");
  const practitioner = await session(browser, DESKTOP);
  await signIn(practitioner, "priya@acorns.test");
  await practitioner.goto(`${new URL(practitioner.url()).origin}/s/${settingId}/children/${mia.childId}/diary`);
  const form = practitioner.getByRole("region", { name: "Give medicine" });
  await form.getByLabel("Medicine").selectOption({ label: `${medicine}, 5 ml (when over 38C, at most every 4 hours)` });
  await form.getByLabel("Amount given").fill("5 ml");
  await form.getByRole("button", { name: "Record dose" }).click();
  await practitioner.getByText("Dose recorded; the parents have been emailed.").waitFor();
  await practitioner.getByText(`${medicine}, 5 ml. Given by`).waitFor();
  noProblems(practitioner);
  await practitioner.context().close();
});

test("times are typed and shown as the setting's clock reads, whatever zone the device is in", async () => {
  // The demo nursery is in London; this phone is set to Auckland, 11 to 13 hours ahead.
  const london = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const now = new Date();
  // Two minutes ago, unless that was yesterday (the diary takes today's times only).
  let earlier = new Date(now.getTime() - 2 * 60_000);
  if (london.format(earlier) > london.format(now)) earlier = now;
  const hhmm = london.format(earlier);
  const note = `Played in the sand ${Date.now()}`;
  const practitioner = await session(browser, PHONE, "Pacific/Auckland");
  await signIn(practitioner, "priya@acorns.test");
  const settingId = new URL(practitioner.url()).pathname.split("/")[2];
  const children = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children`);
  const mia = children.items.find((c) => c.firstName === "Mia");
  await practitioner.goto(`${new URL(practitioner.url()).origin}/s/${settingId}/children/${mia.childId}/diary`);
  await practitioner.getByLabel("What to add").selectOption("note");
  await practitioner.getByLabel("Note").fill(note);
  await practitioner.getByLabel("Time (optional)").fill(hhmm);
  await practitioner.getByRole("button", { name: "Add", exact: true }).click();
  const entry = practitioner.getByRole("listitem").filter({ hasText: note });
  await entry.waitFor();
  assert.match(await entry.innerText(), new RegExp(hhmm), "the entry shows the time as typed, on London's clock");

  // The API holds the instant the London wall clock named, not Auckland's.
  const diary = await apiGet("manager@acorns.test", `/v1/settings/${settingId}/children/${mia.childId}/diary`);
  const saved = diary.entries.find((e) => e.text === note);
  assert.ok(saved, "the note is in the diary");
  assert.equal(london.format(new Date(saved.at)), hhmm);
  assert.ok(Math.abs(new Date(saved.at).getTime() - earlier.getTime()) < 61_000, `${saved.at} is the minute typed`);
  noProblems(practitioner);
  await practitioner.context().close();
});
