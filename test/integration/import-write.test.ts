import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { readCsvMapping } from "../../seed/import/read-csv-mapping.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import type { ParsedImport } from "../../seed/import/import-model.ts";
import { planImport } from "../../seed/import/plan-import.ts";
import { writePlan } from "../../seed/import/write-import.ts";
import { ConflictError } from "../../server/errors.ts";
import { connectTestDb, seededGraph } from "../helpers/test-graph.ts";
import { FIXTURES } from "../helpers/paths.ts";

const CSV = path.join(FIXTURES, "csv", "grants.yaml");
const H2020 = path.join(FIXTURES, "cordis", "h2020-2016");
let db: Database;

beforeAll(async () => {
  db = await connectTestDb();
  await seededGraph(db);
});
afterAll(async () => {
  await db.close();
});

describe("writing a plan", () => {
  it.each([
    ["csv", () => readCsvMapping([CSV])],
    ["cordis h2020-2016", () => readCordis([H2020])],
  ] as const)("writes the same graph (%s) whether it creates the new nodes and relationships or upserts them", async (_f, read) => {
    const parsed: ParsedImport = await read();
    const sourceId = "import:test-same";
    const written = async (allPresent: boolean) => {
      await seededGraph(db);
      const plan = await planImport(db, parsed, sourceId);
      const nodesPresent = allPresent ? new Set(plan.nodes.map((n) => n.id)) : plan.nodesPresent;
      const edgesPresent = allPresent ? new Set(plan.edges.map((e) => e.id)) : plan.edgesPresent;
      await writePlan(db, { ...plan, nodesPresent, edgesPresent }, { batchSize: 7 });
      return {
        nodes: (
          await db.read(
            "MATCH (n:Entity) WHERE $s IN n.sources RETURN n.id AS id, labels(n) AS labels, properties(n) AS props ORDER BY id",
            {
              s: sourceId,
            },
          )
        ).map((n) => ({ ...n, labels: [...(n.labels as string[])].sort() })),
        edges: await db.read(
          // SIMILAR_TO links carry the time they were made.
          "MATCH (a)-[r]->(b) WHERE $s IN r.sources RETURN a.id AS a, type(r) AS type, b.id AS b, r {.*, createdAt: null} AS props ORDER BY r.id",
          { s: sourceId },
        ),
      };
    };
    const created = await written(false);
    const upserted = await written(true);
    expect(created.nodes.length).toBeGreaterThan(2);
    expect(created.edges.length).toBeGreaterThan(2);
    expect(created).toEqual(upserted);
    expect(created.edges.some((e) => e.type === "SIMILAR_TO")).toBe(true);
  });

  it("refuses a batch of new nodes when one of them appeared after the plan, and writes nothing of that batch", async () => {
    await seededGraph(db);
    const parsed = await readCsvMapping([CSV]);
    const plan = await planImport(db, parsed, "import:test-conflict");
    const created = plan.nodes.filter((n) => !plan.nodesPresent.has(n.id));
    expect(created.length).toBeGreaterThan(1);
    const [first, second] = created;
    await db.write("CREATE (n:Entity:Organisation {id: $id, name: 'meanwhile'})", { id: second!.id });
    const error = await writePlan(db, { ...plan, nodes: [first!, second!], edges: [] }, { batchSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("CONFLICT");
    const [r] = await db.read("MATCH (n:Entity {id: $id}) RETURN count(n) AS n", { id: first!.id });
    expect(r!.n).toBe(0);
  });
});
