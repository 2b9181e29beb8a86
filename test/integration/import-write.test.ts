import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { readCsvMapping } from "../../seed/import/read-csv-mapping.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import type { ParsedImport } from "../../seed/import/import-model.ts";
import { planImport } from "../../seed/import/plan-import.ts";
import { writePlan } from "../../seed/import/write-import.ts";
import { similarId } from "../../seed/import/to-import-rows.ts";
import { runImport } from "../../seed/import/run-import.ts";
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

  it("counts every likely-duplicate link when batches of new nodes are written at once", async () => {
    await seededGraph(db);
    const sourceId = "import:test-flags";
    const plan = await planImport(db, await readCordis([H2020]), sourceId);
    // Every new node flagged as a likely duplicate of one of the seed's organisations, one node per
    // batch: the batches that flag overlap.
    const seedOrgs = (await db.read("MATCH (o:Organisation) RETURN o.id AS id ORDER BY id LIMIT 3")).map((r) => String(r.id));
    const nodes = plan.nodes.map((n, i) => {
      const to = seedOrgs[i % seedOrgs.length]!;
      if (plan.nodesPresent.has(n.id) || n.similar.length) return n;
      return { ...n, similar: [{ id: similarId(n.id, to), to, score: 0.9, reason: "test", evidence: "test" }] };
    });
    // Rows merged into one node of the import may give it the same link twice: one link, two rows flagged.
    const rows = nodes.reduce((k, n) => k + n.similar.length, 0);
    const links = new Set(nodes.flatMap((n) => n.similar.map((l) => l.id))).size;
    expect(links).toBeGreaterThan(10);
    const written = await writePlan(db, { ...plan, nodes, edges: [] }, { batchSize: 1 });
    const [found] = await db.read("MATCH ()-[r:SIMILAR_TO]->() WHERE $s IN r.sources RETURN count(r) AS n", { s: sourceId });
    expect(found!.n).toBe(links);
    expect(written.flagged).toBe(rows);
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

describe("planning", () => {
  it("looks the relationship ids up only once edgeIdsAfter has settled, and makes its other reads meanwhile", async () => {
    await seededGraph(db);
    const parsed = await readCordis([H2020]);
    const reads: string[] = [];
    const observed = Object.create(db) as Database;
    observed.read = (query, params, options) => {
      reads.push(options?.what ?? "other");
      return db.read(query, params, options);
    };
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const planning = planImport(observed, parsed, "import:test-order", { edgeIdsAfter: gate });
    // The nodes' look-up comes after the candidates and entity resolution.
    await vi.waitFor(() => expect(reads).toContain("import: existing nodes"), { timeout: 30_000 });
    expect(reads).toContain("import: candidates");
    expect(reads).not.toContain("import: existing edges");
    release();
    const plan = await planning;
    expect(reads).toContain("import: existing edges");
    expect(plan.edges.length).toBeGreaterThan(0);
  });

  it("says it is planning and what it planned before the rows' progress", async () => {
    await seededGraph(db);
    const text: string[] = [];
    const summary = await runImport(db, await readCsvMapping([CSV]), {
      progress: { isTTY: false, write: (t: string) => void text.push(t) },
    });
    const lines = text.join("").trimEnd().split("\n");
    expect(lines[0]).toMatch(/^import: planning \d+ nodes and \d+ relationships against the graph/);
    expect(lines[1]).toMatch(
      new RegExp(
        `^import: planned in \\d+\\.\\d s: ${summary.nodesCreated} nodes to create, ${summary.nodesMerged} to merge, .*${summary.edgesCreated} relationships to create, .*${summary.rowsSkipped} bad rows$`,
      ),
    );
    expect(lines[2]).toMatch(/^import: 0\/\d+ rows \(0 rows\/s\) nodes$/);
    expect(lines.at(-1)).toMatch(/ relationships$/);
  });

  it("fails with the error of edgeIdsAfter when it fails", async () => {
    const parsed = await readCordis([H2020]);
    await expect(planImport(db, parsed, "import:test-order", { edgeIdsAfter: Promise.reject(new Error("no turn")) })).rejects.toThrow(
      "no turn",
    );
  });
});
