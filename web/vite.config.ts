import { defineConfig } from "vite";

// Built files are served by the local gateway (make dev) and by CloudFront; no dev server.
export default defineConfig({
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, target: "es2022" },
  oxc: { jsx: { runtime: "automatic" } },
});
