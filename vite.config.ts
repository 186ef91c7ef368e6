import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";
import { svelteTesting } from "@testing-library/svelte/vite";
import { fileURLToPath } from "node:url";

const svelteConfig = fileURLToPath(new URL("./svelte.config.js", import.meta.url));

// The UI lives in ui/ and builds into dist/, which the app embeds.
export default defineConfig({
  root: "ui",
  plugins: [svelte({ configFile: svelteConfig }), svelteTesting()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    // The review and settings screens load as chunks of their own after the library is
    // drawn (ui/src/lib/screens.ts): a launch evaluates only the library's script first.
    chunkSizeWarningLimit: 600,
  },
  test: {
    root: ".",
    include: ["ui/src/**/*.test.ts"],
    environment: "jsdom",
    setupFiles: ["ui/src/test/setup.ts"],
  },
});
