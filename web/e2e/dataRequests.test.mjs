// Data rights in a real browser against the local stack and demo nursery, with a child of its
// own: her mother asks for everything held about her daughter; the manager sees the request
// with its month, extends it with a reason (the mother is told), records it answered, and logs
// a request that came by letter. Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, DESKTOP, freshChild, launch, mailSaying, newParent, PHONE, session, settled, shot, signIn, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Maya", last: `Rights${stamp}` };
const MUM = { name: `Lena Rights${stamp}`, email: `lena-${stamp}@families.test`, relationship: "mother" };
const LETTER = `Tom Writer${stamp}`;

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 30));
  await newParent(settingId, childId, MUM);
});
after(async () => {
  await browser?.close();
});

test("a mother asks for her daughter's data and the manager keeps the legal clock", async (t) => {
  const mum = await session(browser, PHONE);
  const manager = await session(browser, DESKTOP);
  const child = `${CHILD.first} ${CHILD.last}`;

  await t.test("she asks in the app", async () => {
    await signIn(mum, MUM.email);
    await mum.goto(`${APP}/s/${settingId}/data-requests`);
    await mum.getByRole("heading", { name: "Your data", level: 1 }).waitFor();
    await mum.getByRole("button", { name: `Ask for everything held about ${CHILD.first}` }).click();
    await mum.getByText(`Your request about ${CHILD.first} is made.`).waitFor();
    const card = mum.getByRole("listitem", { name: `Request about ${child} (child)` });
    await card.getByText(/To be answered by/).waitFor();
    await shot(mum, "parent-data-requests");
    await accessible(mum, "your data (parent)");
    assert.match(await mailSaying(MUM.email, /received your request/), /received your request/);
  });

  await t.test("the manager sees its month, extends it and records the answer", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/data-requests`);
    await manager.getByRole("heading", { name: "Data requests", level: 1 }).waitFor();
    await settled(manager);
    const card = manager.getByRole("listitem", { name: `Request from ${MUM.name} about ${child} (child)` });
    await card.getByText(/To answer by .*: due in \d+ days/).waitFor();
    await shot(manager, "manager-data-requests");
    await accessible(manager, "data requests (manager)");
    const extend = card.getByRole("form", { name: "Extend by two months" });
    await extend.getByLabel("Why more time is needed (the person is told)").fill("Three years of records across two rooms.");
    await extend.getByRole("button", { name: "Extend by two months" }).click();
    await card.getByText("Extended by", { exact: false }).waitFor();
    assert.match(await mailSaying(MUM.email, /Three years/), /Three years of records across two rooms/);
    const answer = card.getByRole("form", { name: "Record the answer" });
    await answer.getByLabel("How it was answered, and anything withheld and why").fill("Sent as a zip by email; nothing withheld.");
    await answer.getByRole("button", { name: "Record as answered" }).click();
    await card.getByText(/Answered by .*Sent as a zip by email/).waitFor();
    assert.match(await mailSaying(MUM.email, /has answered/), /has answered your request/);
  });

  await t.test("the manager logs a request that came by letter", async () => {
    const form = manager.getByRole("form", { name: "Log a request received another way" });
    await form.getByLabel("Who made it").fill(LETTER);
    await form.getByLabel("Received by").selectOption("letter");
    await form.getByRole("button", { name: "Log the request" }).click();
    await form.getByText("Logged: the month runs from the day it was received.").waitFor();
    await manager.getByRole("listitem", { name: `Request from ${LETTER} about ${LETTER}` }).getByText(/\(letter\)/).waitFor();
  });

  await t.test("her answered request shows on her page", async () => {
    await mum.reload();
    await mum.getByRole("listitem", { name: `Request about ${child} (child)` }).getByText(/Answered .*Sent as a zip by email/).waitFor();
  });
});
