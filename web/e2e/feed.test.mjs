// The news feed in a real browser against the local stack and demo nursery: the manager posts
// an event with places to the whole nursery, a parent sees it in News and replies "yes" for
// one child, and the manager sees that reply beside every child who has not replied. Then a
// practitioner's post waits for a manager's approval while the setting asks for it. The feed,
// the compose page and the post page are screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { accessible, APP, DESKTOP, launch, noProblems, PHONE, session, settled, shot, signIn, tokenFor } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const PARENT = "chris@families.test";
const PRACTITIONER = "priya@acorns.test";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** A day `days` after today on the demo nursery's clock (London), as the API takes it. */
function londonDay(days) {
  const at = new Date(Date.now() + days * 24 * 3_600_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

async function openNews(page) {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "News", exact: true }).click();
  await page.getByRole("heading", { name: "News", level: 1 }).waitFor();
  await settled(page);
}

/** Whether practitioners' posts wait, straight through the API (to leave the demo as it was). */
async function setApproval(settingId, postsNeedApproval) {
  const answer = await fetch(`${APP}/v1/settings/${settingId}/feed-policy`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${await tokenFor(MANAGER)}`, "Content-Type": "application/json", "Idempotency-Key": randomUUID() },
    body: JSON.stringify({ postsNeedApproval }),
  });
  assert.equal(answer.status, 200, "PUT feed-policy");
}

test("the manager posts an event, a parent replies for Mia and the manager sees who has replied", async (t) => {
  const stamp = Date.now();
  const title = `Teddy bears' picnic ${stamp}`;
  const text = `Bring your teddy to our picnic in the garden ${stamp}`;
  const note = `Mia is bringing Big Ted ${stamp}`;
  const manager = await session(browser, DESKTOP);
  const parent = await session(browser, PHONE);

  await t.test("the manager writes the event for the whole nursery", async () => {
    await signIn(manager, MANAGER);
    await openNews(manager);
    await shot(manager, "manager-news");
    await accessible(manager, "news feed (manager)");
    await manager.getByRole("link", { name: "Write a post" }).click();
    await manager.getByRole("heading", { name: "Write a post", level: 1 }).waitFor();
    await manager.getByLabel("What would you like to tell families?").fill(text);
    assert.ok(await manager.getByLabel("Whole nursery").isChecked(), "a post is for the whole nursery unless rooms are chosen");
    await manager.getByLabel("This post is an event families reply to").check();
    await manager.getByLabel("Event title").fill(title);
    await manager.getByLabel("Date", { exact: true }).fill(londonDay(7));
    await manager.getByLabel("Starts at").fill("10:00");
    await manager.getByLabel("Ends at (optional)").fill("11:30");
    await manager.getByLabel("Place", { exact: true }).fill("The garden");
    await manager.getByLabel("What to bring (optional)").fill("A teddy and a sun hat");
    await manager.getByLabel("Places (optional)").fill("10");
    // Chromium scrolls a focused field back into view after a full-page screenshot, which can
    // move the button from under the next click: leave no field focused for the picture.
    await manager.getByLabel("Places (optional)").blur();
    await shot(manager, "manager-news-compose");
    await accessible(manager, "writing a post");
    await manager.getByRole("button", { name: "Publish the post" }).click();
    await manager.getByText("Published: families can see your event in News").waitFor({ timeout: 30_000 });
    const card = manager.getByRole("article").filter({ hasText: title });
    await card.waitFor();
    const shown = await card.innerText();
    for (const words of [text, "Whole nursery", "The garden", "10:00 to 11:30", "A teddy and a sun hat", "10 of 10 places left", "Maya Manager"])
      assert.ok(shown.includes(words), `the post shows "${words}"`);
    noProblems(manager);
  });

  await t.test("the parent sees it in News and replies yes for Mia", async () => {
    await signIn(parent, PARENT);
    await openNews(parent);
    const card = parent.getByRole("article").filter({ hasText: title });
    await card.waitFor();
    assert.ok((await card.innerText()).includes("Whole nursery"), "families see who the post is for");
    await shot(parent, "parent-news");
    await accessible(parent, "news feed (parent)");
    await card.getByRole("link", { name: /^Reply/ }).click();
    await parent.getByRole("heading", { name: title, level: 1 }).waitFor();

    // One reply per own child the event is for: Mia and Oscar, nobody else's.
    const mia = parent.getByRole("region", { name: "Reply for Mia" });
    await mia.getByText("Your answer: not replied yet").waitFor();
    await parent.getByRole("region", { name: "Reply for Oscar" }).waitFor();
    assert.equal(await parent.getByRole("region", { name: /^Reply for / }).count(), 2, "a parent replies for their own children only");
    assert.equal(await parent.getByRole("table").count(), 0, "a parent sees no other family's replies");

    await mia.getByLabel("Yes", { exact: true }).check();
    await mia.getByLabel("Note for the setting (optional)").fill(note);
    await mia.getByRole("button", { name: "Send reply" }).click();
    await mia.getByText("Reply saved for Mia: Yes.").waitFor();
    await mia.getByText("Your answer: Yes").waitFor();
    await mia.getByRole("button", { name: "Change reply" }).waitFor();
    // A "yes" takes one of the places.
    await parent.getByText("9 of 10 places left").waitFor();
    await parent.getByRole("region", { name: "Reply for Oscar" }).getByText("Your answer: not replied yet").waitFor();
    await shot(parent, "parent-news-post");
    await accessible(parent, "event post (parent)");
    noProblems(parent);
  });

  await t.test("the manager sees Mia's yes and every other child not replied", async () => {
    await openNews(manager);
    await manager.getByRole("article").filter({ hasText: title }).getByRole("link", { name: /^See the replies/ }).click();
    await manager.getByRole("heading", { name: title, level: 1 }).waitFor();
    const table = manager.getByRole("table");
    await table.waitFor();
    await settled(manager);
    const rows = await table.locator("tbody tr").all();
    assert.ok(rows.length >= 2, "staff see every child the event is for");
    const seen = [];
    for (const row of rows) {
      const child = (await row.getByRole("rowheader").innerText()).trim();
      const cells = await row.innerText();
      seen.push(child);
      if (child === "Mia") {
        assert.match(cells, /\bYes\b/, "Mia's answer");
        assert.ok(cells.includes(note), "Mia's note");
        assert.ok(cells.includes("Chris Jones"), "who replied for Mia");
      } else {
        assert.match(cells, /Not replied/, `${child} has not replied`);
      }
    }
    assert.ok(seen.includes("Mia"), "Mia is in the table");
    assert.ok(seen.includes("Oscar"), "Mia's brother, not replied, is in the table");
    await manager.getByText("Yes: 1").waitFor();
    await manager.getByText(`Not replied: ${rows.length - 1}`).waitFor();
    await manager.getByText("9 of 10 places left").waitFor();
    await shot(manager, "manager-news-post");
    await accessible(manager, "event post (manager)");
    noProblems(manager);
  });

  await manager.context().close();
  await parent.context().close();
});

test("a practitioner's post waits for a manager's approval while the setting asks for it", async () => {
  const text = `Our cress has sprouted ${Date.now()}`;
  const manager = await session(browser, DESKTOP);
  await signIn(manager, MANAGER);
  const settingId = new URL(manager.url()).pathname.split("/")[2];
  await openNews(manager);
  await manager.getByLabel("Practitioners' posts wait for a manager's approval").check();
  await manager.getByRole("button", { name: "Save approval setting" }).click();
  await manager.getByText("Practitioners' posts now wait for a manager's approval").waitFor();
  try {
    const practitioner = await session(browser, PHONE);
    await signIn(practitioner, PRACTITIONER);
    await openNews(practitioner);
    await practitioner.getByRole("link", { name: "Write a post" }).click();
    await practitioner.getByText("families will see yours once a manager has approved it").waitFor();
    await practitioner.getByLabel("What would you like to tell families?").fill(text);
    await practitioner.getByRole("button", { name: "Send for approval" }).click();
    await practitioner.getByText("your post is waiting for a manager's approval").waitFor({ timeout: 30_000 });
    const waiting = practitioner.getByRole("region", { name: "Your posts waiting for approval" });
    await waiting.getByRole("article").filter({ hasText: text }).waitFor();
    await shot(practitioner, "practitioner-news-waiting");
    await accessible(practitioner, "news feed (practitioner, post waiting)");
    noProblems(practitioner);
    await practitioner.context().close();

    // Families do not see it yet.
    const parent = await session(browser, PHONE);
    await signIn(parent, PARENT);
    await openNews(parent);
    assert.equal(await parent.getByText(text).count(), 0, "a post waiting for approval is not shown to families");

    await manager.reload();
    const pending = manager.getByRole("region", { name: "Posts waiting for approval" }).getByRole("article").filter({ hasText: text });
    await pending.waitFor();
    await shot(manager, "manager-news-approval");
    await accessible(manager, "news feed (manager, post waiting)");
    await pending.getByRole("button", { name: "Approve" }).click();
    await manager.getByText("Approved: Priya Patel's post is published").waitFor();
    await manager.getByRole("region", { name: "Latest news" }).getByRole("article").filter({ hasText: text }).waitFor();
    noProblems(manager);

    await parent.reload();
    await parent.getByRole("article").filter({ hasText: text }).waitFor();
    noProblems(parent);
    await parent.context().close();
  } finally {
    await setApproval(settingId, false);
    await manager.context().close();
  }
});
