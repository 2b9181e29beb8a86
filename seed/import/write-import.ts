/**
 * Writes a plan: the run's Source node first (status "running"), then nodes, then relationships, in
 * UNWIND batches of `batchSize` rows, each batch its own transaction. A run killed halfway leaves whole
 * batches only; running it again (which plans again) completes it.
 *
 * Nodes are upserted (MERGE on id; fill, union, never overwrite). Relationships the graph lacked when
 * the import was planned are created with every property in one map (import-create-edges), without
 * looking them up: on a graph that was empty when Neo4j planned the look-up, it scanned every
 * relationship for every row. Those it held are upserted (import-upsert-edges), on a graph that had
 * them when planned.
 */
import type { Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import type { ImportPlan } from "./plan-import.ts";
import type { Progress } from "./progress.ts";
import type { EdgeWriteRow } from "./to-import-rows.ts";

export interface WriteOptions {
  batchSize: number;
  /** Pause between batches, milliseconds (tests use it to interrupt a run). */
  pauseMs?: number;
  progress?: Progress | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function inBatches<T>(rows: T[], options: WriteOptions, work: (batch: T[]) => Promise<void>): Promise<void> {
  for (let i = 0; i < rows.length; i += options.batchSize) {
    const batch = rows.slice(i, i + options.batchSize);
    await work(batch);
    options.progress?.tick(batch.length);
    if (options.pauseMs) await sleep(options.pauseMs);
  }
}

const WRITE = { timeoutMs: 300000 };

export async function writeSource(db: Database, id: string, props: Record<string, unknown>, status: "running" | "complete"): Promise<void> {
  await db.write(query("import-upsert-source"), { id, props, status }, { what: "import: source" });
}

/** A relationship the graph lacks, as import-create-edges writes it: what import-upsert-edges would create. */
export function createEdgeRow(r: EdgeWriteRow): { type: string; from: string; to: string; props: Record<string, unknown> } {
  return {
    type: r.type,
    from: r.from,
    to: r.to,
    props: { ...r.props, id: r.id, sources: r.cites.map((c) => c.source), evidence: r.cites.map((c) => c.evidence) },
  };
}

export async function writePlan(db: Database, plan: ImportPlan, options: WriteOptions): Promise<{ flagged: number }> {
  let flagged = 0;
  options.progress?.start("nodes", plan.nodes.length);
  await inBatches(plan.nodes, options, async (rows) => {
    const [r] = await db.write(query("import-upsert-nodes"), { rows, sourceId: plan.sourceId }, { what: "import: nodes", ...WRITE });
    flagged += Number(r?.flagged ?? 0);
  });

  options.progress?.start("relationships", plan.edges.length);
  const check = (written: unknown, rows: unknown[]): void => {
    if (Number(written ?? 0) !== rows.length) {
      throw new Error(
        `import: wrote ${String(written)} of ${rows.length} relationships in a batch; an endpoint vanished while importing — run the import again`,
      );
    }
  };
  await inBatches(
    plan.edges.filter((e) => !plan.edgesPresent.has(e.id)),
    options,
    async (rows) => {
      const [r] = await db.write(
        query("import-create-edges"),
        { rows: rows.map(createEdgeRow) },
        { what: "import: relationships", ...WRITE },
      );
      check(r?.written, rows);
    },
  );
  await inBatches(
    plan.edges.filter((e) => plan.edgesPresent.has(e.id)),
    options,
    async (rows) => {
      const [r] = await db.write(query("import-upsert-edges"), { rows }, { what: "import: relationships", ...WRITE });
      check(r?.written, rows);
    },
  );
  return { flagged };
}
