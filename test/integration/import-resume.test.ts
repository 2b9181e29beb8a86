import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { PROJECT_ROOT } from "../../server/config.ts";
import { connectTestDb, seededGraph } from "../helpers/test-graph.ts";
import { FIXTURES } from "../helpers/paths.ts";

const H2020 = path.join(FIXTURES, "cordis", "h2020-2016");
const MAIN = path.join(PROJECT_ROOT, "seed", "import", "main.ts");
let db: Database;

function cli(args: string[]) {
  const { uri, user, password } = inject("neo4j");
  return spawn(process.execPath, ["--import", "tsx", MAIN, "cordis", H2020, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function finish(child: ReturnType<typeof cli>): Promise<{ code: number | null; out: string; err: string }> {
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, out, err })));
}

const snapshot = async () => ({
  ...(await countGraph(db)),
  byType: await db.read("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n ORDER BY type"),
  similar: await db.read("MATCH (a)-[r:SIMILAR_TO]->(b) RETURN a.id AS a, b.id AS b ORDER BY a, b"),
});

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

describe("an import killed halfway", () => {
  it("leaves whole batches only, and running it again gives what a clean import gives", async () => {
    await seededGraph(db);
    const clean = await finish(cli([]));
    expect(clean.code).toBe(0);
    const expected = await snapshot();

    const seeded = await seededGraph(db);
    const slow = cli(["--batch-size", "10", "--pause-ms", "50"]);
    const done = finish(slow);
    // Kill it once some relationships — written after all nodes — have landed.
    for (let i = 0; i < 600; i++) {
      const [r] = await db.read("MATCH ()-[r:PARTICIPATES_IN]->(p:Project) WHERE p.id STARTS WITH 'project:cordis-' RETURN count(r) AS n");
      if (Number(r!.n) >= 50) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    slow.kill("SIGKILL");
    await done;
    const half = await countGraph(db);
    expect(half.relationships).toBeGreaterThan(seeded.relationships);
    expect(half.relationships).toBeLessThan(expected.relationships);
    const [src] = await db.read("MATCH (s:Source) WHERE s.id STARTS WITH 'import:' RETURN s.status AS status");
    expect(src!.status).toBe("running");
    // Every relationship this import writes ends at a CORDIS project; batches of 10 land whole or not at all.
    const [partial] = await db.read(
      "MATCH ()-[r:PARTICIPATES_IN|FUNDS]->(p:Project) WHERE p.id STARTS WITH 'project:cordis-' RETURN count(r) % 10 AS rest",
    );
    expect(partial!.rest).toBe(0);

    const resumed = await finish(cli([]));
    expect(resumed.code).toBe(0);
    expect(await snapshot()).toEqual(expected);
  }, 180_000);
});
