import { createRequire } from "node:module";
import { defineConfig } from "vitest/config";

const require = createRequire(import.meta.url);

// One run: unit tests (no I/O), integration tests (a real Neo4j started by the global setup) and
// end-to-end tests (a real Chromium). Files run one after another: they share one Neo4j.
export default defineConfig({
  resolve: {
    // One graphql realm: @neo4j/graphql requires the CommonJS build, so tests must not get index.mjs.
    alias: [{ find: /^graphql$/, replacement: require.resolve("graphql") }],
  },
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts", "test/e2e/**/*.test.ts"],
    globalSetup: ["test/helpers/global-neo4j.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ["default"],
  },
});
