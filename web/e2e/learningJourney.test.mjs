// The learning journey in a real browser against the local stack and demo nursery, with a
// child of its own: her mother asks for it from the journal, watches it being made in the
// background, is emailed, and downloads the PDF (her daughter's observation and her own
// contribution in it) and the archive; the manager finds the same journey from the child's
// page and sends it to her school, whose single-use link opens the files once. Each screen is
// screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { accessible, DESKTOP, freshChild, lastMailTo, launch, newParent, ok, PHONE, session, settled, shot, signIn, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Rosa", last: `Journey${stamp}` };
const MUM = { name: `Ana Journey${stamp}`, email: `ana-${stamp}@families.test`, relationship: "mother" };
const OBSERVED = `Rosa sorted the shells by size ${stamp}`;
const FROM_HOME = `Rosa baked bread with us ${stamp}`;
const SCHOOL = { name: "Hill Primary School", email: `reception-${stamp}@hill-primary.test` };

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 40));
  await newParent(settingId, childId, MUM);
  // An observation by the manager and a contribution from home, approved.
  const manager = await tokenFor(MANAGER);
  await ok(manager, "POST", `/v1/settings/${settingId}/observations`, { text: OBSERVED, children: [childId], areas: ["mathematics"] });
  const made = await ok(await tokenFor(MUM.email), "POST", `/v1/settings/${settingId}/children/${childId}/contributions`, { text: FROM_HOME });
  await ok(manager, "POST", `/v1/settings/${settingId}/contributions/${made.contributionId}/approve`);
});
after(async () => {
  await browser?.close();
});

test("a mother keeps her daughter's learning journey as a PDF and an archive", async (t) => {
  const mum = await session(browser, PHONE);
  const manager = await session(browser, DESKTOP);
  const journey = () => mum.getByRole("listitem", { name: /^Learning journey of / });

  await t.test("she asks for it from the journal and it is made in the background", async () => {
    await signIn(mum, MUM.email);
    await mum.goto(`${APP}/s/${settingId}/children/${childId}/journal`);
    await mum.getByRole("heading", { name: `${CHILD.first}'s learning journal`, level: 1 }).waitFor();
    await mum.getByRole("link", { name: "Keep the learning journey (PDF and archive)" }).click();
    await mum.getByRole("heading", { name: `${CHILD.first}'s learning journey`, level: 1 }).waitFor();
    await settled(mum);
    await mum.getByText("None yet.").waitFor();
    await mum.getByRole("button", { name: `Make ${CHILD.first}'s learning journey` }).click();
    await mum.getByText(/It is being made/).waitFor();
    // The page reads the list again while it is being made: the download buttons appear.
    await journey().getByRole("button", { name: "Download the PDF" }).waitFor({ timeout: 30_000 });
    assert.match(await journey().innerText(), /2 entries, 0 photos and videos\. PDF \d+ kB/);
    await shot(mum, "parent-learning-journey");
    await accessible(mum, "learning journey (parent)");
    const mail = await lastMailTo(MUM.email);
    assert.match(mail, /learning journey/);
    assert.match(mail, new RegExp(`/s/${settingId}/children/${childId}/journey`));
  });

  await t.test("she downloads the PDF and the archive", async () => {
    const [pdf] = await Promise.all([mum.waitForEvent("download"), journey().getByRole("button", { name: "Download the PDF" }).click()]);
    assert.match(pdf.suggestedFilename(), /^Rosa-learning-journey\.pdf$/);
    const bytes = await readFile(await pdf.path());
    assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
    const text = bytes.toString("latin1");
    assert.ok(text.includes(OBSERVED) && text.includes(FROM_HOME), "the observation and the contribution are in the PDF");
    const [archive] = await Promise.all([mum.waitForEvent("download"), journey().getByRole("button", { name: "Download the archive" }).click()]);
    assert.match(archive.suggestedFilename(), /^Rosa-learning-journey\.zip$/);
    const zip = await readFile(await archive.path());
    assert.equal(zip.subarray(0, 2).toString(), "PK");
    assert.ok(zip.includes("learning-journey.json") && zip.includes(FROM_HOME), "the archive holds the JSON of the same content");
    // One a day: today's is made, so the page offers no second (the API would refuse it, 409).
    await mum.getByText("Today's is below; another can be made from tomorrow.").waitFor();
    assert.equal(await mum.getByRole("button", { name: `Make ${CHILD.first}'s learning journey` }).count(), 0);
  });

  await t.test("the manager finds the same journey from the child's page", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/manage`);
    await manager.getByRole("heading", { name: `${CHILD.first} ${CHILD.last}`, level: 1 }).waitFor();
    await manager.getByRole("link", { name: "Learning journey" }).click();
    await manager.getByRole("heading", { name: `${CHILD.first}'s learning journey`, level: 1 }).waitFor();
    await settled(manager);
    await manager.getByText(`By ${MUM.name}`, { exact: false }).waitFor();
    await shot(manager, "manager-learning-journey");
    await accessible(manager, "learning journey (manager)");
  });

  await t.test("the manager sends it to her school, whose link opens the files once", async () => {
    const form = manager.getByRole("form", { name: "Send to the next school or setting" });
    await form.getByLabel("School or setting").fill(SCHOOL.name);
    await form.getByLabel("Their email address").fill(SCHOOL.email);
    await form.getByRole("button", { name: "Send the link" }).click();
    await form.getByText(`Sent to ${SCHOOL.name}`).waitFor();
    await manager.getByText(new RegExp(`To ${SCHOOL.name} \\(${SCHOOL.email}\\) by .*link open until`)).waitFor();
    const token = (await lastMailTo(SCHOOL.email)).match(/\/transfer\/([0-9a-f]+)/)?.[1];
    assert.ok(token, "the school's email carries the link");

    // The school's browser: nobody signed in.
    const school = await session(browser, DESKTOP);
    await school.goto(`${APP}/transfer/${token}`);
    await school.getByRole("heading", { name: "A learning journey sent to you", level: 1 }).waitFor();
    await shot(school, "school-transfer-link");
    await accessible(school, "transfer link (school)");
    await school.getByRole("button", { name: "Download the learning journey" }).click();
    await school.getByRole("heading", { name: `${CHILD.first}'s learning journey`, level: 1 }).waitFor();
    const [pdf] = await Promise.all([school.waitForEvent("download"), school.getByRole("link", { name: "The learning journey (PDF)" }).click()]);
    const bytes = await readFile(await pdf.path());
    assert.ok(bytes.toString("latin1").includes(FROM_HOME), "the school gets the family's copy");
    await shot(school, "school-transfer-opened");
    await accessible(school, "transfer opened (school)");

    // Used once: opening the link again is refused, and the manager sees it was downloaded.
    await school.goto(`${APP}/transfer/${token}`);
    await school.getByRole("button", { name: "Download the learning journey" }).click();
    await school.getByText("Ask the setting that sent it to send it again.").waitFor();
    await manager.reload();
    await manager.getByText(new RegExp(`To ${SCHOOL.name} .*downloaded`)).waitFor();
  });
});
