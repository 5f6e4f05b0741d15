// A lawful erasure request in a real browser against the local stack and demo nursery, with a
// child of its own who left today: her mother asks for her daughter's records to be erased;
// the manager approves it, and the answer both of them read says what goes tonight and what
// the law keeps, until when and why. Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, DESKTOP, freshChild, launch, mailSaying, newParent, ok, PHONE, session, settled, shot, signIn, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Zara", last: `Erasure${stamp}` };
const MUM = { name: `Leah Erasure${stamp}`, email: `leah-${stamp}@families.test`, relationship: "mother" };

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 40));
  await newParent(settingId, childId, MUM);
  // She left today.
  const manager = await tokenFor(MANAGER);
  const child = await ok(manager, "GET", `/v1/settings/${settingId}/children/${childId}`);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  const response = await fetch(`${APP}/v1/settings/${settingId}/children/${childId}/leaving`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${manager}`, "Content-Type": "application/json", "If-Match": String(child.version) },
    body: JSON.stringify({ date: today, destinationKind: "school", destination: "Hill Primary" }),
  });
  assert.equal(response.status, 200, await response.text());
});
after(async () => {
  await browser?.close();
});

test("a mother's erasure request is approved and the answer names what the law keeps", async (t) => {
  const mum = await session(browser, PHONE);
  const manager = await session(browser, DESKTOP);
  const child = `${CHILD.first} ${CHILD.last}`;

  await t.test("she asks for her daughter's records to be erased", async () => {
    await signIn(mum, MUM.email);
    await mum.goto(`${APP}/s/${settingId}/data-requests`);
    await mum.getByRole("button", { name: `Ask for ${CHILD.first}'s records to be erased` }).click();
    await mum.getByText(`Your request to erase ${CHILD.first}'s records is made.`).waitFor();
    await mum.getByRole("listitem", { name: `Request about ${child} (child)` }).getByText(/^Erasure of what the law/).waitFor();
  });

  await t.test("the manager approves it and sees what goes and what stays", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/data-requests`);
    await settled(manager);
    const card = manager.getByRole("listitem", { name: `Request from ${MUM.name} about ${child} (child)` });
    const approve = card.getByRole("form", { name: "Approve the erasure" });
    await approve.getByLabel("Anything the person should know").fill("We have erased what we may; the rest is listed with the law.");
    await shot(manager, "manager-erasure-request");
    await accessible(manager, "erasure request (manager)");
    await approve.getByRole("button", { name: "Approve the erasure" }).click();
    await card.getByText(/Erased tonight: the learning journal/).waitFor();
    assert.match(await card.innerText(), /Kept until \d{4}-\d{2}-\d{2}: accident and incident records/);
  });

  await t.test("she is told, and her page shows the answer", async () => {
    assert.match(await mailSaying(MUM.email, /Erased tonight/), /Erased tonight/);
    await mum.reload();
    await mum.getByRole("listitem", { name: `Request about ${child} (child)` }).getByText(/Erased tonight/).waitFor();
    await shot(mum, "parent-erasure-answered");
    await accessible(mum, "erasure answered (parent)");
  });
});
