/**
 * Vitest global setup: one throwaway Neo4j 5.26 for the whole run, on a free port with a temporary
 * data folder, torn down afterwards. NEO4J_TEST_URI (with NEO4J_TEST_USER / NEO4J_TEST_PASSWORD)
 * points the tests at another Neo4j instead — the tests wipe its database.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";

export interface TestNeo4j {
  uri: string;
  user: string;
  password: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.NEO4J_TEST_URI) {
    project.provide("neo4j", {
      uri: process.env.NEO4J_TEST_URI,
      user: process.env.NEO4J_TEST_USER ?? "neo4j",
      password: process.env.NEO4J_TEST_PASSWORD ?? "",
    });
    return async () => {};
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-test-neo4j-"));
  const password = "innograph-test";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "1g", pageCache: "256m" });
  project.provide("neo4j", { uri: local.uri, user: "neo4j", password });
  return async () => {
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
