import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";

// Built files are served by the local gateway (make dev) and by CloudFront; no dev server.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  oxc: { jsx: { runtime: "automatic" } },
  plugins: [
    VitePWA({
      // A new version waits for the person to reload (a form half typed is never lost).
      registerType: "prompt",
      // Registered from main.tsx through virtual:pwa-register; no inline script (the CSP forbids it).
      injectRegister: false,
      manifest: {
        name: "Nestling",
        short_name: "Nestling",
        description: "The learning journal, daily diary and parent portal of your nursery.",
        lang: "en-GB",
        start_url: "/",
        scope: "/",
        display: "standalone",
        orientation: "any",
        background_color: "#ffffff",
        theme_color: "#1f5f4a",
        icons: [
          { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
          { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
          { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
        ],
      },
      workbox: {
        // The app shell only: code, styles and icons. Never an API answer, a photo or anything
        // else about a child: those stay on the network (and, for staff offline, encrypted).
        globPatterns: ["**/*.{js,css,html,png,webmanifest}"],
        // Web Push (the push and notificationclick handlers) lives in a plain script of its own
        // in public/, pulled into the generated worker; the browser keeps imported scripts with
        // the worker itself, so it is not precached (the cache holds only the app shell).
        importScripts: ["push-handler.js"],
        globIgnores: ["**/node_modules/**/*", "push-handler.js"],
        navigateFallback: "/index.html",
        navigateFallbackDenylist: [/^\/v1(\/|$)/, /^\/config\.json$/],
        cleanupOutdatedCaches: true,
        runtimeCaching: [
          {
            // The deployment's settings (no personal data), so an installed app can start offline.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname === "/config.json",
            handler: "NetworkFirst",
            options: { cacheName: "nestling-config", networkTimeoutSeconds: 4 },
          },
        ],
      },
    }),
  ],
});
