import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: {
    alias: {
      "@": import.meta.dirname,
      // Domain files import "server-only" to keep them out of client bundles; tests are server code.
      "server-only": path.join(import.meta.dirname, "tests/support/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/setup-file.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Each test file gets its own database and storage directories. One file at a time: the
    // files that run real QEMU time its exits, and the crash test writes gigabytes alongside.
    maxWorkers: 1,
  },
});
