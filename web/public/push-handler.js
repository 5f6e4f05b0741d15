/* global self, URL */
// Web Push in Nestling's service worker (pulled into the generated sw.js by workbox's
// importScripts, see vite.config.ts). A push carries only {"kind", "url"}: never a name or any
// text. The notification says, in fixed words, that there is something to read; the person
// opens Nestling (signed in) to read it. Plain script: no imports, no build step.
"use strict";

const BODIES = {
  journal: "Something new in your child's learning journal.",
  accident: "An accident report about your child is ready to read.",
  notice: "A notice from your setting.",
};
const OTHER = "Something new in Nestling.";

/**
 * The page a notification may open: a path of this app, never another origin. The same rule
 * as safeAppPath in src/push/push.ts (whose tests run this file too): printable ASCII only,
 * starting with "/" but not "//", and no backslash (which URL parsers read as a slash).
 */
function safeAppPath(url) {
  if (typeof url !== "string") return "/";
  if (!/^\/[\x21-\x7e]*$/.test(url)) return "/";
  if (url.startsWith("//") || url.includes("\\")) return "/";
  return url;
}

function readPayload(data) {
  if (!data) return {};
  try {
    const value = data.json();
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

self.addEventListener("push", (event) => {
  const payload = readPayload(event.data);
  const known = typeof payload.kind === "string" && Object.prototype.hasOwnProperty.call(BODIES, payload.kind);
  const kind = known ? payload.kind : "other";
  // Chrome insists every push shows a notification, so a payload we cannot read still shows one.
  event.waitUntil(
    self.registration.showNotification("Nestling", {
      body: known ? BODIES[kind] : OTHER,
      icon: "/icons/icon-192.png",
      // One notification per kind: a second journal entry replaces the first.
      tag: kind,
      data: { url: safeAppPath(payload.url) },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  const target = new URL(safeAppPath(data && data.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
      const open = windows.find((client) => {
        try {
          return new URL(client.url).origin === self.location.origin;
        } catch {
          return false;
        }
      });
      if (open) {
        // Focus first: it is allowed only while the click's user activation lasts.
        await open.focus();
        try {
          if (typeof open.navigate === "function") {
            await open.navigate(target);
            return;
          }
        } catch {
          // A window this worker does not control cannot be navigated: open one instead.
        }
      }
      await self.clients.openWindow(target);
    })(),
  );
});
