import { defineConfig } from "vitest/config";

// The browser suite (`npm run test:e2e`): one real server for the whole run, files one after
// another (they share it, and two Chromiums on 2 cores only slow each other down).
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    globalSetup: ["e2e/server.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
