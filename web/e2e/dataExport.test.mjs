// A subject access request answered in a real browser against the local stack and demo
// nursery, with a child of its own: her mother asks for everything held about her son; the
// manager gathers it (in the background while the page waits), reviews the items, withholds a
// comment that names another child with a reason, and releases the rest; the mother is
// emailed and downloads the PDF (the observation and the diary in it, the withheld comment
// only as its reason) and the archive. Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { accessible, DESKTOP, freshChild, launch, mailSaying, newParent, ok, PHONE, session, settled, shot, signIn, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Idris", last: `Export${stamp}` };
const MUM = { name: `Nia Export${stamp}`, email: `nia-${stamp}@families.test`, relationship: "mother" };
const OBSERVED = `Idris built a den ${stamp}`;
const DIARY = `Idris slept well ${stamp}`;
const NAMES_ANOTHER = `Idris and Sam shared the spade ${stamp}`;
const REASON = "It names another child.";

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 36));
  await newParent(settingId, childId, MUM);
  // An observation with a staff comment naming another child, and a diary note.
  const manager = await tokenFor(MANAGER);
  const observed = await ok(manager, "POST", `/v1/settings/${settingId}/observations`, { text: OBSERVED, children: [childId], areas: ["physical-development"] });
  await ok(manager, "POST", `/v1/settings/${settingId}/observations/${observed.observationId}/comments`, { text: NAMES_ANOTHER });
  await ok(manager, "POST", `/v1/settings/${settingId}/children/${childId}/diary`, { kind: "note", text: DIARY });
});
after(async () => {
  await browser?.close();
});

test("a mother's request is gathered, reviewed with one item withheld, released and downloaded", async (t) => {
  const mum = await session(browser, PHONE);
  const manager = await session(browser, DESKTOP);
  const child = `${CHILD.first} ${CHILD.last}`;
  const mine = () => mum.getByRole("listitem", { name: `Request about ${child} (child)` });
  const card = () => manager.getByRole("listitem", { name: `Request from ${MUM.name} about ${child} (child)` });

  await t.test("she asks in the app", async () => {
    await signIn(mum, MUM.email);
    await mum.goto(`${APP}/s/${settingId}/data-requests`);
    await mum.getByRole("button", { name: `Ask for everything held about ${CHILD.first}` }).click();
    await mine().getByText(/To be answered by/).waitFor();
  });

  await t.test("the manager gathers everything held and reviews it", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/data-requests`);
    await settled(manager);
    await card().getByRole("button", { name: "Gather everything held" }).click();
    // The list is read again while it is gathered in the background.
    await card().getByRole("link", { name: "Review the export" }).click({ timeout: 30_000 });
    await manager.getByRole("heading", { name: "Review the export", level: 1 }).waitFor();
    await settled(manager);
    for (const kind of ["The child's record", "Observation", "Comment", "Daily diary", "Access log"]) {
      await manager.getByRole("listitem", { name: new RegExp(`^${kind}: `) }).first().waitFor();
    }
    const comment = manager.getByRole("listitem", { name: /^Comment: / });
    await comment.getByText("What it holds").click();
    await comment.getByText(NAMES_ANOTHER).waitFor();
    await shot(manager, "manager-export-review");
    await accessible(manager, "export review (manager)");
  });

  await t.test("she withholds the comment naming another child with a reason, then releases the rest", async () => {
    const comment = manager.getByRole("listitem", { name: /^Comment: / });
    await comment.getByLabel("Why it is withheld (the person reads this)").fill(REASON);
    await comment.getByRole("button", { name: "Withhold" }).click();
    await manager.getByRole("listitem", { name: /^Comment: / }).getByText(`Withheld by`, { exact: false }).waitFor();
    await manager.getByRole("status").filter({ hasText: /items gathered, 1 withheld/ }).waitFor();
    await manager.getByRole("button", { name: /^Release \d+ items$/ }).click();
    await manager.getByText(/^Released: the files are being made/).waitFor();
    await manager.getByRole("link", { name: "Data requests" }).first().click();
    await card().getByText(/^Released: \d+ items, 1 withheld/).waitFor({ timeout: 30_000 });
    await card().getByText(/Answered by .*Released everything held/).waitFor();
  });

  await t.test("she is told and downloads the PDF and the archive", async () => {
    assert.match(await mailSaying(MUM.email, /was answered|is answered/), new RegExp(`/s/${settingId}/data-requests`));
    await mum.reload();
    await mine().getByRole("button", { name: "Download the PDF" }).waitFor();
    await shot(mum, "parent-data-export");
    await accessible(mum, "your data, released (parent)");
    const [pdf] = await Promise.all([mum.waitForEvent("download"), mine().getByRole("button", { name: "Download the PDF" }).click()]);
    assert.equal(pdf.suggestedFilename(), "your-data.pdf");
    const text = (await readFile(await pdf.path())).toString("latin1");
    assert.ok(text.startsWith("%PDF-"));
    assert.ok(text.includes(OBSERVED) && text.includes(DIARY) && text.includes(REASON), "the observation, the diary and the reason");
    assert.ok(!text.includes(NAMES_ANOTHER), "never the withheld comment");
    const [archive] = await Promise.all([mum.waitForEvent("download"), mine().getByRole("button", { name: "Download the archive" }).click()]);
    assert.equal(archive.suggestedFilename(), "your-data.zip");
    const zip = await readFile(await archive.path());
    assert.ok(zip.includes("your-data.json") && zip.includes(OBSERVED) && !zip.includes(NAMES_ANOTHER));
  });
});
