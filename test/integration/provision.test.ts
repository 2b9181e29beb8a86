import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import path from "node:path";
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
});
