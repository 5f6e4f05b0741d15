// The setting's own devices in a real browser against the local stack and demo nursery: a
// tablet asks to be paired and shows its code; the manager types it on Devices and names the
// tablet; the tablet says it is paired, as a device of its own (no one's login). People then
// use it with their number and a PIN set on their own account ("Tablet PIN"), with a child and
// a mother of the test's own: the manager unlocks the register, signs the child in, signs her
// out to her mother and in again; the mother signs her out at the families' kiosk as "Me";
// five wrong PINs lock hers; a new PIN from her account unlocks it and she reads her
// daughter's journal on the tablet; a kiosk code from her phone opens the kiosk once, without
// her PIN, and she signs her daughter in. Last, the manager reports the tablet missing, every
// manager is emailed, and its next request is refused. Each screen is screenshotted and
// checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, APP, DESKTOP, freshChild, launch, mailSaying, newParent, ok, PHONE, session, settled, shot, signIn, TABLET, tokenFor } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const NAME = `Robins tablet ${stamp}`;
const CHILD = { first: "Wren", last: `Tablet${stamp}` };
const CHILD_NAME = `${CHILD.first} ${CHILD.last}`;
const MUM = { name: `Ines Tablet${stamp}`, email: `ines-${stamp}@families.test`, relationship: "mother" };
const OBSERVED = `Wren built a tower of ten blocks ${stamp}`;
// PINs the rule takes (4-8 digits, not one digit repeated nor a straight run).
const STAFF_PIN = "4826";
const MUM_PIN = "3719";
const MUM_NEW_PIN = "5162";
const WRONG_PIN = "9053";

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  settingId = (await ok(await tokenFor(MANAGER), "GET", "/v1/me")).memberships[0].settingId;
  // A child of the test's own with her mother (agreement accepted) and an entry in her journal.
  ({ childId } = await freshChild(CHILD.first, CHILD.last, 36));
  await newParent(settingId, childId, MUM);
  await ok(await tokenFor(MANAGER), "POST", `/v1/settings/${settingId}/observations`, { text: OBSERVED, children: [childId], areas: ["mathematics"] });
});

after(async () => {
  await browser?.close();
});

/**
 * On the Tablet PIN page (open): sets `pin` and reads the number the page gives; the number
 * the saved message names is the one the page shows.
 */
async function setPin(page, pin) {
  await page.getByLabel("New PIN", { exact: true }).fill(pin);
  await page.getByLabel("Type the PIN again", { exact: true }).fill(pin);
  await page.getByRole("button", { name: "Save my PIN" }).click();
  const saved = page.getByText(/^Your PIN is saved\./);
  await saved.waitFor();
  const number = (await saved.textContent()).match(/type your number (\d{4})/)?.[1];
  assert.ok(number, "the saved message names the number");
  await page.getByText(`Your number on the setting's tablets: ${number}`).waitFor();
  return number;
}

/** On the tablet's unlock form: the number and PIN typed, "Unlock" pressed; the API's status. */
async function unlock(tablet, number, pin) {
  await tablet.getByLabel("Your number", { exact: true }).fill(number);
  await tablet.getByLabel("Your PIN", { exact: true }).fill(pin);
  const [answer] = await Promise.all([
    tablet.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/v1/device/sessions") && r.request().method() === "POST"),
    tablet.getByRole("button", { name: "Unlock", exact: true }).click(),
  ]);
  return answer.status();
}

/** On the kiosk's "Use a code from your phone" form: the code typed, "Unlock" pressed; the API's status. */
async function unlockWithCode(tablet, code) {
  await tablet.getByLabel("Kiosk code", { exact: true }).fill(code);
  const [answer] = await Promise.all([
    tablet.waitForResponse((r) => new URL(r.url()).pathname.endsWith("/v1/device/sessions") && r.request().method() === "POST"),
    tablet.getByRole("button", { name: "Unlock", exact: true }).click(),
  ]);
  return answer.status();
}

/** The tablet's start screen, with its three choices. */
async function atStart(tablet) {
  await tablet.getByRole("heading", { name: "Who is using the tablet?", level: 2 }).waitFor();
  await tablet.getByRole("button", { name: "Staff: the register" }).waitFor();
}

test("a tablet is paired by its code, used with people's numbers and PINs, and refused once it is reported missing", async (t) => {
  const tablet = await session(browser, TABLET);
  const manager = await session(browser, DESKTOP);
  let code;

  await t.test("the tablet asks to be paired and shows its code", async () => {
    await tablet.goto(`${APP}/device`);
    await tablet.getByRole("heading", { name: "This device", level: 1 }).waitFor();
    await tablet.getByText("This device is not paired with a setting.").waitFor();
    await tablet.getByRole("button", { name: "Pair this device" }).click();
    const shown = tablet.getByLabel("Pairing code");
    await shown.waitFor();
    code = (await shown.textContent()).trim();
    assert.match(code, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    // Nothing of a person's is kept on the tablet: no one signed in.
    assert.equal(await tablet.evaluate(() => Object.keys(localStorage).some((k) => /token|session/i.test(k))), false);
    await shot(tablet, "device-pairing-code");
    await accessible(tablet, "device pairing (tablet)");
  });

  await t.test("the manager types the code on Devices, and the tablet says it is paired", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/devices`);
    await manager.getByRole("heading", { name: "Devices", level: 1 }).waitFor();
    await settled(manager);
    const form = manager.getByRole("form", { name: "Pair a device" });
    // A wrong code first: refused, nothing paired.
    await form.getByLabel("Code shown on the device").fill("AAAA-AAAA");
    await form.getByLabel("Name").fill(NAME);
    await form.getByRole("button", { name: "Pair the device" }).click();
    await manager.getByText("No device is waiting to be paired with that code").waitFor();
    await form.getByLabel("Code shown on the device").fill(code.toLowerCase());
    await form.getByRole("button", { name: "Pair the device" }).click();
    await manager.getByText(`${NAME} paired.`).waitFor();
    await manager.getByRole("list", { name: "The setting's devices" }).or(manager.getByRole("table", { name: "The setting's devices" })).getByText(NAME).first().waitFor();
    await shot(manager, "manager-devices");
    await accessible(manager, "devices (manager)");
    await tablet.getByText(new RegExp(`Paired with .+ as .${NAME}.\\.`)).waitFor();
    await atStart(tablet);
    await shot(tablet, "device-paired");
    await accessible(tablet, "device paired (tablet)");
  });

  const mum = await session(browser, PHONE);
  let staffNumber;
  let mumNumber;

  await t.test("the manager and a mother each set a PIN on Tablet PIN and are given their number", async () => {
    await manager.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tablet PIN", exact: true }).click();
    await manager.getByRole("heading", { name: "Tablet PIN", level: 1 }).waitFor();
    await settled(manager);
    staffNumber = await setPin(manager, STAFF_PIN);
    await shot(manager, "tablet-pin-manager");
    await accessible(manager, "tablet PIN (manager)");

    await signIn(mum, MUM.email);
    await mum.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Tablet PIN", exact: true }).click();
    await mum.getByRole("heading", { name: "Tablet PIN", level: 1 }).waitFor();
    await settled(mum);
    await mum.getByText("No PIN yet").waitFor();
    // The rule is checked before anything is sent: a run is refused on the page.
    await mum.getByLabel("New PIN", { exact: true }).fill("1234");
    await mum.getByLabel("Type the PIN again", { exact: true }).fill("1234");
    await mum.getByRole("button", { name: "Save my PIN" }).click();
    await mum.getByRole("alert").getByText(/may not be a run of digits/).waitFor();
    mumNumber = await setPin(mum, MUM_PIN);
    assert.notEqual(mumNumber, staffNumber);
    await shot(mum, "tablet-pin-parent");
    await accessible(mum, "tablet PIN (parent)");
  });

  await t.test("on the tablet, the manager unlocks the register, signs the child in, out to her mother, and in again", async () => {
    await tablet.getByRole("button", { name: "Staff: the register" }).click();
    await tablet.getByRole("heading", { name: "Staff: the register", level: 2 }).waitFor();
    await tablet.getByLabel("Your number", { exact: true }).waitFor();
    await accessible(tablet, "device unlock (tablet)");
    assert.equal(await unlock(tablet, staffNumber, STAFF_PIN), 201);
    await tablet.getByRole("heading", { name: "The register", level: 2 }).waitFor();
    await tablet.getByText(/ is using the tablet\.$/).waitFor();
    const line = tablet.getByRole("article", { name: CHILD_NAME });
    await line.getByRole("button", { name: `Sign in ${CHILD.first}` }).click();
    await tablet.getByText(new RegExp(`^${CHILD.first} is signed in`)).waitFor();
    await line.getByText("Signed in", { exact: true }).waitFor();
    await shot(tablet, "device-register");
    await accessible(tablet, "device register (staff)");

    // Signed out on the tablet too, to her mother as the guardians' list names her.
    const guardians = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/children/${childId}/guardians`);
    const mother = guardians.items.find((g) => g.relationship === MUM.relationship && g.mayCollect && g.status === "active");
    assert.ok(mother, "her mother may collect her");
    await line.getByRole("button", { name: `Sign out ${CHILD.first}` }).click();
    const out = line.getByRole("form", { name: `Sign out ${CHILD.first}` });
    const collectedBy = out.getByLabel("Collected by", { exact: true });
    await collectedBy.waitFor();
    // Only those allowed to collect, and no manager's override on the tablet.
    assert.equal(await collectedBy.locator("option", { hasText: /a manager's decision/ }).count(), 0, "no override on the tablet");
    await collectedBy.selectOption({ label: `${mother.name} (${mother.relationship})` });
    await shot(tablet, "device-register-sign-out");
    await accessible(tablet, "device register sign-out (staff)");
    await out.getByRole("button", { name: "Confirm sign-out" }).click();
    await tablet.getByText(`${CHILD.first} is signed out: collected by ${mother.name}.`, { exact: true }).waitFor();
    await line.getByText("Gone home", { exact: true }).waitFor();
    const signedOut = (await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/register`)).children.find((c) => c.childId === childId);
    assert.equal(signedOut.signedIn, false, "she is signed out");
    assert.equal(signedOut.sessions.at(-1)?.collectedBy?.kind, "guardian", "collected by her mother");
    assert.equal(signedOut.sessions.at(-1)?.collectedBy?.name, mother.name);

    // And in again, for the families' kiosk next.
    await line.getByRole("button", { name: `Sign in ${CHILD.first}` }).click();
    await tablet.getByText(new RegExp(`^${CHILD.first} is signed in`)).waitFor();
    await line.getByText("Signed in", { exact: true }).waitFor();
    await tablet.getByRole("button", { name: "Done", exact: true }).click();
    await atStart(tablet);
  });

  await t.test("at the families' kiosk, the mother signs her daughter out as the one collecting", async () => {
    await tablet.getByRole("button", { name: "Families: sign in or out" }).click();
    await tablet.getByRole("heading", { name: "Families: sign in or out", level: 2 }).waitFor();
    assert.equal(await unlock(tablet, mumNumber, MUM_PIN), 201);
    await tablet.getByRole("heading", { name: "Sign in or out", level: 2 }).waitFor();
    await tablet.getByText(`${MUM.name} is using the tablet.`).waitFor();
    const card = tablet.getByRole("article", { name: CHILD_NAME });
    await card.getByText("Signed in", { exact: true }).waitFor();
    await card.getByRole("button", { name: `Sign out ${CHILD.first}` }).click();
    const form = tablet.getByRole("form", { name: `Sign out ${CHILD.first}` });
    await form.getByRole("group", { name: "Who is collecting?" }).waitFor();
    const me = form.getByRole("radio", { name: "Me", exact: true });
    await me.check();
    assert.equal(await me.isChecked(), true);
    await shot(tablet, "device-kiosk-sign-out");
    await accessible(tablet, "device kiosk sign-out (family)");
    await form.getByRole("button", { name: "Confirm sign-out" }).click();
    await tablet.getByRole("status").filter({ hasText: new RegExp(`^Signed out: ${CHILD.first}, \\d{2}:\\d{2}$`) }).waitFor();
    // The register says so, collected by a guardian.
    const register = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/register`);
    const line = register.children.find((c) => c.childId === childId);
    assert.equal(line.signedIn, false, "she is signed out");
    assert.equal(line.sessions.at(-1)?.collectedBy?.kind, "guardian", "collected by her mother");
    // A few seconds later the session ends by itself, ready for the next family.
    await atStart(tablet);
    await tablet.getByText("Done. The tablet is ready for the next person.").waitFor();
  });

  await t.test("five wrong PINs in a row lock the mother's PIN", async () => {
    await tablet.getByRole("button", { name: "Families: sign in or out" }).click();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const status = await unlock(tablet, mumNumber, WRONG_PIN);
      assert.equal(status, attempt < 5 ? 401 : 403, `wrong PIN ${attempt}`);
      // The answer is on screen (and the PIN field emptied) before the next try.
      await tablet
        .getByRole("alert")
        .getByText(attempt < 5 ? "That number and PIN do not match" : "Your PIN is locked after too many wrong tries")
        .waitFor();
      await tablet.getByRole("button", { name: "Unlock", exact: true }).waitFor();
      await tablet.waitForFunction(() => document.querySelector('input[type="password"]')?.value === "");
    }
    await tablet.getByText(/Set a new PIN from your own account/).waitFor();
    // Even the right PIN is refused now.
    assert.equal(await unlock(tablet, mumNumber, MUM_PIN), 403);
    await tablet.getByRole("alert").getByText("Your PIN is locked after too many wrong tries").waitFor();
    await shot(tablet, "device-pin-locked");
    await accessible(tablet, "device PIN locked (tablet)");
    await tablet.getByRole("button", { name: "Back", exact: true }).click();
    await atStart(tablet);
  });

  await t.test("a new PIN from her account unlocks it, and she reads her daughter's journal on the tablet", async () => {
    await mum.reload();
    await mum.getByRole("heading", { name: "Tablet PIN", level: 1 }).waitFor();
    await mum.getByText("Locked after too many wrong tries — set a new PIN").waitFor();
    await accessible(mum, "tablet PIN locked (parent)");
    assert.equal(await setPin(mum, MUM_NEW_PIN), mumNumber, "her number stays");
    await mum.getByText("Locked after too many wrong tries — set a new PIN").waitFor({ state: "detached" });

    await tablet.getByRole("button", { name: "Parents: read the journal" }).click();
    assert.equal(await unlock(tablet, mumNumber, MUM_NEW_PIN), 201);
    await tablet.getByRole("heading", { name: "Read the journal", level: 2 }).waitFor();
    await tablet.getByRole("button", { name: CHILD_NAME }).click();
    await tablet.getByRole("heading", { name: `${CHILD.first}'s learning journal`, level: 2 }).waitFor();
    await tablet.getByText(OBSERVED).waitFor();
    // Read only: nothing to comment on, download or open elsewhere.
    const main = tablet.locator("main");
    assert.equal(await main.getByRole("link").count(), 0, "no links on the tablet's journal");
    assert.equal(await main.getByRole("textbox").count(), 0, "nothing to write on the tablet's journal");
    assert.equal(await main.getByText(/comments?$/).count(), 0, "no comment threads");
    await shot(tablet, "device-journal");
    await accessible(tablet, "device journal (parent)");
    await tablet.getByRole("button", { name: "Done", exact: true }).click();
    await atStart(tablet);
    // Nothing of the people's sessions is kept on the tablet.
    assert.equal(await tablet.evaluate(() => Object.keys(localStorage).some((k) => /token|session/i.test(k))), false);
  });

  await t.test("a kiosk code from her phone opens the kiosk once, without her PIN, and she signs her daughter in", async () => {
    await mum.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Kiosk code", exact: true }).click();
    await mum.getByRole("heading", { name: "Kiosk code", level: 1 }).waitFor();
    await settled(mum);
    await mum.getByRole("button", { name: "Show a kiosk code" }).click();
    const shown = mum.getByLabel("Kiosk code", { exact: true });
    await shown.waitFor();
    const kioskCode = (await shown.textContent()).trim();
    assert.match(kioskCode, /^\d{4} \d{4}$/, "the code as the API gives it");
    await mum.getByRole("img", { name: "QR code of your kiosk code" }).waitFor();
    await mum.getByText(/^Valid for [0-2]:\d{2}, once$/).waitFor();
    await shot(mum, "kiosk-code-parent");
    await accessible(mum, "kiosk code (parent)");

    await tablet.getByRole("button", { name: "Families: sign in or out" }).click();
    await tablet.getByRole("heading", { name: "Families: sign in or out", level: 2 }).waitFor();
    await tablet.getByRole("button", { name: "Use a code from your phone" }).click();
    await tablet.getByLabel("Kiosk code", { exact: true }).waitFor();
    await shot(tablet, "device-kiosk-code");
    await accessible(tablet, "device kiosk code (tablet)");
    assert.equal(await unlockWithCode(tablet, kioskCode), 201);
    await tablet.getByRole("heading", { name: "Sign in or out", level: 2 }).waitFor();
    await tablet.getByText(`${MUM.name} is using the tablet.`).waitFor();
    // The kiosk step signed her out.
    const card = tablet.getByRole("article", { name: CHILD_NAME });
    await card.getByText("Not signed in", { exact: true }).waitFor();
    await card.getByRole("button", { name: `Sign in ${CHILD.first}` }).click();
    await tablet.getByRole("status").filter({ hasText: new RegExp(`^Signed in: ${CHILD.first}, \\d{2}:\\d{2}$`) }).waitFor();
    const register = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/register`);
    assert.equal(register.children.find((c) => c.childId === childId).signedIn, true, "she is signed in");
    await atStart(tablet);

    // Once: the same code (typed without its space) is refused.
    await tablet.getByRole("button", { name: "Families: sign in or out" }).click();
    await tablet.getByRole("button", { name: "Use a code from your phone" }).click();
    assert.equal(await unlockWithCode(tablet, kioskCode.replace(" ", "")), 401);
    await tablet.getByRole("alert").getByText("That code has been used or is more than two minutes old").waitFor();
    await tablet.getByRole("alert").getByText(/Show a new one on your phone\.$/).waitFor();
    await shot(tablet, "device-kiosk-code-used");
    await accessible(tablet, "device kiosk code used (tablet)");
    await tablet.getByRole("button", { name: "Back", exact: true }).click();
    await atStart(tablet);
  });

  await t.test("reported missing, every manager is told and the tablet's next request is refused", async () => {
    await manager.goto(`${APP}/s/${settingId}/devices`);
    await manager.getByRole("heading", { name: "Devices", level: 1 }).waitFor();
    await settled(manager);
    await manager.getByRole("button", { name: `Report ${NAME} missing` }).click();
    await manager.getByText(`${NAME} is unpaired.`).waitFor();
    const mail = await mailSaying(MANAGER, /reported missing/);
    assert.match(mail, new RegExp(NAME));
    await tablet.reload();
    await tablet.getByText("This device is no longer paired. A manager unpaired it, or it was reported missing.").waitFor();
    assert.equal(await tablet.evaluate(() => localStorage.getItem("nestling.device")), null, "its credential is gone");
    await tablet.getByRole("button", { name: "Pair this device" }).waitFor();
    await shot(tablet, "device-unpaired");
  });
});
