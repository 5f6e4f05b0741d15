// The web app can be installed (manifest, icons, a service worker that controls the page), and
// its service worker keeps only the app shell: no API answer, photo or personal data.
import { test } from "node:test";
import assert from "node:assert/strict";
import { APP, noProblems, PHONE, profileSession, signIn } from "./lib.mjs";

test("chromium finds the app installable, and its service worker caches only the app shell", async () => {
  const page = await profileSession(PHONE);
  await page.goto(APP + "/");
  const script = await page.evaluate(() => navigator.serviceWorker.ready.then((r) => r.active?.scriptURL));
  assert.equal(script, `${APP}/sw.js`);

  // Chromium's own installability checks (the ones behind its "Install app" button).
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, [], "chromium's installability errors");
  const { url, errors, data } = await cdp.send("Page.getAppManifest");
  assert.equal(url, `${APP}/manifest.webmanifest`);
  assert.deepEqual(errors, [], "manifest errors");
  const manifest = JSON.parse(data);
  assert.equal(manifest.display, "standalone");
  const icons = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  for (const want of ["192x192 any", "512x512 any", "512x512 maskable"]) assert.ok(icons.includes(want), `an icon ${want}`);
  for (const icon of manifest.icons) {
    const response = await page.request.get(new URL(icon.src, APP).href);
    assert.equal(response.headers()["content-type"], "image/png", icon.src);
  }

  // After a reload the worker controls the page; then a parent signs in and reads records.
  await page.reload();
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), "the service worker controls the page");
  await signIn(page, "chris@families.test");
  const card = page.getByRole("listitem", { name: "Mia Jones" });
  await card.getByRole("link", { name: "Journal", exact: true }).click();
  await page.getByRole("heading", { level: 1 }).waitFor();
  await page.waitForFunction(() => !document.querySelector(".loading"));

  // What the worker holds: the built files and the deployment's settings, nothing else.
  const cached = await page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(new URL(request.url).pathname);
    return urls;
  });
  assert.ok(cached.includes("/index.html"), "the app shell is precached");
  const unexpected = cached.filter((p) => !/^\/(index\.html|sw\.js|workbox-[\w-]+\.js|manifest\.webmanifest|config\.json|assets\/[\w.-]+|icons\/[\w-]+\.png)$/.test(p));
  assert.deepEqual(unexpected, [], "the service worker cached something besides the app shell");
  noProblems(page);
  await page.closeProfile();
});
