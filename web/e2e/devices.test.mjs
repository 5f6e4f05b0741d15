// The setting's own devices in a real browser against the local stack and demo nursery: a
// tablet asks to be paired and shows its code; the manager types it on Devices and names the
// tablet; the tablet says it is paired, as a device of its own (no one's login); the manager
// reports it missing, every manager is emailed, and the tablet's next request is refused.
// Each screen is screenshotted and checked with axe-core.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { accessible, APP, DESKTOP, launch, mailSaying, ok, session, settled, shot, signIn, TABLET, tokenFor } from "./lib.mjs";

const MANAGER = "manager@acorns.test";
const NAME = `Robins tablet ${Date.now()}`;

let browser;
let settingId;
before(async () => {
  browser = await launch();
  settingId = (await ok(await tokenFor(MANAGER), "GET", "/v1/me")).memberships[0].settingId;
});
after(async () => {
  await browser?.close();
});

test("a tablet is paired by its code, and refused once it is reported missing", async (t) => {
  const tablet = await session(browser, TABLET);
  const manager = await session(browser, DESKTOP);
  let code;

  await t.test("the tablet asks to be paired and shows its code", async () => {
    await tablet.goto(`${APP}/device`);
    await tablet.getByRole("heading", { name: "This device", level: 1 }).waitFor();
    await tablet.getByText("This device is not paired with a setting.").waitFor();
    await tablet.getByRole("button", { name: "Pair this device" }).click();
    const shown = tablet.getByLabel("Pairing code");
    await shown.waitFor();
    code = (await shown.textContent()).trim();
    assert.match(code, /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/);
    // Nothing of a person's is kept on the tablet: no one signed in.
    assert.equal(await tablet.evaluate(() => Object.keys(localStorage).some((k) => /token|session/i.test(k))), false);
    await shot(tablet, "device-pairing-code");
    await accessible(tablet, "device pairing (tablet)");
  });

  await t.test("the manager types the code on Devices, and the tablet says it is paired", async () => {
    await signIn(manager, MANAGER);
    await manager.goto(`${APP}/s/${settingId}/devices`);
    await manager.getByRole("heading", { name: "Devices", level: 1 }).waitFor();
    await settled(manager);
    const form = manager.getByRole("form", { name: "Pair a device" });
    // A wrong code first: refused, nothing paired.
    await form.getByLabel("Code shown on the device").fill("AAAA-AAAA");
    await form.getByLabel("Name").fill(NAME);
    await form.getByRole("button", { name: "Pair the device" }).click();
    await manager.getByText("No device is waiting to be paired with that code").waitFor();
    await form.getByLabel("Code shown on the device").fill(code.toLowerCase());
    await form.getByRole("button", { name: "Pair the device" }).click();
    await manager.getByText(`${NAME} paired.`).waitFor();
    await manager.getByRole("list", { name: "The setting's devices" }).or(manager.getByRole("table", { name: "The setting's devices" })).getByText(NAME).first().waitFor();
    await shot(manager, "manager-devices");
    await accessible(manager, "devices (manager)");
    await tablet.getByText(new RegExp(`Paired with .+ as .${NAME}.\\.`)).waitFor();
    await shot(tablet, "device-paired");
    await accessible(tablet, "device paired (tablet)");
  });

  await t.test("reported missing, every manager is told and the tablet's next request is refused", async () => {
    await manager.getByRole("button", { name: `Report ${NAME} missing` }).click();
    await manager.getByText(`${NAME} is unpaired.`).waitFor();
    const mail = await mailSaying(MANAGER, /reported missing/);
    assert.match(mail, new RegExp(NAME));
    await tablet.reload();
    await tablet.getByText("This device is no longer paired. A manager unpaired it, or it was reported missing.").waitFor();
    assert.equal(await tablet.evaluate(() => localStorage.getItem("nestling.device")), null, "its credential is gone");
    await tablet.getByRole("button", { name: "Pair this device" }).waitFor();
    await shot(tablet, "device-unpaired");
  });
});
