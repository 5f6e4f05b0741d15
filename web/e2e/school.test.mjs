// A school in a real browser against the local stack, whose demo seeds Preston Park School
// beside the nursery (infra/local/src/seed.rs, seed_school): Year 9 with Lee Grant as its
// Learning Manager, tutor group 9RD (tutor Tia Reed: Zara Ali and Tom Hughes), Maths and
// Science 9x1, the point categories, Zara's mother Sara, and two points Tia gave Zara (Maths,
// and a behaviour point outside a lesson). The head reads the groups on School and, when
// someone else saved in between, is refused and loads theirs before saving; Tia gives Tom an
// achievement point in Maths 9x1 and is told she is the first contact; Sara reads Zara's points
// (those past the school's publishing delay) with whom to ask about each and a link to write to
// them, and none of Tom's. The school's early years do not follow the EYFS, so nobody's menu
// offers observing, ratios or key children. Tia takes 9RD's afternoon register (seed_school_register
// took the last school day's and, on a weekday, this morning's), amends Tom's mark with a
// reason, reads its history and the group's totals; Sara reads Zara's marks past the delay and
// none of Tom's. The nursery's manager sees none of it. Each screen is screenshotted and checked
// with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, APP, call, DESKTOP, launch, noProblems, ok, PHONE, session, settled, shot, signIn, TABLET, tokenFor } from "./lib.mjs";

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

/** Today on the school's clock (Europe/London), "2026-12-07". */
function schoolToday() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date());
}

/** The menu items only the EYFS brings: none of them in a school whose early years do not follow it. */
const EYFS_ONLY = ["Observe", "Contributions", "Ratios", "Key children", "Checkpoints", "Monitoring", "Observations"];

/** The school's Register is in the menu, and nothing of the EYFS. */
async function schoolMenu(page, who) {
  const nav = page.getByRole("navigation", { name: "Main" });
  const register = nav.getByRole("link", { name: "Register", exact: true });
  // Shown once the setting is read, with the rest of the menu.
  await register.waitFor();
  assert.match(await register.getAttribute("href"), /\/school-register$/, `${who}'s Register is the school's, not the nursery's`);
  for (const label of EYFS_ONLY) assert.equal(await nav.getByRole("link", { name: label, exact: true }).count(), 0, `no ${label} for ${who}`);
}

/** "96.5%" from tenths of a percent, as the pages say it; "—" (or `none`) when no session counted. */
function percent(perMille, none = "—") {
  return perMille == null ? none : `${Math.floor(perMille / 10)}.${perMille % 10}%`;
}

/** "2026-autumn" → "Autumn 2026". */
function termName(term) {
  const [year, season] = term.split("-");
  return `${season.charAt(0).toUpperCase()}${season.slice(1)} ${year}`;
}

/** "4 achievement points, 1 behaviour point". */
function pointTotals(totals) {
  const one = (n, kind) => (n === 1 ? `1 ${kind} point` : `${n} ${kind} points`);
  return `${one(totals.achievement, "achievement")}, ${one(totals.behaviour, "behaviour")}`;
}

/** A mark as the pages show it: "N Reason for absence not yet established", or "—". */
function markWords(mark) {
  return mark ? `${mark.code} ${mark.meaning}` : "—";
}

/** A calendar day as the browser's own Intl shows it ("1 Sep 2026"), as the app formats days. */
async function dayWords(page, day) {
  return page.evaluate((d) => new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`)), day);
}

/** The row of a table whose row header names `name`. */
function rowOf(table, name) {
  return table.locator("tr").filter({ has: table.page().getByRole("rowheader", { name, exact: true }) });
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
    // The demo's early years do not follow the EYFS: off, and the head's menu offers the school's
    // Register and nothing of the EYFS.
    assert.equal(await head.getByLabel("Early years follow the EYFS", { exact: true }).isChecked(), false, "the early years do not follow the EYFS");
    await head.getByText("Nursery or reception classes: turns on ratios, the learning journal and assessment.", { exact: true }).waitFor();
    await schoolMenu(head, "the head");
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
      // And a link to write to that first contact about this point.
      const write = card.getByRole("link", { name: `Message ${point.firstContact.name} about this point`, exact: true });
      const href = new URL(await write.getAttribute("href"), APP);
      assert.equal(href.pathname, `/s/${schoolId}/messages/new`);
      assert.equal(href.searchParams.get("to"), "point-contact");
      assert.equal(href.searchParams.get("pointId"), point.pointId);
      assert.equal(href.searchParams.get("child"), pupils.zara.childId);
    }
    // The totals term by term, as the API gives them.
    if (own.terms.length > 0) {
      const terms = await zara.getByRole("list", { name: "Term by term" }).getByRole("listitem").allInnerTexts();
      assert.deepEqual(
        terms,
        own.terms.map((t) => `${termName(t.term)}: ${pointTotals(t.totals)}`),
      );
    }
    // Once the delay has passed: the lesson's teacher for Maths, the Learning Manager outside a lesson.
    const homework = own.items.find((p) => p.category === "Good homework");
    if (homework) assert.equal(homework.firstContact.name, "Tia Reed");
    const equipment = own.items.find((p) => p.category === "Forgot equipment");
    if (equipment) assert.equal(equipment.firstContact.name, "Lee Grant");
    await shot(sara, "points-parent");
    await accessible(sara, "points (parent)");

    // A point's link opens the message form addressed to its first contact, the subject filled in.
    // (None is listed while the seeded points are within the delay.)
    const first = own.items[0];
    if (first) {
      await zara.getByRole("link", { name: `Message ${first.firstContact.name} about this point`, exact: true }).first().click();
      await sara.getByRole("heading", { name: "Write a message", level: 1 }).waitFor();
      await settled(sara);
      const role = first.firstContact.role === "subject-teacher" ? "the subject teacher" : "the year's Learning Manager";
      await sara.getByText(`To: ${first.firstContact.name} (${role})`, { exact: true }).waitFor();
      assert.equal(await sara.getByRole("radio").count(), 0, "no other recipient is offered");
      assert.match(await sara.getByLabel("Subject", { exact: true }).inputValue(), new RegExp(`^About the point: ${first.category}, `));
      await shot(sara, "points-parent-message");
      await accessible(sara, "a message about a point (parent)");
      await sara.goBack();
      await sara.getByRole("heading", { name: "Points", level: 1 }).waitFor();
    }

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

  await t.test("Tia takes 9RD's afternoon register, then amends Tom's mark with a reason", async () => {
    const today = schoolToday();
    const path = `/v1/settings/${schoolId}/school/registers/9rd`;
    const token = await tokenFor(TIA);
    const before = await ok(token, "GET", `${path}?date=${today}`);
    // A fresh demo: this morning's register may be taken (on a weekday), the afternoon's not.
    assert.deepEqual(
      before.pupils.map((p) => [p.firstName, p.pm ?? null]),
      [
        ["Zara", null],
        ["Tom", null],
      ],
      "9RD's afternoon register is not taken yet",
    );
    await schoolMenu(tia, "Tia");
    await openFromNav(tia, "Register");
    // Her own tutor group first.
    assert.equal(await chosen(tia.getByLabel("Tutor group", { exact: true })), "Year 9, 9RD");
    await tia.getByLabel("Tutor group", { exact: true }).selectOption({ label: "Year 9, 9RD" });
    await tia.getByLabel("Date", { exact: true }).fill(today);
    await tia.getByRole("radio", { name: "Afternoon", exact: true }).check();
    const weekday = await tia.evaluate(
      (d) => new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`)),
      today,
    );
    const table = tia.getByRole("table", { name: `9RD, Afternoon register, ${weekday}`, exact: true });
    await table.waitFor();
    await settled(tia);
    // The morning's marks beside each pupil, as the API holds them.
    for (const pupil of before.pupils) {
      assert.equal((await rowOf(table, `${pupil.firstName} ${pupil.lastName}`).getByRole("cell").first().innerText()).trim(), markWords(pupil.am));
    }
    const zaraMark = tia.getByLabel("Zara Ali's mark", { exact: true });
    const tomMark = tia.getByLabel("Tom Hughes's mark", { exact: true });
    assert.equal(await chosen(tomMark), "Not marked");
    // Only the afternoon's present code: the morning's "/" is not offered.
    assert.equal(await tomMark.locator('option[value="/"]').count(), 0, "no morning present code in the afternoon");
    assert.equal(await tomMark.locator('optgroup[label="Unauthorised absence"] option[value="N"]').count(), 1);

    await tia.getByRole("button", { name: "Mark everyone not yet marked present", exact: true }).click();
    const present = "\\ Present in the afternoon session when the register was taken";
    assert.equal(await chosen(zaraMark), present);
    assert.equal(await chosen(tomMark), present);
    await tomMark.selectOption("N");
    await shot(tia, "school-register");
    await accessible(tia, "school register (staff)");
    await tia.getByRole("button", { name: "Save the register", exact: true }).click();
    await tia.getByRole("status").filter({ hasText: "Register saved: 2 marked, 0 changed." }).waitFor();
    const taken = await ok(token, "GET", `${path}?date=${today}`);
    const pm = (register, first) => register.pupils.find((p) => p.firstName === first)?.pm;
    assert.equal(pm(taken, "Zara")?.code, "\\");
    assert.equal(pm(taken, "Tom")?.code, "N");
    assert.equal(pm(taken, "Tom")?.version, 1);
    await settled(tia);
    assert.equal(await chosen(tomMark), "N Reason for absence not yet established", "the page shows what was saved");

    // A different code over Tom's mark is an amendment: its reason is asked for, and nothing is
    // sent without it.
    await tomMark.selectOption("I");
    const reason = tia.getByLabel("Reason for changing Tom's mark", { exact: true });
    await reason.waitFor();
    const posted = [];
    const watch = (request) => request.method() === "POST" && request.url().includes("/school/registers/") && posted.push(request.url());
    tia.on("request", watch);
    await tia.getByRole("button", { name: "Save the register", exact: true }).click();
    await tia.getByRole("alert").filter({ hasText: "Not saved. Give the reason for changing Tom's mark" }).waitFor();
    assert.equal(await reason.getAttribute("aria-invalid"), "true");
    await shot(tia, "school-register-reason");
    await accessible(tia, "school register, a reason missing (staff)");
    assert.deepEqual(posted, [], "nothing is sent without the reason");
    tia.off("request", watch);
    assert.equal(pm(await ok(token, "GET", `${path}?date=${today}`), "Tom")?.code, "N", "Tom's mark is unchanged");

    await reason.fill("Mother rang: unwell");
    await tia.getByRole("button", { name: "Save the register", exact: true }).click();
    await tia.getByRole("status").filter({ hasText: "Register saved: 0 marked, 1 changed." }).waitFor();
    await settled(tia);
    assert.equal(await chosen(tomMark), "I Illness");
    // Tom's history: the first mark, then the amendment with its reason, oldest first.
    const tom = rowOf(table, "Tom Hughes");
    await tom.getByText("History", { exact: true }).click();
    const history = await tom.locator("details li").allInnerTexts();
    assert.equal(history.length, 2, "the first mark and the amendment");
    assert.match(history[0], /^N Reason for absence not yet established, by Tia Reed, /);
    assert.doesNotMatch(history[0], /Reason:/);
    assert.match(history[1], /^I Illness, by Tia Reed, .+\. Reason: Mother rang: unwell$/);
    await shot(tia, "school-register-history");
    await accessible(tia, "school register history (staff)");

    // The register holds what the page says.
    const amended = pm(await ok(token, "GET", `${path}?date=${today}`), "Tom");
    assert.equal(amended?.code, "I");
    assert.equal(amended?.version, 2);
    assert.deepEqual(
      amended?.entries.map((e) => [e.code, e.reason ?? null, e.byName]),
      [
        ["N", null, "Tia Reed"],
        ["I", "Mother rang: unwell", "Tia Reed"],
      ],
    );
    assert.equal(pm(await ok(token, "GET", `${path}?date=${today}`), "Zara")?.code, "\\");
    noProblems(tia);
  });

  await t.test("Tia follows Tutor group totals: each pupil's figures as the API gives them", async () => {
    await tia.getByRole("link", { name: "Tutor group totals", exact: true }).click();
    await tia.getByRole("heading", { name: "Tutor group totals", level: 1 }).waitFor();
    const table = tia.getByRole("table", { name: "9RD totals", exact: true });
    await table.waitFor();
    await settled(tia);
    const totals = await ok(await tokenFor(TIA), "GET", `/v1/settings/${schoolId}/school/registers/9rd/totals`);
    // This term so far unless other dates are chosen.
    assert.equal(await tia.getByLabel("From", { exact: true }).inputValue(), totals.from);
    assert.equal(await tia.getByLabel("To", { exact: true }).inputValue(), totals.to);
    assert.equal((await tia.locator("p.range").innerText()).trim(), `${await dayWords(tia, totals.from)} to ${await dayWords(tia, totals.to)}`);
    const figures = (t) => [
      percent(t.attendancePerMille),
      `${t.attendance.attended} of ${t.attendance.possible}`,
      String(t.attendance.authorisedAbsences),
      String(t.attendance.unauthorisedAbsences),
      String(t.points.achievement),
      String(t.points.behaviour),
    ];
    assert.deepEqual(
      totals.pupils.map((p) => `${p.firstName} ${p.lastName}`),
      ["Zara Ali", "Tom Hughes"],
      "both of 9RD's pupils, by surname",
    );
    for (const pupil of totals.pupils) {
      const cells = await rowOf(table, `${pupil.firstName} ${pupil.lastName}`).getByRole("cell").allInnerTexts();
      assert.deepEqual(
        cells.map((c) => c.trim()),
        figures(pupil),
        `${pupil.firstName}'s totals`,
      );
    }
    const group = await rowOf(table, "All of 9RD").getByRole("cell").allInnerTexts();
    assert.deepEqual(
      group.map((c) => c.trim()),
      figures(totals),
      "the group's totals",
    );
    // Today's afternoon is among the sessions counted: both pupils have at least one.
    for (const pupil of totals.pupils) assert.ok(pupil.attendance.possible >= 1, `${pupil.firstName} has sessions this term`);
    await shot(tia, "school-totals");
    await accessible(tia, "tutor group totals (staff)");
    noProblems(tia);
  });

  await t.test("Sara opens Attendance: Zara's marks past the publishing delay, and none of Tom's", async () => {
    // As the points: parents see a mark once the delay has passed (and not before the morning
    // time); the seeded marks were made when the stack started, so the page must list exactly
    // the days the API gives her now.
    const token = await tokenFor(PARENT);
    const own = await ok(token, "GET", `/v1/settings/${schoolId}/children/${pupils.zara.childId}/school-attendance`);
    const nav = sara.getByRole("navigation", { name: "Main" });
    await openFromNav(sara, "Attendance");
    await sara
      .getByText(
        /^Marks appear here after the school's publishing delay: not before \d\d:\d\d, and at least .+ after the register is taken\. Please do not contact the school about a mark before it appears here\.$/,
      )
      .waitFor();
    const zara = sara.getByRole("region", { name: "Zara Ali's attendance" });
    await zara.getByRole("heading", { name: "Zara Ali", level: 2 }).waitFor();
    await settled(sara);
    assert.equal(
      (await zara.locator("p.totals").innerText()).trim(),
      `Attendance this school year so far: ${percent(own.attendancePerMille, "No sessions yet")}`,
    );
    const facts = await zara.locator("dl.facts dd").allInnerTexts();
    assert.deepEqual(
      facts.map((f) => f.trim()),
      [
        `${own.totals.attended} of ${own.totals.possible} ${own.totals.possible === 1 ? "session" : "sessions"}`,
        String(own.totals.authorisedAbsences),
        String(own.totals.unauthorisedAbsences),
      ],
    );
    if (own.days.length === 0) {
      await zara.getByText("No marks to show for Zara yet this school year.", { exact: true }).waitFor();
      assert.equal(await zara.getByRole("table").count(), 0);
    } else {
      const table = zara.getByRole("table", { name: "Zara's marks, newest first", exact: true });
      const rows = table.locator("tbody tr");
      assert.equal(await rows.count(), own.days.length, "the days the API gives her, no more");
      for (const [i, d] of own.days.entries()) {
        const row = rows.nth(i);
        assert.equal((await row.getByRole("rowheader").innerText()).trim(), await dayWords(sara, d.date));
        assert.deepEqual(
          (await row.getByRole("cell").allInnerTexts()).map((c) => c.trim()),
          [markWords(d.am), markWords(d.pm)],
        );
      }
      const terms = await zara.getByRole("listitem").allInnerTexts();
      assert.deepEqual(
        terms,
        own.terms.map((t) =>
          t.attendancePerMille == null
            ? `${termName(t.term)}: no sessions counted`
            : `${termName(t.term)}: ${percent(t.attendancePerMille)}, ${t.totals.attended} of ${t.totals.possible} ${t.totals.possible === 1 ? "session" : "sessions"}`,
        ),
      );
    }
    await shot(sara, "school-attendance-parent");
    await accessible(sara, "attendance (parent)");

    // From her home page: Zara's card offers her attendance and points, nothing of the EYFS.
    await nav.getByRole("link", { name: "Home", exact: true }).click();
    const card = sara.getByRole("listitem", { name: "Zara Ali" });
    await card.getByRole("link", { name: "Points", exact: true }).waitFor();
    for (const label of ["Journal", "Development", "Add to the journal", "What you have added"]) {
      assert.equal(await card.getByRole("link", { name: label, exact: true }).count(), 0, `no ${label} in a school without the EYFS`);
    }
    assert.equal(await card.getByRole("link", { name: "Attendance", exact: true }).count(), 1, "one Attendance: the school's");
    await card.getByRole("link", { name: "Attendance", exact: true }).click();
    await sara.getByRole("heading", { name: "Zara's attendance", level: 1 }).waitFor();
    await settled(sara);
    await sara.getByText(/^Marks appear here after the school's publishing delay/).waitFor();
    await shot(sara, "school-attendance-parent-child");
    await accessible(sara, "a child's attendance (parent)");

    // Another pupil's marks are not hers to read.
    const toms = await call(token, "GET", `/v1/settings/${schoolId}/children/${pupils.tom.childId}/school-attendance`);
    assert.equal(toms.status, 404, "Tom's attendance is refused to Zara's mother");
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
    // The nursery's own register, and the EYFS's pages: it applies in every nursery.
    assert.match(await nav.getByRole("link", { name: "Register", exact: true }).getAttribute("href"), /\/register$/);
    for (const label of ["Observe", "Contributions", "Ratios", "Checkpoints", "Monitoring", "Observations"]) await nav.getByRole("link", { name: label, exact: true }).waitFor();
    noProblems(manager);
    await manager.context().close();
  });

  await head.context().close();
  await tia.context().close();
  await sara.context().close();
});
