// Sessions and bookings in a real browser against the local stack and demo nursery, with a
// child of its own: the manager sets up the sessions, the notice and the room's capacity, and
// gives the child a regular week and her 30 funded hours; the child's mother, who sees when the
// code is due, asks for an extra afternoon at short notice, which waits; the manager approves it
// with a note and she is told by email and sees it booked; the manager issues the month's
// invoices, and the mother reads hers and downloads it as a PDF; a correction, her payment
// and a refund to her childcare account; her father linked and the bill split by item between
// them. Next week's staffing shows
// the staff the room needs for her, against the rota the manager records. Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { accessible, DESKTOP, freshChild, launch, mailSaying, newParent, ok, PHONE, session, settled, shot, signIn, SHOTS, tokenFor, APP } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const stamp = Date.now();
const CHILD = { first: "Noor", last: `Bookings${stamp}` };
const MUM = { name: `Hana Bookings${stamp}`, email: `hana-${stamp}@families.test`, relationship: "mother" };
const DAD = { name: `Sami Bookings${stamp}`, email: `sami-${stamp}@families.test`, relationship: "father" };

/** The setting's date, `days` on (YYYY-MM-DD, London). */
function londonDay(days = 0) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date(Date.now() + days * 86_400_000));
}

/** The first weekday after today: inside any week's notice. */
function nextWeekday() {
  for (let days = 1; ; days++) {
    const date = londonDay(days);
    const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) return date;
  }
}

let browser;
let settingId;
let childId;
let roomName;
before(async () => {
  browser = await launch();
  ({ settingId, childId } = await freshChild(CHILD.first, CHILD.last, 36));
  await newParent(settingId, childId, MUM);
  const manager = await tokenFor(MANAGER);
  const child = await ok(manager, "GET", `/v1/settings/${settingId}/children/${childId}`);
  const rooms = await ok(manager, "GET", `/v1/settings/${settingId}/rooms`);
  roomName = rooms.items.find((r) => r.id === child.roomId).name;
});
after(async () => {
  await browser?.close();
});

test("a family's extra session waits for a manager, who approves it", async (t) => {
  const manager = await session(browser, DESKTOP);
  const mum = await session(browser, PHONE);
  const date = nextWeekday();

  await t.test("the manager sets up the sessions, the notice and the room's capacity", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/bookings/setup`);
    await manager.getByRole("heading", { name: "Sessions and terms", level: 1 }).waitFor();
    await settled(manager);
    const existing = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/booking-setup`);
    for (const [name, starts, ends, per, price] of [
      ["Morning", "08:00", "13:00", "session", "32"],
      ["Afternoon", "13:00", "18:00", "hour", "6.50"],
    ]) {
      if (existing.setup.sessions.some((s) => s.name === name)) continue;
      const form = manager.getByRole("form", { name: "Add a session" });
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("Starts").fill(starts);
      await form.getByLabel("Ends").fill(ends);
      await form.getByLabel("Priced").selectOption(per);
      await form.getByLabel("Price (£)").fill(price);
      await form.getByRole("button", { name: "Add the session" }).click();
      // The list reads the setup again, and the form starts afresh for the next one.
      await manager.getByRole("listitem", { name }).waitFor();
    }
    await manager.getByRole("listitem", { name: "Afternoon" }).getByText("£6.50 an hour").waitFor();
    const rules = manager.getByRole("form", { name: "Notice and capacity" });
    await rules.getByLabel("Notice (days)").fill("7");
    await rules.getByLabel(roomName).fill("12");
    await rules.getByRole("button", { name: "Save notice and capacity" }).click();
    await manager.getByText("Saved.").waitFor();
    const saved = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/booking-setup`);
    assert.equal(saved.setup.noticeDays, 7);
    assert.equal(Object.values(saved.setup.capacities).includes(12), true);
    await shot(manager, "manager-booking-setup");
    await accessible(manager, "booking setup (manager)");
  });

  await t.test("she gives the child a regular week of mornings", async () => {
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/manage`);
    await manager.getByRole("link", { name: "Bookings and regular week" }).click();
    await manager.getByRole("heading", { name: `${CHILD.first}'s bookings`, level: 1 }).waitFor();
    const week = manager.getByRole("form", { name: "Regular week" });
    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await week.getByLabel(`Morning (${day})`).check();
    await week.getByRole("button", { name: "Save the regular week" }).click();
    await manager.getByText(/Regular week from .*Monday Morning; Tuesday Morning/).waitFor();
  });

  await t.test("she records the child's 30 funded hours with the family's code", async () => {
    const add = manager.getByRole("form", { name: "Add funded hours" });
    await add.getByLabel("Entitlement").selectOption("working-parent-30");
    await add.getByLabel("Taken").selectOption("stretched");
    await add.getByLabel("Weeks").fill("51");
    await add.getByLabel("From").fill(londonDay());
    await add.getByLabel("Eligibility code").fill("50012345678");
    await add.getByLabel("Reconfirm by").fill(londonDay(60));
    await add.getByLabel("Grace period ends").fill(londonDay(90));
    await add.getByRole("button", { name: "Add the funded hours" }).click();
    const claim = manager.getByRole("listitem", { name: "30 hours for working parents (from 9 months)" });
    await claim.getByText(/1,140 hours a year, stretched over 51 weeks/).waitFor();
    await claim.getByText("Funded.").waitFor();
    await shot(manager, "manager-child-bookings");
    await accessible(manager, "child bookings and funding (manager)");
  });

  await t.test("next week's staffing shows the staff she needs, and the rota she records against it", async () => {
    const staff = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/staff`);
    const priya = staff.items.find((s) => s.email === "priya@acorns.test");
    await manager.goto(`${APP}/s/${settingId}/staffing`);
    await manager.getByRole("heading", { name: "Staffing", level: 1 }).waitFor();
    await settled(manager);
    const table = manager.getByRole("region", { name: `${roomName}: children booked, staff needed and on the rota (scroll sideways on small screens)` });
    await table.getByText("1 child · 1 needed").first().waitFor();
    const add = manager.getByRole("form", { name: "Add a shift" });
    await add.getByLabel("Who").selectOption({ label: priya.name });
    await add.getByLabel("Room").selectOption({ label: roomName });
    await add.getByLabel("Day").selectOption("monday");
    await add.getByLabel("Starts").fill("08:00");
    await add.getByLabel("Ends").fill("13:00");
    await add.getByRole("button", { name: "Add the shift" }).click();
    await manager.getByText("Shift added.").waitFor();
    await manager.getByText(`${priya.name}: ${roomName}, Monday 08:00–13:00`).waitFor();
    await table.getByText("1 child · 1 needed · 1 on the rota").first().waitFor();
    await table.getByText("1 child · 1 needed · 0 on the rota (short)").first().waitFor();
    await shot(manager, "manager-staffing");
    await accessible(manager, "staffing (manager)");
  });

  await t.test("her mother asks for an extra afternoon at short notice, and it waits", async () => {
    await signIn(mum, MUM.email);
    await mum.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await mum.getByRole("heading", { name: `${CHILD.first}'s bookings`, level: 1 }).waitFor();
    await settled(mum);
    if (date.slice(0, 7) !== londonDay().slice(0, 7)) await mum.getByRole("button", { name: "Later month" }).click();
    await mum.locator("li", { hasText: "Morning 08:00–13:00" }).first().waitFor();
    const ask = mum.getByRole("form", { name: "Ask for an extra session" });
    await ask.getByLabel("Day").fill(date);
    await ask.getByLabel("Session").selectOption({ label: "Afternoon 13:00–18:00, £6.50 an hour" });
    await mum.getByRole("listitem", { name: "30 hours for working parents (from 9 months)" }).getByText(/Code 50012345678: reconfirm with HMRC by/).waitFor();
    await ask.getByRole("button", { name: "Ask for it" }).click();
    await mum.getByText("Extra Afternoon: Waiting for a manager: asked at short notice").waitFor();
    await shot(mum, "parent-bookings");
    await accessible(mum, "bookings (parent)");
  });

  await t.test("the manager approves it with a note; the mother is told and sees it booked", async () => {
    await manager.goto(`${APP}/s/${settingId}/bookings`);
    await manager.getByRole("heading", { name: "Bookings", level: 1 }).waitFor();
    await settled(manager);
    const card = manager.getByRole("listitem", { name: new RegExp(`^${CHILD.first} ${CHILD.last}: Extra Afternoon`) });
    await card.getByText(/asked at short notice/).waitFor();
    await card.getByText(`${roomName}: 0 booked then of 12.`).waitFor();
    await card.getByLabel("Note for the family").fill("See you in the afternoon.");
    await shot(manager, "manager-booking-requests");
    await accessible(manager, "booking requests (manager)");
    await card.getByRole("button", { name: "Approve" }).click();
    await manager.getByText("Nothing waits.").or(manager.getByText("Approved: it is booked.")).first().waitFor();
    const mail = await mailSaying(MUM.email, /booking request/i);
    assert.match(mail, /an extra Afternoon session .* has been approved: it is booked/);
    assert.match(mail, /See you in the afternoon\./);
    await mum.reload();
    if (date.slice(0, 7) !== londonDay().slice(0, 7)) await mum.getByRole("button", { name: "Later month" }).click();
    await mum.getByText("Extra Afternoon: Booked (“See you in the afternoon.”)").waitFor();
    await mum.locator("li", { hasText: "Afternoon 13:00–18:00 (extra)" }).first().waitFor();
  });

  await t.test("the manager issues the month's invoices, and the mother reads hers and downloads it", async (st) => {
    // A month's invoices are issued once it has begun: this month needs a weekday left.
    const left = [0, 1, 2, 3, 4, 5, 6, 7]
      .map((d) => londonDay(d))
      .filter((d) => d.slice(0, 7) === londonDay().slice(0, 7))
      .some((d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()));
    if (!left) return st.skip("no weekday is left in this month to invoice");
    // Lunch offered every weekday; the mother pays, and opted into it.
    await manager.goto(`${APP}/s/${settingId}/bookings/setup`);
    await manager.getByRole("heading", { name: "Sessions and terms", level: 1 }).waitFor();
    await settled(manager);
    const setup = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/booking-setup`);
    if (!(setup.setup.extras ?? []).some((e) => e.name === "Lunch")) {
      const form = manager.getByRole("form", { name: "Add an extra" });
      await form.getByLabel("Kind").selectOption("food");
      await form.getByLabel("Extra").fill("Lunch");
      await form.getByLabel("Price a day (£)").fill("3.50");
      await form.getByRole("button", { name: "Add the extra" }).click();
    }
    await manager.getByText("Lunch (food): £3.50 on Monday, Tuesday, Wednesday, Thursday, Friday").waitFor();
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await manager.getByRole("heading", { name: `${CHILD.first}'s bookings`, level: 1 }).waitFor();
    await settled(manager);
    const pays = manager.getByRole("form", { name: "Who pays" });
    await pays.getByLabel(new RegExp(`^${MUM.name}`)).check();
    await pays.getByLabel("Lunch, £3.50 a day").check();
    await pays.getByRole("button", { name: "Save who pays" }).click();
    await manager.getByText("Saved.").first().waitFor();
    await accessible(manager, "who pays (manager)");

    await manager.goto(`${APP}/s/${settingId}/invoices`);
    await manager.getByRole("heading", { name: "Invoices", level: 1 }).waitFor();
    await settled(manager);
    const draft = manager.getByRole("listitem", { name: `${CHILD.first} ${CHILD.last}, to ${MUM.name}` });
    await draft.getByRole("cell", { name: "Morning: paid hours" }).waitFor();
    await draft.getByRole("cell", { name: "Lunch" }).waitFor();
    await shot(manager, "manager-invoices");
    await accessible(manager, "invoices (manager)");
    await manager.getByRole("button", { name: /^Issue .*'s invoices$/ }).click();
    await manager.getByText(/invoices? issued; each payer is emailed\./).waitFor();
    const mail = await mailSaying(MUM.email, /invoice for/i);
    assert.match(mail, new RegExp(`${CHILD.first}'s invoice for .* is ready`));
    const invoiceId = mail.match(/Invoice (\d{4}-\d{2}-\d{4})/)?.[1];
    assert.ok(invoiceId, "the email names the invoice");

    await mum.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await mum.getByText(`Paid by ${MUM.name}.`).waitFor();
    await mum.getByText("Opted into: Lunch (£3.50 a day).").waitFor();
    await mum.goto(`${APP}/s/${settingId}/my-invoices`);
    await mum.getByRole("heading", { name: "Invoices", level: 1 }).waitFor();
    await mum.getByRole("link", { name: new RegExp(`^${CHILD.first} ${CHILD.last}, `) }).first().click();
    await mum.getByRole("heading", { name: `Invoice ${invoiceId}`, level: 1 }).waitFor();
    await mum.getByRole("table", { name: "The invoice's lines" }).getByRole("cell", { name: "Lunch" }).waitFor();
    await shot(mum, "parent-invoice");
    await accessible(mum, "invoice (parent)");
    const [download] = await Promise.all([mum.waitForEvent("download"), mum.getByRole("button", { name: "Download the invoice (PDF)" }).click()]);
    assert.equal(download.suggestedFilename(), `invoice-${invoiceId}.pdf`);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 5).toString(), "%PDF-");
    // Kept beside the screenshots, to be rendered and looked at.
    await writeFile(`${SHOTS}invoice-${invoiceId}.pdf`, bytes);
  });

  await t.test("lunch stops; the manager corrects the invoice, and the mother gets a credit note and a replacement", async (st) => {
    const mine = await ok(await tokenFor(MUM.email), "GET", `/v1/settings/${settingId}/my-invoices`);
    const invoice = mine.items?.find((i) => i.document === "invoice");
    if (!invoice) return st.skip("no invoice was issued this month");
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await manager.getByRole("heading", { name: `${CHILD.first}'s bookings`, level: 1 }).waitFor();
    await settled(manager);
    const pays = manager.getByRole("form", { name: "Who pays" });
    await pays.getByLabel("Lunch, £3.50 a day").uncheck();
    await pays.getByRole("button", { name: "Save who pays" }).click();
    await manager.getByText("Saved.").first().waitFor();
    await manager.goto(`${APP}/s/${settingId}/invoices/${invoice.invoiceId}`);
    await manager.getByRole("heading", { name: `Invoice ${invoice.invoiceId}`, level: 1 }).waitFor();
    const form = manager.getByRole("form", { name: "Correct this invoice" });
    await form.getByLabel("Why").selectOption("extras-changed");
    await form.getByLabel("Note for the payer (optional)").fill("Lunch stopped.");
    await shot(manager, "manager-invoice-correct");
    await accessible(manager, "invoice (manager)");
    await form.getByRole("button", { name: "Issue the correction" }).click();
    await manager.getByText("Corrected: the credit note and the replacement are issued.").waitFor();
    // The credit note's email, then the replacement's, the last.
    const mail = await mailSaying(MUM.email, /corrected invoice/i);
    assert.match(mail, new RegExp(`replaces invoice ${invoice.invoiceId} .* because the extras changed \\(“Lunch stopped\\.”\\)\\. It comes to`));
    await mum.goto(`${APP}/s/${settingId}/my-invoices`);
    await mum.getByText(/Credit note \d{4}-\d{2}-\d{4}, -£/).waitFor();
    await mum.getByRole("link", { name: new RegExp(`^${CHILD.first} ${CHILD.last}, `) }).first().click();
    await mum.getByText(new RegExp(`^Replaces invoice ${invoice.invoiceId}`)).or(mum.getByText(new RegExp(`^Cancels invoice ${invoice.invoiceId}`))).first().waitFor();
    await shot(mum, "parent-corrected-invoice");
  });

  await t.test("the manager records her Tax-Free Childcare payment, £20 too much, and refunds it to her childcare account", async (st) => {
    const mother = (await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/children/${childId}/guardians`)).items.find((g) => g.email === MUM.email);
    const account = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/payers/${mother.userId}/statement`);
    if (account.statement.balance <= 0) return st.skip("nothing is owed this month");
    const owed = account.statement.balance;
    await manager.goto(`${APP}/s/${settingId}/payers/${mother.userId}/statement`);
    await manager.getByRole("heading", { name: "Statement", level: 1 }).waitFor();
    await settled(manager);
    const form = manager.getByRole("form", { name: "Record a payment" });
    await form.getByLabel("Amount (£)").fill(((owed + 2000) / 100).toFixed(2));
    await form.getByLabel("How").selectOption("tax-free-childcare");
    await form.getByLabel("Tax-Free Childcare reference").fill("AJON12345TFC");
    await shot(manager, "manager-statement");
    await accessible(manager, "statement (manager)");
    await form.getByRole("button", { name: "Record the payment" }).click();
    await manager.getByText(/^Payment of £[\d.]+ recorded\.$/).waitFor();
    await manager.getByText("In credit: £20.00").waitFor();
    // The £20 came from her childcare account: it cannot go back by bank transfer.
    await form.getByLabel("What").selectOption("refund");
    await form.getByLabel("Amount (£)").fill("20.00");
    await form.getByLabel("How").selectOption("bank-transfer");
    await form.getByRole("button", { name: "Record the refund" }).click();
    await manager.getByText(/is refunded to that account, not another way/).waitFor();
    await form.getByLabel("How").selectOption("tax-free-childcare");
    await form.getByLabel("Tax-Free Childcare reference it was paid with").fill("AJON12345TFC");
    await form.getByRole("button", { name: "Record the refund" }).click();
    await manager.getByText("Refund of £20.00 recorded.").waitFor();
    await manager.getByText("Owed: £0.00").waitFor();
    await mum.goto(`${APP}/s/${settingId}/my-invoices`);
    await mum.getByRole("link", { name: "Your statement: what you owe and what you paid" }).click();
    await mum.getByRole("heading", { name: "Your statement", level: 1 }).waitFor();
    await mum.getByText("Owed: £0.00").waitFor();
    const lines = mum.getByRole("table", { name: "Statement" });
    await lines.getByText("Payment, AJON12345TFC").waitFor();
    await lines.getByText("Refund, AJON12345TFC").waitFor();
    await shot(mum, "parent-statement");
    await accessible(mum, "statement (parent)");
  });

  await t.test("her father is linked too; the manager splits the bill by item, and the mother reads who pays for what", async () => {
    await newParent(settingId, childId, DAD);
    await manager.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await manager.getByRole("heading", { name: `${CHILD.first}'s bookings`, level: 1 }).waitFor();
    await settled(manager);
    const pays = manager.getByRole("form", { name: "Who pays" });
    await pays.getByLabel(new RegExp(`^${MUM.name}`)).check();
    await pays.getByLabel(new RegExp(`^${DAD.name}`)).check();
    await pays.getByLabel("Split by item").check();
    await pays.getByLabel("Who pays for paid hours").selectOption({ label: MUM.name });
    await pays.getByLabel("Who pays for food").selectOption({ label: DAD.name });
    await pays.getByRole("button", { name: "Save who pays" }).click();
    await manager.getByText("Saved.").first().waitFor();
    await accessible(manager, "who pays by item (manager)");
    await mum.goto(`${APP}/s/${settingId}/children/${childId}/bookings`);
    await mum
      .getByText(`Paid by ${MUM.name} and ${DAD.name}: ${MUM.name} pays for paid hours, consumables and activities; ${DAD.name} pays for food.`)
      .waitFor();
    await shot(mum, "parent-who-pays-by-item");
  });

  await t.test("the manager reads this term's funding headcount, and chooses to invoice from the register", async () => {
    // A term around today, unless the setting has one (or one in the way).
    const setup = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/booking-setup`);
    const [from, to] = [londonDay(-30), londonDay(60)];
    if (!(setup.setup.terms ?? []).some((term) => term.starts <= to && from <= term.ends)) {
      await manager.goto(`${APP}/s/${settingId}/bookings/setup`);
      await manager.getByRole("heading", { name: "Sessions and terms", level: 1 }).waitFor();
      await settled(manager);
      const term = manager.getByRole("form", { name: "Add a term" });
      await term.getByLabel("Term").fill(`Winter ${stamp}`);
      await term.getByLabel("First day").fill(from);
      await term.getByLabel("Last day").fill(to);
      await term.getByRole("button", { name: "Add the term" }).click();
      await manager.getByText("Term added.").waitFor();
    }
    await manager.goto(`${APP}/s/${settingId}/invoices`);
    await manager.getByRole("heading", { name: "Invoices", level: 1 }).waitFor();
    await manager.getByRole("link", { name: "Funding headcount" }).click();
    await manager.getByRole("heading", { name: "Funding headcount", level: 1 }).waitFor();
    await settled(manager);
    await manager.getByRole("table", { name: "Funded children by stream" }).getByRole("rowheader", { name: /^30 hours for working parents/ }).waitFor();
    const row = manager.getByRole("table", { name: "Each funded child" }).getByRole("row", { name: new RegExp(`${CHILD.first} ${CHILD.last}`) });
    await row.getByRole("link", { name: `${CHILD.first} ${CHILD.last}` }).waitFor();
    assert.match(await row.textContent(), /\d+ h/, "her funded hours are shown as hours");
    await shot(manager, "manager-funding-headcount");
    await accessible(manager, "funding headcount (manager)");

    // Invoicing from the register, then back to the bookings (the demo's other tests expect it).
    await manager.goto(`${APP}/s/${settingId}/bookings/setup`);
    await manager.getByRole("heading", { name: "Sessions and terms", level: 1 }).waitFor();
    await settled(manager);
    const basis = manager.getByRole("form", { name: "What invoices charge" });
    for (const [choice, words] of [
      ["attendance", "Invoices now charge the sessions attended (from the register)."],
      ["bookings", "Invoices now charge the sessions booked."],
    ]) {
      await basis.getByLabel("Invoices charge").selectOption(choice);
      await basis.getByRole("button", { name: "Save how invoices charge" }).click();
      await manager.getByText(words).waitFor();
      const saved = await ok(await tokenFor(MANAGER), "GET", `/v1/settings/${settingId}/booking-setup`);
      assert.equal(saved.setup.invoiceFrom, choice);
      if (choice === "attendance") await accessible(manager, "invoices charge (manager)");
    }
  });
});
