import { defineConfig } from "vitest/config";

// One run: unit tests (no I/O), integration tests (a real Neo4j started by the global setup) and
// end-to-end tests (a real Chromium). Files run one after another: they share one Neo4j.
export default defineConfig({
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"],
    globalSetup: ["test/helpers/global-neo4j.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default"],
  },
});
