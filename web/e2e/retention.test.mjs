// Retention in a real browser against the local stack and demo nursery: the manager reads how
// long each kind of record is kept and why, is refused a shorter period than the law allows,
// keeps the journal longer, and places and lifts a legal hold on a child of the test's own.
// Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, DESKTOP, freshChild, launch, ok, session, settled, shot, signIn, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Olu", last: `Retention${stamp}` };
const REASON = `The insurer asked us to keep the records of the fall ${stamp}`;

let browser;
let settingId;
let childId;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 30));
});
after(async () => {
  // The demo setting goes back to the guidance's schedule for the other tests.
  await ok(await tokenFor(MANAGER), "PUT", `/v1/settings/${settingId}/retention`, { kind: "journal", period: { until: "after-leaving", months: 36 } });
  await browser?.close();
});

test("a manager keeps records as long as the law says, longer if she chooses, and holds a child's", async (t) => {
  const manager = await session(browser, DESKTOP);

  await t.test("she reads the schedule with the law behind each kind", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/retention`);
    await manager.getByRole("heading", { name: "Retention", level: 1 }).waitFor();
    await settled(manager);
    const accidents = manager.getByRole("listitem", { name: "Accident and incident records" });
    await accidents.getByText("Kept until the child is 21 years and 3 months old").waitFor();
    await accidents.getByText(/Limitation Act 1980/).waitFor();
    await manager.getByRole("listitem", { name: "The learning journal, with its photos and videos" }).getByText(/No law requires keeping it/).waitFor();
    await shot(manager, "manager-retention");
    await accessible(manager, "retention (manager)");
  });

  await t.test("a shorter period than the law allows is refused, a longer one kept", async () => {
    const accidents = manager.getByRole("listitem", { name: "Accident and incident records" });
    await accidents.getByLabel("Years").fill("18");
    await accidents.getByLabel("Months").fill("0");
    await accidents.getByRole("button", { name: "Save" }).click();
    await accidents.getByText(/the law requires keeping it at least as long as the guidance says/).waitFor();
    await accidents.getByText("Kept until the child is 21 years and 3 months old").waitFor();
    const journal = manager.getByRole("listitem", { name: "The learning journal, with its photos and videos" });
    await journal.getByLabel("Years").fill("6");
    await journal.getByRole("button", { name: "Save" }).click();
    await manager
      .getByRole("listitem", { name: "The learning journal, with its photos and videos" })
      .getByText("Kept 6 years after the child leaves")
      .waitFor();
    const schedule = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/retention`);
    assert.deepEqual(schedule.kinds.find((k) => k.kind === "journal").period, { until: "after-leaving", months: 72 });
  });

  await t.test("she places a legal hold on a child's records and lifts it", async () => {
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/manage`);
    await manager.getByRole("heading", { name: "Legal hold" }).waitFor();
    const place = manager.getByRole("form", { name: "Place a legal hold" });
    await place.getByLabel("What it is for").fill(REASON);
    await place.getByRole("button", { name: "Place a legal hold" }).click();
    await manager.getByText(`${CHILD.first}'s records are kept until the hold is lifted.`).waitFor();
    await manager.getByText(new RegExp(`Kept past the retention schedule.*${REASON}`)).waitFor();
    await shot(manager, "manager-legal-hold");
    await accessible(manager, "legal hold (manager)");
    const lift = manager.getByRole("form", { name: "Lift the legal hold" });
    await lift.getByLabel("Why it is lifted").fill("The claim was settled.");
    await lift.getByRole("button", { name: "Lift the legal hold" }).click();
    await manager.getByText("The legal hold is lifted: the retention schedule applies again.").waitFor();
  });
});
