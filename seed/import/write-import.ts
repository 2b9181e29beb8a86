/**
 * Writes a plan: the run's Source node first (status "running"), then nodes, then relationships, in
 * UNWIND batches of `batchSize` rows, each batch its own transaction and every statement a MERGE on id.
 * A run killed halfway leaves whole batches only; running it again completes it.
 */
import type { Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import type { ImportPlan } from "./plan-import.ts";
import type { Progress } from "./progress.ts";

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

export async function writeSource(db: Database, id: string, props: Record<string, unknown>, status: "running" | "complete"): Promise<void> {
  await db.write(query("import-upsert-source"), { id, props, status }, { what: "import: source" });
}

export async function writePlan(db: Database, plan: ImportPlan, options: WriteOptions): Promise<{ flagged: number }> {
  let flagged = 0;
  options.progress?.start("nodes", plan.nodes.length);
  await inBatches(plan.nodes, options, async (rows) => {
    const [r] = await db.write(
      query("import-upsert-nodes"),
      { rows, sourceId: plan.sourceId },
      { what: "import: nodes", timeoutMs: 300000 },
    );
    flagged += Number(r?.flagged ?? 0);
  });
  options.progress?.start("relationships", plan.edges.length);
  await inBatches(plan.edges, options, async (rows) => {
    const [r] = await db.write(query("import-upsert-edges"), { rows }, { what: "import: relationships", timeoutMs: 300000 });
    if (Number(r?.written ?? 0) !== rows.length) {
      throw new Error(
        `import: wrote ${String(r?.written)} of ${rows.length} relationships in a batch; an endpoint vanished while importing — run the import again`,
      );
    }
  });
  return { flagged };
}
