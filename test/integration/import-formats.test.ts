import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { readCsvMapping } from "../../seed/import/read-csv-mapping.ts";
import { readJsonSeed } from "../../seed/import/read-json-seed.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { connectTestDb, seededGraph, SEED_DIR } from "../helpers/test-graph.ts";
import { FIXTURES } from "../helpers/paths.ts";
import { namedQueries } from "../../server/db/named-queries.ts";

const CSV = path.join(FIXTURES, "csv", "grants.yaml");
const FP7 = path.join(FIXTURES, "cordis", "fp7");
let db: Database;

beforeAll(async () => {
  db = await connectTestDb();
  await seededGraph(db);
});
afterAll(async () => {
  await db.close();
});

describe("csv import with a mapping file", () => {
  it("skips rows with an unknown kind, an amount without currency or an unknown funder, and loads the rest", async () => {
    const s = await runImport(db, await readCsvMapping([CSV]));
    expect(s.issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ["grants-nodes.csv", 5, "kind"],
      ["grants-edges.csv", 4, "currency"],
      ["grants-edges.csv", 5, "from"],
    ]);
    const [f] = await db.read(
      "MATCH (:Entity {id: 'ministry:mwide'})-[r:FUNDS]->(:Entity {id: 'org:aurubis'}) WHERE r.purpose = 'Kupferrecycling 4.0' RETURN r.amount AS amount, r.currency AS currency, r.startDate AS start, r.evidence AS evidence",
    );
    expect(f).toEqual({ amount: 1200000.5, currency: "EUR", start: "2020-01", evidence: ["grants-edges.csv line 2"] });
    const [m] = await db.read(
      "MATCH (n:Entity {id: 'org:mueller-soehne-maschinenbau-gmbh'}) RETURN n.aliases AS aliases, n.searchKeys AS keys",
    );
    expect(m!.aliases).toEqual(["Müller & Söhne Maschinenbau GmbH", "Müller und Söhne", "Mueller & Soehne"]);
    expect(m!.keys).toContain("Mueller & Soehne Maschinenbau GmbH");
  });

  it("changes no count when imported again", async () => {
    const before = await countGraph(db);
    await runImport(db, await readCsvMapping([CSV]));
    expect(await countGraph(db)).toEqual(before);
  });
});

describe("json import in the seed format", () => {
  it("confirms the seed without changing a count and cites the run on every node", async () => {
    const before = await countGraph(db);
    const s = await runImport(db, await readJsonSeed([SEED_DIR]));
    expect(s.issues).toEqual([]);
    expect(s.nodesCreated).toBe(0);
    // Only the run's own Source node is new.
    expect(await countGraph(db)).toEqual({ nodes: before.nodes + 1, relationships: before.relationships });
    const [r] = await db.read("MATCH (n:Entity {id: 'org:aurubis'}) RETURN n.sources AS sources");
    expect(r!.sources).toContain(s.sourceId);
  });
});

describe("cordis FP7 link layout", () => {
  it("creates minimal projects funded by the European Commission with unknown amounts", async () => {
    const s = await runImport(db, await readCordis([FP7]));
    expect(s.rowsSkipped).toBe(0);
    const [r] = await db.read(
      "MATCH (:Entity {id: 'ministry:european-commission'})-[f:FUNDS]->(p:Project {frameworkProgramme: 'FP7'}) RETURN count(f) AS n, count(f.amount) AS amounts",
    );
    expect(r!.n).toBeGreaterThan(100);
    expect(r!.amounts).toBe(0);
  });
});

describe("the importer's and the review's named queries", () => {
  it("all EXPLAIN against the real schema", async () => {
    const mine = [...namedQueries().values()].filter((q) => q.file === "import.cypher" || q.file === "review.cypher");
    expect(mine.length).toBeGreaterThan(10);
    for (const q of mine) await expect(db.read(`EXPLAIN ${q.text}`), q.name).resolves.toBeDefined();
  });
});
