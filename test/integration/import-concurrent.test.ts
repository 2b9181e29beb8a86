/**
 * Two imports at once, each on its own connection: both plan a relationship id as free, then both
 * write. The plan's check (check-edge-ids.ts) cannot see the other import's row, so the write must:
 * write-edges.ts takes a lock in each batch (import-relationship-write-turn) and looks the ids up
 * again. The imports are held between plan and write (ImportOptions.beforeWrite) until both have
 * planned, so that the race happens on every run, not only when the timing is unlucky.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { ValidationError } from "../../server/errors.ts";
import { query } from "../../server/db/named-queries.ts";
import type { ImportEdge, ParsedImport } from "../../seed/import/import-model.ts";
import { runImport, type ImportSummary } from "../../seed/import/run-import.ts";
import type { EdgeWriteRow } from "../../seed/import/to-import-rows.ts";
import { lastRelationshipWrite, writeEdgeBatch } from "../../seed/import/write-edges.ts";
import { writeSource } from "../../seed/import/write-import.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

let first: Database;
let second: Database;

const GRAPH = `CREATE (:Entity:Organisation {id: 'org:race-a', name: 'Race A'}), (:Entity:Organisation {id: 'org:race-b', name: 'Race B'}),
  (:Entity:Cluster {id: 'cluster:race', name: 'Race Cluster'}), (:Entity:Cluster {id: 'cluster:race-2', name: 'Race Cluster 2'})`;

/** An import of relationships only, between nodes the graph holds; line n+2 is edges[n] (a header line first). */
function edgesImport(slug: string, edges: [id: string, type: string, from: string, to: string][]): ParsedImport {
  const rows: ImportEdge[] = edges.map(([id, type, from, to], i) => ({
    id,
    type,
    from,
    to,
    props: {},
    cites: [],
    ref: `${slug}.csv line ${i + 2}`,
  }));
  return {
    format: "csv",
    layout: "test",
    slug,
    title: slug,
    files: [],
    nodes: [],
    edges: rows,
    issues: [],
    rowsRead: rows.length,
    rowsGood: rows.length,
  };
}

/** Resolves once `n` callers are waiting: both imports have planned before either writes. */
function barrier(n: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const all = new Promise<void>((resolve) => (open = resolve));
  return async () => {
    if (++arrived === n) open();
    await all;
  };
}

/** Both imports, planned one after the other against the same graph, then written at the same time. */
/** Two imports whose first rows give one id ("e:race-shared") to other ends, each with a row of its own. */
const clashing = (): [ParsedImport, ParsedImport] => [
  edgesImport("race-a", [
    ["e:race-shared", "MEMBER_OF", "org:race-a", "cluster:race"],
    ["e:race-a-own", "MEMBER_OF", "org:race-a", "cluster:race-2"],
  ]),
  edgesImport("race-b", [
    ["e:race-shared", "MEMBER_OF", "org:race-b", "cluster:race"],
    ["e:race-b-own", "MEMBER_OF", "org:race-b", "cluster:race-2"],
  ]),
];

async function race(a: ParsedImport, b: ParsedImport, options = {}): Promise<PromiseSettledResult<ImportSummary>[]> {
  const wait = barrier(2);
  return Promise.allSettled([
    runImport(first, a, { ...options, beforeWrite: wait }),
    runImport(second, b, { ...options, beforeWrite: wait }),
  ]);
}

const holders = (id: string) => holdersOf(first, id, "sources");

const summaries = (results: PromiseSettledResult<ImportSummary>[]): ImportSummary[] =>
  results.map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  });

beforeAll(async () => {
  first = await connectTestDb();
  second = await connectTestDb();
});
afterAll(async () => {
  await first.close();
  await second.close();
});
beforeEach(async () => {
  await fixtureGraph(first, GRAPH);
});

describe("two imports writing at the same time", () => {
  it("leave one relationship with an id both planned as free for other ends, and report the other row as a bad row", async () => {
    const [a, b] = summaries(await race(...clashing()));
    // Both planned the id as free: neither plan saw the other's row.
    const held = await holders("e:race-shared");
    expect(held).toHaveLength(1);
    const winner = held[0]!.from === "org:race-a" ? a! : b!;
    const loser = winner === a ? b! : a!;
    expect(held[0]).toMatchObject({ type: "MEMBER_OF", to: "cluster:race", sources: [winner.sourceId] });
    expect(winner).toMatchObject({ issues: [], rowsLoaded: 2, rowsSkipped: 0, edgesCreated: 2, edgesPresent: 0 });
    const loserOrg = winner === a ? "org:race-b" : "org:race-a";
    expect(loser).toMatchObject({ rowsLoaded: 1, rowsSkipped: 1, edgesCreated: 1, edgesPresent: 0 });
    expect(loser.issues).toEqual([
      {
        file: `${loser === a ? "race-a" : "race-b"}.csv`,
        line: 2,
        column: "id",
        reason: expect.stringContaining(
          `relationship id "e:race-shared" is already held in the graph by MEMBER_OF ${held[0]!.from} → cluster:race; this row (MEMBER_OF ${loserOrg} → cluster:race) is another relationship`,
        ),
      },
    ]);
    expect(loser.issues[0]!.reason).toContain("found when writing");
    // The good rows of both loaded; the run's Source records the refused row.
    expect(await holders("e:race-a-own")).toHaveLength(1);
    expect(await holders("e:race-b-own")).toHaveLength(1);
    const [source] = await first.read(
      "MATCH (s:Source {id: $id}) RETURN s.recordCount AS recordCount, s.rowsSkipped AS rowsSkipped, s.status AS status",
      {
        id: loser.sourceId,
      },
    );
    expect(source).toEqual({ recordCount: 1, rowsSkipped: 1, status: "complete" });
  });

  it("leave one relationship citing both when both write the same relationship (same id, type and ends)", async () => {
    const [a, b] = summaries(
      await race(
        edgesImport("race-a", [["e:race-same", "MEMBER_OF", "org:race-a", "cluster:race"]]),
        edgesImport("race-b", [["e:race-same", "MEMBER_OF", "org:race-a", "cluster:race"]]),
      ),
    );
    const held = await holders("e:race-same");
    expect(held).toHaveLength(1);
    expect([...(held[0]!.sources as string[])].sort()).toEqual([a!.sourceId, b!.sourceId].sort());
    expect([a!.issues, b!.issues]).toEqual([[], []]);
    expect([a!.edgesCreated + b!.edgesCreated, a!.edgesPresent + b!.edgesPresent]).toEqual([1, 1]);
  });

  it("under --strict, stop the import that writes second with the row named, and write nothing of its batch", async () => {
    const results = await race(...clashing(), { strict: true });
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failed = results.find((r) => r.status === "rejected")!.reason as Error;
    expect(failed).toBeInstanceOf(ValidationError);
    expect(failed.message).toMatch(/^import: --strict: 1 bad row\(s\) found when writing/);
    expect(failed.message).toContain("race-shared");
    const held = await holders("e:race-shared");
    expect(held).toHaveLength(1);
    // The stopped import's batch (both its rows) was not written.
    const own = held[0]!.from === "org:race-a" ? "e:race-b-own" : "e:race-a-own";
    expect(await holders(own)).toEqual([]);
  });

  it("refuse a row whose id another import wrote after this one planned, however many batches later the row comes", async () => {
    // B plans and writes all of it while A is held between its plan and its first batch; A's clash
    // comes in its third batch of one row, after two batches that clash with nothing.
    const b = edgesImport("race-b", [["e:race-shared", "MEMBER_OF", "org:race-b", "cluster:race"]]);
    let second_: ImportSummary | undefined;
    const a = await runImport(
      first,
      edgesImport("race-a", [
        ["e:race-a-own", "MEMBER_OF", "org:race-a", "cluster:race-2"],
        ["e:race-a-other", "MEMBER_OF", "org:race-a", "cluster:race"],
        ["e:race-shared", "MEMBER_OF", "org:race-a", "cluster:race"],
      ]),
      { batchSize: 1, beforeWrite: async () => void (second_ = await runImport(second, b)) },
    );
    expect(second_).toMatchObject({ issues: [], edgesCreated: 1 });
    expect(await holders("e:race-shared")).toMatchObject([{ from: "org:race-b", to: "cluster:race" }]);
    expect(a).toMatchObject({ rowsLoaded: 2, rowsSkipped: 1, edgesCreated: 2 });
    expect(a.issues).toMatchObject([{ file: "race-a.csv", line: 4, column: "id", reason: expect.stringContaining("found when writing") }]);
  });

  it("make a second import wait for the relationship lock while another transaction holds it", async () => {
    const session = first.driver.session();
    const tx = await session.beginTransaction();
    let finished = false;
    try {
      await tx.run(query("import-relationship-write-turn"), { sourceId: null });
      const waiting = runImport(second, edgesImport("race-b", [["e:race-b-own", "MEMBER_OF", "org:race-b", "cluster:race"]])).then((s) => {
        finished = true;
        return s;
      });
      // Until Neo4j reports the import's transaction blocked on the lock (a broken lock never is: the test times out).
      for (;;) {
        const [blocked] = await first.read(
          "SHOW TRANSACTIONS YIELD status, currentQuery WHERE status STARTS WITH 'Blocked' AND currentQuery CONTAINS 'lock:import-relationship-writes' RETURN count(*) AS n",
        );
        if (Number(blocked?.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(finished).toBe(false);
      await tx.commit();
      expect(await waiting).toMatchObject({ issues: [], edgesCreated: 1 });
    } finally {
      await session.close();
    }
  });

  it("look no id up again when writing while no other import has written since (the plan's check still holds)", async () => {
    // Regression: the turn read back this import's own mark, so every batch of a lone import was checked again.
    await writeSource(first, "import:race-a", { name: "race-a" }, "running");
    const row = (id: string): EdgeWriteRow => ({ id, type: "MEMBER_OF", from: "org:race-a", to: "cluster:race", props: {}, cites: [] });
    const options = { sourceId: "import:race-a", planned: "create" as const, timeoutMs: 60000 };
    const before = await lastRelationshipWrite(first);
    const one = await writeEdgeBatch(first, [row("e:race-1")], { ...options, lastWrite: before });
    const two = await writeEdgeBatch(first, [row("e:race-2")], { ...options, lastWrite: one.lastWrite });
    expect([one.checked, two.checked]).toEqual([false, false]);
    // Another import's batch in between: the next one is checked.
    await writeSource(second, "import:race-b", { name: "race-b" }, "running");
    await writeEdgeBatch(second, [row("e:race-3")], { ...options, sourceId: "import:race-b", lastWrite: undefined });
    const three = await writeEdgeBatch(first, [row("e:race-4")], { ...options, lastWrite: two.lastWrite });
    expect(three.checked).toBe(true);
  });

  it("leave no lock node behind", async () => {
    const before = await countGraph(first);
    await race(
      edgesImport("race-a", [["e:race-a-own", "MEMBER_OF", "org:race-a", "cluster:race"]]),
      edgesImport("race-b", [["e:race-b-own", "MEMBER_OF", "org:race-b", "cluster:race"]]),
    );
    // Two Source nodes, two relationships, nothing else.
    expect(await countGraph(first)).toEqual({ nodes: before.nodes + 2, relationships: before.relationships + 2 });
    expect(await first.read("MATCH (n) WHERE n.id STARTS WITH 'lock:' RETURN n.id AS id")).toEqual([]);
  });
});
