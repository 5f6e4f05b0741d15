// Private messages in a real browser against the local stack and demo nursery. A family of its
// own (a child registered and two parents invited through the API, so no other test's changes
// touch it): a mother writes to her child's key person and reads the answer, each side seeing
// the other has read it; the manager marks the parents as separate households, writes to both
// (one thread each) and to the room's families, the mother answers in her thread and the father
// never sees it; then the father's link is withdrawn and the thread he had open is gone. The
// inbox, a thread and the compose page are screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, APP, call, DESKTOP, freshChild, launch, newParent, noProblems, ok, PHONE, session, settled, shot, signIn, tokenFor } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const PRACTITIONER = "priya@acorns.test";
const KEY_PERSON = "Priya Patel";
const stamp = Date.now();
const CHILD = { first: "Poppy", last: `Stamp${stamp}` };
const MUM = { name: `Rosa Stamp${stamp}`, email: `rosa-${stamp}@families.test` };
const DAD = { name: `Tom Stamp${stamp}`, email: `tom-${stamp}@families.test`, relationship: "father" };

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshFamily());
});
after(async () => {
  await browser?.close();
});

/** Poppy in the babies' room with Priya as key person, and her mother linked. */
async function freshFamily() {
  const made = await freshChild(CHILD.first, CHILD.last);
  await newParent(made.settingId, made.childId, MUM);
  return made;
}

async function openMessages(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Messages", exact: true }).click();
  await page.getByRole("heading", { name: "Messages", level: 1 }).waitFor();
  await settled(page);
}

async function openThread(page, subject) {
  await openMessages(page);
  await page.getByRole("link", { name: subject }).first().click();
  await page.getByRole("heading", { name: subject, level: 1 }).waitFor();
  await settled(page);
}

/** What a sender is told: sent, or (outside the demo's opening hours) when staff will hear. */
const SENT = /Sent\.|The setting is closed now, so staff will be told/;

test("a parent writes to the key person, who answers, and each sees the other has read it", async (t) => {
  const subject = `Poppy's teeth ${stamp}`;
  const question = `Poppy was up in the night with a tooth ${stamp}: could she nap after lunch?`;
  const answer = `Of course: she can sleep until she wakes ${stamp}`;
  const mum = await session(browser, PHONE);
  const priya = await session(browser, DESKTOP);

  await t.test("the mother writes to Poppy's key person", async () => {
    await signIn(mum, MUM.email);
    await openMessages(mum);
    await mum.getByRole("link", { name: "Write a message" }).click();
    await mum.getByRole("heading", { name: "Write a message", level: 1 }).waitFor();
    await settled(mum);
    // The child's name arrives with its record; the one child is chosen already.
    await mum.getByLabel("About").locator("option", { hasText: CHILD.last }).waitFor({ state: "attached" });
    assert.equal(await mum.getByLabel("About").locator("option:checked").innerText(), `${CHILD.first} ${CHILD.last}`);
    await mum.getByLabel(`${KEY_PERSON}, the key person`).check();
    assert.ok(!(await mum.getByText("Every family").count()), "a parent never writes to other families");
    await mum.getByLabel("Subject").fill(subject);
    await mum.getByLabel("Message", { exact: true }).fill(question);
    await mum.getByLabel("Message", { exact: true }).blur();
    await shot(mum, "parent-message-compose");
    await accessible(mum, "writing a message (parent)");
    await mum.getByRole("button", { name: "Send message" }).click();
    await mum.getByRole("heading", { name: subject, level: 1 }).waitFor();
    await mum.getByRole("status").filter({ hasText: SENT }).first().waitFor();
    await mum.getByText(question).waitFor();
  });

  await t.test("the key person finds it new in her inbox and answers", async () => {
    await signIn(priya, PRACTITIONER);
    await openMessages(priya);
    const card = priya.getByRole("listitem").filter({ hasText: subject });
    await card.getByText("New", { exact: true }).waitFor();
    assert.match(await card.innerText(), new RegExp(`About ${CHILD.first} ${CHILD.last}`));
    await shot(priya, "staff-messages-inbox");
    await accessible(priya, "messages inbox (practitioner)");
    await openThread(priya, subject);
    await priya.getByText(question).waitFor();
    await priya.getByLabel("Your reply").fill(answer);
    await priya.getByRole("button", { name: "Send reply" }).click();
    await priya.getByRole("status").filter({ hasText: "Sent." }).waitFor();
    await priya.getByText(answer).waitFor();
  });

  await t.test("the mother reads the answer; both see the other has read theirs", async () => {
    await mum.reload();
    await mum.getByRole("heading", { name: subject, level: 1 }).waitFor();
    await settled(mum);
    const reply = mum.getByRole("article", { name: new RegExp(`^${KEY_PERSON}`) });
    await reply.getByText(answer).waitFor();
    // The demo nursery shows read receipts both ways.
    await mum.getByRole("article", { name: /^You/ }).getByText(`Seen by ${KEY_PERSON}`).waitFor();
    await shot(mum, "parent-message-thread");
    await accessible(mum, "a thread (parent)");
    await priya.reload();
    await settled(priya);
    await priya.getByRole("article", { name: /^You/ }).getByText(`Seen by ${MUM.name}`).waitFor();
    noProblems(mum);
    noProblems(priya);
  });
  await mum.context().close();
  await priya.context().close();
});

test("separated parents each get their own thread, and a withdrawn link loses it at once", async (t) => {
  const subject = `Parents' evening ${stamp}`;
  const mumsAnswer = `Tuesday please, and not at the same time as her father ${stamp}`;
  const manager = await session(browser, DESKTOP);
  const mum = await session(browser, PHONE);
  const dad = await session(browser, PHONE);
  await newParent(settingId, childId, DAD);

  await t.test("the manager marks the parents as separate households", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/manage`);
    await manager.getByRole("heading", { name: "Parents and family" }).waitFor();
    await settled(manager);
    for (const [parent, household] of [
      [MUM, "1"],
      [DAD, "2"],
    ]) {
      const card = manager.getByRole("listitem").filter({ has: manager.getByRole("heading", { name: parent.name }) });
      await card.getByLabel(`Household for messages (${parent.name})`).selectOption(household);
      await card.getByRole("button", { name: "Save household" }).click();
      await card.getByText(`${parent.name} is in household ${household}`).waitFor();
    }
  });

  await t.test("the manager writes to Poppy's parents: two households, two threads", async () => {
    await openMessages(manager);
    await manager.getByRole("link", { name: "Write a message" }).click();
    await manager.getByRole("heading", { name: "Write a message", level: 1 }).waitFor();
    await manager.getByLabel("One child's parents").check();
    await manager.getByLabel("Child", { exact: true }).selectOption({ label: `${CHILD.first} ${CHILD.last}` });
    const count = manager.getByRole("status", { name: "Who this reaches" });
    await count.getByText("This reaches 2 parents now.").waitFor();
    await count.getByText("The parents live in 2 separate households").waitFor();
    await manager.getByLabel("Subject").fill(subject);
    await manager.getByLabel("Message", { exact: true }).fill(`Please book a slot for Poppy's progress chat ${stamp}.`);
    await manager.getByLabel("Message", { exact: true }).blur();
    await shot(manager, "manager-message-compose");
    await accessible(manager, "writing a message (manager)");
    await manager.getByRole("button", { name: "Send message" }).click();
    await manager.getByText("Sent to the child's 2 households, each in its own thread.").waitFor();
    const threads = manager.getByRole("listitem").filter({ hasText: subject });
    await threads.nth(1).waitFor();
    assert.equal(await threads.count(), 2, "one thread per household in the staff inbox");
    await shot(manager, "manager-messages-inbox");
    await accessible(manager, "messages inbox (manager)");
  });

  await t.test("the manager writes to the babies' room; families read it and answer privately", async () => {
    await manager.getByRole("link", { name: "Write a message" }).click();
    await manager.getByLabel("A room's families").check();
    await manager.getByLabel("Room", { exact: true }).selectOption({ label: "Acorns (babies)" });
    await manager.getByRole("status", { name: "Who this reaches" }).getByText(/This reaches \d+ adults of \d+ children now\./).waitFor();
    await manager.getByLabel("Subject").fill(`Wellies ${stamp}`);
    await manager.getByLabel("Message", { exact: true }).fill("Please bring wellies on Thursday.");
    await manager.getByRole("button", { name: "Send message" }).click();
    await manager.getByRole("heading", { name: `Wellies ${stamp}`, level: 1 }).waitFor();
  });

  await t.test("the mother answers in her household's thread", async () => {
    await signIn(mum, MUM.email);
    await openThread(mum, `Wellies ${stamp}`);
    assert.equal(await mum.getByLabel("Your reply").count(), 0, "a broadcast takes no replies");
    await mum.getByRole("link", { name: "write a message of your own" }).waitFor();
    await openThread(mum, subject);
    await mum.getByLabel("Your reply").fill(mumsAnswer);
    await mum.getByRole("button", { name: "Send reply" }).click();
    await mum.getByRole("status").filter({ hasText: SENT }).first().waitFor();
    await mum.getByText(mumsAnswer).waitFor();
  });

  await t.test("the father reads his own thread and never the mother's words, name or address", async () => {
    await signIn(dad, DAD.email);
    await openThread(dad, subject);
    await dad.getByText(`Please book a slot for Poppy's progress chat ${stamp}.`).waitFor();
    const text = await dad.locator("main").innerText();
    for (const secret of [mumsAnswer, MUM.name, MUM.email]) assert.ok(!text.includes(secret), `the father's thread shows nothing of the mother's: ${secret}`);
    const inbox = await ok(await tokenFor(DAD.email), "GET", `/v1/settings/${settingId}/threads`);
    assert.equal(inbox.items.filter((t) => t.subject === subject).length, 1, "one thread of his own");
    assert.ok(!JSON.stringify(inbox).includes(MUM.name));
    await shot(dad, "parent-household-thread");
    await accessible(dad, "a household's thread (parent)");
  });

  await t.test("the father's link is withdrawn: the thread he has open is gone on his next request", async () => {
    const threadUrl = dad.url();
    const manager = await tokenFor(MANAGER);
    const dadsToken = await tokenFor(DAD.email);
    const me = await ok(dadsToken, "GET", "/v1/me");
    await ok(manager, "POST", `/v1/settings/${settingId}/children/${childId}/guardians/${me.userId}/revoke`, { reason: "court-order" });
    const refused = await call(dadsToken, "GET", `/v1/settings/${settingId}/threads/${threadUrl.split("/").pop()}`);
    assert.equal(refused.status, 403, "the API refuses the old token at once");
    // The page he reloads is told his access was withdrawn (his last link went, so he is also
    // signed out everywhere: he may instead be asked to sign in again).
    await dad.reload();
    await dad
      .getByRole("alert")
      .filter({ hasText: "Your access to this setting has been withdrawn" })
      .or(dad.getByRole("heading", { name: "Access withdrawn", level: 1 }))
      .or(dad.getByRole("button", { name: "Sign in" }))
      .first()
      .waitFor();
    assert.ok(!(await dad.locator("main").innerText()).includes("progress chat"), "no message is left on screen");
    await shot(dad, "parent-withdrawn-thread");
    noProblems(dad);
  });
  noProblems(manager);
  noProblems(mum);
  await manager.context().close();
  await mum.context().close();
  await dad.context().close();
});
