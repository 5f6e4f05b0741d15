// A child leaving, in a real browser against the local stack and demo nursery, with a child of
// its own and her father: the manager records that she leaves today for a school; from then
// the children list says she has left, she is off the register, her father reads her journal
// with a notice of when his access ends and can no longer add to it (the API refuses him
// `child-left`). Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, call, DESKTOP, freshChild, launch, newParent, PHONE, session, settled, shot, signIn, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Nell", last: `Leaver${stamp}` };
const DAD = { name: `Sam Leaver${stamp}`, email: `sam-${stamp}@families.test`, relationship: "father" };
const SCHOOL = `Meadow Primary School ${stamp}`;

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 48));
  await newParent(settingId, childId, DAD);
});
after(async () => {
  await browser?.close();
});

/** Today in the nursery's time zone, as a date input takes it. */
function londonToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

test("a manager records a child leaving and her family may then only read", async (t) => {
  const manager = await session(browser, DESKTOP);
  const dad = await session(browser, PHONE);
  const name = `${CHILD.first} ${CHILD.last}`;

  await t.test("the manager records that she leaves today for a school", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/manage`);
    await manager.getByRole("heading", { name, level: 1 }).waitFor();
    await settled(manager);
    const leaving = manager.getByRole("region", { name: "Leaving" });
    await leaving.getByText(`${CHILD.first} is not leaving.`).waitFor();
    await leaving.getByLabel("Leaving date").fill(londonToday());
    await leaving.getByLabel("Going to").selectOption("school");
    await leaving.getByLabel("Name of the school or setting").fill(SCHOOL);
    assert.equal(await leaving.getByLabel("Days the family keeps reading the records").inputValue(), "90");
    await leaving.getByRole("button", { name: "Record the leaving date" }).click();
    await leaving.getByText("The leaving date is saved.").waitFor();
    // Read again: she has left, so the form is gone and the family's last day is said.
    await leaving.getByText(/^Left on .* for Meadow Primary School/).waitFor();
    assert.match(await leaving.innerText(), /may read Nell's records until their access ends on/);
    assert.equal(await leaving.getByRole("button", { name: "Record the leaving date" }).count(), 0);
    await shot(manager, "manager-child-left");
    await accessible(manager, "child leaving (manager)");
  });

  await t.test("the children list says she has left and the register no longer lists her", async () => {
    await manager.goto(`${APP}/s/${settingId}/children`);
    await manager.getByRole("heading", { name: "Children", level: 1 }).waitFor();
    await settled(manager);
    const row = manager.getByRole("row").filter({ has: manager.getByRole("link", { name }) });
    await row.getByText("Left", { exact: true }).waitFor();
    const token = await tokenFor(MANAGER);
    const register = await call(token, "GET", `/v1/settings/${settingId}/register`);
    assert.equal(register.status, 200);
    assert.ok(!register.body.children.some((c) => c.childId === childId), "a leaver is off the register");
  });

  await t.test("her father reads her journal with the notice and cannot add to it", async () => {
    await signIn(dad, DAD.email);
    await dad.goto(`${APP}/s/${settingId}/children/${childId}/journal`);
    await dad.getByRole("heading", { name: `${CHILD.first}'s learning journal`, level: 1 }).waitFor();
    await settled(dad);
    await dad.getByText(/left on .*You can read these records until your access ends on/).waitFor();
    assert.equal(await dad.getByRole("link", { name: "Add something from home" }).count(), 0);
    await shot(dad, "parent-child-left");
    await accessible(dad, "journal of a child who left (parent)");
    const token = await tokenFor(DAD.email);
    const refused = await call(token, "POST", `/v1/settings/${settingId}/children/${childId}/contributions`, { text: "From home" });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.type.split("/").pop(), "child-left");
  });
});
