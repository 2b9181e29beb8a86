import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { ROOT } from "../helpers/paths.ts";

const provision = path.join(ROOT, "neo4j", "provision.mjs");

describe("npm install's Neo4j provisioning", () => {
  it("says in one line what to install when Java and Maven are missing", () => {
    const r = spawnSync(process.execPath, [provision], { env: { PATH: "/nonexistent" }, encoding: "utf8" });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([
      "neo4j: java and mvn not found; install them with: apt-get install openjdk-17-jdk-headless maven (or set NEO4J_URI to use your own Neo4j and INNOGRAPH_SKIP_NEO4J=1)",
    ]);
  });

  it("skips the jars when told to use another Neo4j", () => {
    const r = spawnSync(process.execPath, [provision], { env: { PATH: "/nonexistent", INNOGRAPH_SKIP_NEO4J: "1" }, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("not fetching the local Neo4j");
  });

  it("only checks on a second run when nothing changed", () => {
    const r = spawnSync(process.execPath, [provision], { env: process.env, encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe("neo4j: jars and launcher are up to date");
  });

  it("builds a class archive that the local Neo4j maps when it starts", async () => {
    const archive = path.join(ROOT, "neo4j", "target", "neo4j-classes.jsa");
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-archive-test-"));
    const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password: "archive-test", heap: "512m", pageCache: "64m" });
    try {
      const maps = await readFile(`/proc/${neo4j.pid}/maps`, "utf8");
      expect(maps).toContain(archive);
    } finally {
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
