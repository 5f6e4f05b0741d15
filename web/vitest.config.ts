import { defineConfig } from "vitest/config";

// Unit tests of the app's pure modules (times, keys, offline queue); the browser tests in e2e/
// cover the screens.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
