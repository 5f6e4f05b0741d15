// A school in a real browser against the local stack, whose demo seeds Preston Park School
// beside the nursery (infra/local/src/seed.rs, seed_school): Year 9 with Lee Grant as its
// Learning Manager, tutor group 9RD (tutor Tia Reed: Zara Ali and Tom Hughes), Maths and
// Science 9x1, the point categories, Zara's mother Sara, and two points Tia gave Zara (Maths,
// and a behaviour point outside a lesson). The head reads the groups on School and, when
// someone else saved in between, is refused and loads theirs before saving; Tia gives Tom an
// achievement point in Maths 9x1 and is told she is the first contact; Sara reads Zara's points
// (those past the school's publishing delay) with whom to ask about each, and none of Tom's.
// The nursery's manager sees none of it. Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, call, DESKTOP, launch, noProblems, ok, PHONE, session, settled, shot, signIn, TABLET, tokenFor } from "./lib.mjs";

const SCHOOL = "Preston Park School";
const HEAD = "head@preston.test";
const TIA = "tia@preston.test";
const PARENT = "sara@families.test";
const NURSERY_MANAGER = "manager@acorns.test";

let browser;
let schoolId;
let pupils;
before(async () => {
  browser = await launch();
  const head = await tokenFor(HEAD);
  const me = await ok(head, "GET", "/v1/me");
  schoolId = me.memberships.find((m) => m.settingName === SCHOOL)?.settingId;
  assert.ok(schoolId, `${HEAD} is a manager of ${SCHOOL}`);
  const children = await ok(head, "GET", `/v1/settings/${schoolId}/children?limit=100`);
  const find = (first, last) => children.items.find((c) => c.firstName === first && c.lastName === last);
  pupils = { zara: find("Zara", "Ali"), tom: find("Tom", "Hughes") };
  assert.ok(pupils.zara && pupils.tom, "the school's two pupils are seeded");
});

after(async () => {
  await browser?.close();
});

/** Opens a page from the main navigation and waits for its heading and its sections. */
async function openFromNav(page, label, heading = label) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: label, exact: true }).click();
  await page.getByRole("heading", { name: heading, level: 1 }).waitFor();
  await settled(page);
}

/** The option a select shows as chosen. */
async function chosen(select) {
  return (await select.locator("option:checked").textContent())?.trim();
}

/** The totals line of the points list: the achievement and behaviour points. */
async function totals(page) {
  const text = await page.locator("p.totals").innerText();
  const match = /so far: (\d+) achievement points?, (\d+) behaviour points?/.exec(text);
  assert.ok(match, `the totals read "${text}"`);
  return { achievement: Number(match[1]), behaviour: Number(match[2]) };
}

test("a school: the head's groups, a point given in a lesson, and a parent's view of her daughter's points", async (t) => {
  const head = await session(browser, DESKTOP);
  const tia = await session(browser, TABLET);
  const sara = await session(browser, PHONE);

  await t.test("the head opens School and sees Year 9, its tutor group 9RD and Maths 9x1", async () => {
    await signIn(head, HEAD);
    // In a school the nav says pupils, not children.
    await head.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Pupils", exact: true }).waitFor();
    await openFromNav(head, "School");
    const year = head.getByRole("group", { name: "Year 9", exact: true });
    await year.waitFor();
    assert.equal(await year.getByLabel("Name", { exact: true }).first().inputValue(), "Year 9");
    assert.equal(await chosen(year.getByLabel("Learning Manager", { exact: true })), "Lee Grant");
    const tutorGroup = year.getByRole("group", { name: "Tutor group 9RD", exact: true });
    assert.equal(await chosen(tutorGroup.getByLabel("Tutor", { exact: true })), "Tia Reed");
    const inGroup = tutorGroup.getByRole("group", { name: "Pupils in 9RD", exact: true });
    for (const name of ["Zara Ali", "Tom Hughes"]) assert.ok(await inGroup.getByLabel(name, { exact: true }).isChecked(), `${name} is in 9RD`);
    const maths = head.getByRole("group", { name: "Maths 9x1", exact: true });
    assert.equal(await maths.getByLabel("Subject", { exact: true }).inputValue(), "Maths");
    assert.equal(await chosen(maths.getByLabel("Teacher", { exact: true })), "Tia Reed");
    assert.equal(await chosen(maths.getByLabel("Year group", { exact: true })), "Year 9");
    await head.getByRole("group", { name: "Science 9x1", exact: true }).waitFor();
    assert.match(await head.getByLabel("Achievement categories", { exact: true }).inputValue(), /^Good homework$/m);
    assert.match(await head.getByLabel("Behaviour categories", { exact: true }).inputValue(), /^Forgot equipment$/m);
    await shot(head, "school-manager");
    await accessible(head, "school (manager)");
  });

  await t.test("a save after someone else's is refused; the head loads theirs and saves", async () => {
    // Someone else saves the same groups in between (the version moves on, nothing else changes).
    const token = await tokenFor(HEAD);
    const stored = await ok(token, "GET", `/v1/settings/${schoolId}/school`);
    await ok(token, "PUT", `/v1/settings/${schoolId}/school`, stored.structure, { "If-Match": `"${stored.version}"` });
    // The API itself refuses a stale version.
    const stale = await call(token, "PUT", `/v1/settings/${schoolId}/school`, stored.structure, { "If-Match": `"${stored.version}"` });
    assert.equal(stale.status, 409, "a stale If-Match is refused");
    assert.match(stale.body.type, /conflict$/);

    await head.getByRole("button", { name: "Save the school" }).click();
    await head.getByRole("alert").filter({ hasText: "The school's groups changed since you read them" }).waitFor();
    await head.getByText(/^Someone else saved the school's groups after this page loaded/).waitFor();
    await shot(head, "school-manager-conflict");
    await accessible(head, "school conflict (manager)");
    await head.getByRole("button", { name: "Load the latest groups" }).click();
    // Said once the latest groups are read (and the form started again from them).
    await head.getByRole("status").filter({ hasText: "These are the latest groups: make your changes again, then save." }).waitFor();
    assert.equal(await head.getByRole("alert").filter({ hasText: "The school's groups changed since you read them" }).count(), 0);
    await settled(head);
    await head.getByRole("group", { name: "Year 9", exact: true }).waitFor();
    await head.getByRole("button", { name: "Save the school" }).click();
    await head.getByText("The school's groups are saved.", { exact: true }).waitFor();
    const saved = await ok(await tokenFor(HEAD), "GET", `/v1/settings/${schoolId}/school`);
    assert.equal(saved.version, stored.version + 2, "saved once more, over the other save");
    assert.deepEqual(saved.structure, stored.structure, "the groups are as they were");
    noProblems(head);
  });

  await t.test("Tia opens Points, picks Tom Hughes and gives him an achievement point in Maths 9x1", async () => {
    const stamp = Date.now();
    const reason = `Explained every step of the fractions starter ${stamp}`;
    await signIn(tia, TIA);
    await openFromNav(tia, "Points");
    const picker = tia.getByLabel("Pupil", { exact: true });
    // By tutor group: 9RD holds both pupils.
    assert.equal(await picker.locator('optgroup[label="Year 9, 9RD"] option').count(), 2);
    await picker.selectOption({ label: "Tom Hughes" });
    await tia.getByRole("heading", { name: "Tom Hughes's points", level: 2 }).waitFor();
    await settled(tia);
    const before = await totals(tia);
    const form = tia.getByRole("form", { name: "Give a point" });
    await form.getByText("Tom is in 9RD (Year 9).").waitFor();
    await form.getByRole("radio", { name: "Achievement", exact: true }).check();
    await form.getByLabel("Category", { exact: true }).selectOption("Good homework");
    await form.getByLabel("Reason", { exact: true }).fill(reason);
    await form.getByLabel("Points", { exact: true }).selectOption("2");
    const where = form.getByLabel("Where", { exact: true });
    assert.equal(await chosen(where), "Outside a lesson", "outside a lesson unless a lesson is chosen");
    await where.selectOption({ label: "Maths 9x1" });
    await form.getByLabel("Where", { exact: true }).blur();
    await shot(tia, "points-staff");
    await accessible(tia, "points (staff)");
    await form.getByRole("button", { name: "Give the point" }).click();
    await tia.getByRole("status").filter({ hasText: "Point given. First contact: Tia Reed (subject teacher)." }).waitFor();
    // The list and its totals show it.
    await tia.locator("p.totals").filter({ hasText: `so far: ${before.achievement + 2} achievement point` }).waitFor();
    assert.deepEqual(await totals(tia), { achievement: before.achievement + 2, behaviour: before.behaviour });
    const card = tia.getByRole("article", { name: "Achievement: Good homework, 2 points" }).filter({ hasText: reason });
    await card.waitFor();
    const text = await card.innerText();
    for (const words of ["Maths 9x1", "given by Tia Reed", "First contact: Tia Reed (subject teacher)"]) assert.ok(text.includes(words), `the point says "${words}"`);
    // The form is ready for the next point: the reason emptied.
    assert.equal(await form.getByLabel("Reason", { exact: true }).inputValue(), "");
    await shot(tia, "points-staff-given");
    await accessible(tia, "point given (staff)");
    noProblems(tia);
  });

  await t.test("Sara opens Points for Zara: what the publishing delay has let through, each with whom to ask", async () => {
    // The seeded points were given when the stack started: parents see them only once the
    // school's publishing delay has passed (and not before its morning time), and the local
    // stack's clock cannot be moved from here. The page must say so; the points it lists are
    // exactly those the API gives her, each with whom to ask about it.
    const token = await tokenFor(PARENT);
    const own = await ok(token, "GET", `/v1/settings/${schoolId}/children/${pupils.zara.childId}/points`);
    assert.ok(own.items.length <= 2, "at most the two seeded points");
    await signIn(sara, PARENT);
    const nav = sara.getByRole("navigation", { name: "Main" });
    await openFromNav(sara, "Points");
    assert.equal(await nav.getByRole("link", { name: "School", exact: true }).count(), 0, "the groups are the staff's");
    await sara.getByText(/^Points appear here after the school's publishing delay: .+ Please do not contact the school about a point before it appears here\.$/).waitFor();
    const zara = sara.getByRole("region", { name: "Zara Ali's points" });
    await zara.getByRole("heading", { name: "Zara Ali", level: 2 }).waitFor();
    await zara.locator("p.totals").waitFor();
    assert.deepEqual(await totals(zara), own.totals);
    const cards = zara.getByRole("article");
    assert.equal(await cards.count(), own.items.length, "the points past the delay, no more");
    for (const point of own.items) {
      const card = zara.getByRole("article", { name: new RegExp(`: ${point.category}, ${point.points} points?$`) });
      const text = await card.innerText();
      assert.ok(text.includes(point.reason), `the point says why: ${point.reason}`);
      assert.ok(text.includes(point.lesson ? `${point.lesson.subject} ${point.lesson.teachingGroup}` : "Outside a lesson"), "where it was given");
      const contact = point.firstContact.role === "subject-teacher" ? "Tia Reed, the subject teacher" : "Lee Grant, the year's Learning Manager";
      assert.ok(
        text.includes(`Ask Zara about it first. If you then want to talk to the school, contact ${contact}.`),
        `whom to ask about ${point.category}`,
      );
    }
    // Once the delay has passed: the lesson's teacher for Maths, the Learning Manager outside a lesson.
    const homework = own.items.find((p) => p.category === "Good homework");
    if (homework) assert.equal(homework.firstContact.name, "Tia Reed");
    const equipment = own.items.find((p) => p.category === "Forgot equipment");
    if (equipment) assert.equal(equipment.firstContact.name, "Lee Grant");
    await shot(sara, "points-parent");
    await accessible(sara, "points (parent)");

    // From her home page, Zara's own points page.
    await nav.getByRole("link", { name: "Home", exact: true }).click();
    await sara.getByRole("listitem", { name: "Zara Ali" }).getByRole("link", { name: "Points", exact: true }).click();
    await sara.getByRole("heading", { name: "Zara's points", level: 1 }).waitFor();
    await settled(sara);
    await sara.getByText(/^Points appear here after the school's publishing delay/).waitFor();
    await shot(sara, "points-parent-child");
    await accessible(sara, "a child's points (parent)");

    // Another pupil's points are not hers to read: the API does not say he exists.
    const toms = await call(token, "GET", `/v1/settings/${schoolId}/children/${pupils.tom.childId}/points`);
    assert.equal(toms.status, 404, "Tom's points are refused to Zara's mother");
    // Nor are the school's groups.
    const groups = await call(token, "GET", `/v1/settings/${schoolId}/school`);
    assert.equal(groups.status, 403, "the school's groups are the staff's");
    noProblems(sara);
  });

  await t.test("the nursery's manager sees nothing of schools", async () => {
    const manager = await session(browser, DESKTOP);
    await signIn(manager, NURSERY_MANAGER);
    // News reads the setting (a nursery) under the key the nav reads it by.
    await openFromNav(manager, "News");
    const nav = manager.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Children", exact: true }).waitFor();
    for (const label of ["School", "Points", "Pupils"]) assert.equal(await nav.getByRole("link", { name: label, exact: true }).count(), 0, `no ${label} in a nursery`);
    noProblems(manager);
    await manager.context().close();
  });

  await head.context().close();
  await tia.context().close();
  await sara.context().close();
});
