/**
 * Writes a plan: the run's Source node first (status "running"), then nodes, then relationships, in
 * UNWIND batches of `batchSize` rows, each batch its own transaction. A run killed halfway leaves whole
 * batches only; running it again (which plans again) completes it.
 *
 * Nodes the graph lacked when the import was planned are created with every property in one map
 * (import-create-nodes), without looking them up: the upsert's look-up, fill and union steps cost more
 * than the write itself; two of their batches are under way at a time (CREATE_BATCHES_IN_FLIGHT). What
 * the graph held — and rows merged into a node of the same import — is upserted after the creates, one
 * batch at a time (MERGE on id; fill, union, never overwrite: import-upsert-nodes). A node
 * another import created since the plan fails the id constraint. Relationships have no such
 * constraint: write-edges.ts checks their ids again in each batch's transaction, under a lock. A node
 * batch's SIMILAR_TO links are checked in its own transaction, without the lock (similarIdsTaken).
 */
import type { ManagedTransaction } from "neo4j-driver";
import { run, type Database } from "../../server/db/database.ts";
import { ConflictError } from "../../server/errors.ts";
import { query } from "../../server/db/named-queries.ts";
import { describeRelationship, relationshipsHolding, type HeldRelationship } from "../../server/db/relationship-write-turn.ts";
import type { ImportPlan } from "./plan-import.ts";
import type { Progress } from "./progress.ts";
import type { EdgeWriteRow, NodeWriteRow } from "./to-import-rows.ts";
import type { Issue } from "./import-model.ts";
import { writeEdgeBatch } from "./write-edges.ts";

export interface WriteOptions {
  batchSize: number;
  /** Pause between batches, milliseconds (tests use it to interrupt a run). */
  pauseMs?: number;
  progress?: Progress | undefined;
  /** A row refused when writing stops the run (--strict) instead of being skipped. */
  strict?: boolean | undefined;
  /** Who wrote relationships last, read before planning (lastRelationshipWrite); none: every batch's ids are looked up again. */
  lastWrite?: string | undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `work` on the rows in batches, `inFlight` at a time (each its own transaction): batches in plan
 * order, each started when one before it is done. After a failure no batch starts; the ones under way
 * are awaited, then the first failure is thrown.
 */
export async function inBatches<T>(rows: T[], options: WriteOptions, work: (batch: T[]) => Promise<void>, inFlight = 1): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (!failed && next < rows.length) {
      const batch = rows.slice(next, next + options.batchSize);
      next += options.batchSize;
      try {
        await work(batch);
      } catch (error) {
        failed ??= { error };
        return;
      }
      options.progress?.tick(batch.length);
      if (options.pauseMs) await sleep(options.pauseMs);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, inFlight) }, worker));
  if (failed) throw failed.error;
}

/**
 * Batches of new nodes written at once. Each holds ids no other batch has (the first row of each id),
 * so they wait on no lock but the SIMILAR_TO links' end nodes (a deadlock there is retried, as the
 * driver retries any transient error); two keep Neo4j busy while the next batch is sent and the last
 * one commits (H2020's 19,882 nodes: BENCHMARKS.md, sixteenth session). Upserts stay one at a time:
 * rows of one id fill its properties in plan order.
 */
const CREATE_BATCHES_IN_FLIGHT = 2;

const WRITE = { timeoutMs: 300000 };

export async function writeSource(db: Database, id: string, props: Record<string, unknown>, status: "running" | "complete"): Promise<void> {
  await db.write(query("import-upsert-source"), { id, props, status }, { what: "import: source" });
}

/** A node the graph lacks, as import-create-nodes writes it: every property import-upsert-nodes leaves on a node it creates. */
export function createNodeRow(r: NodeWriteRow): { id: string; label: string; props: Record<string, unknown> } {
  const props: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r.props)) if (v !== null && v !== undefined) props[k] = v;
  // `coalesce(n.k, []) + [x IN row.k WHERE NOT x IN coalesce(n.k, [])]` on the node the props made.
  const union = (k: string, extra: string[]): void => {
    const own = props[k];
    const base: unknown[] = own === undefined ? [] : Array.isArray(own) ? own : [own];
    props[k] = [...base, ...extra.filter((x) => !base.includes(x))];
  };
  union("aliases", r.aliases);
  union("searchKeys", r.searchKeys);
  union("externalIds", r.externalIds);
  union("sources", r.sources);
  for (const k of ["country", "city"] as const) {
    const v = props[k] ?? r.fill[k];
    if (v !== null && v !== undefined) props[k] = v;
  }
  props.id = r.id;
  return { id: r.id, label: r.label, props };
}

/** New nodes (the first row of an id the graph lacked) and the rest, in plan order. */
function splitNodes(plan: ImportPlan): { create: NodeWriteRow[]; upsert: NodeWriteRow[] } {
  const created = new Set<string>();
  const create: NodeWriteRow[] = [];
  const upsert: NodeWriteRow[] = [];
  for (const n of plan.nodes) {
    if (plan.nodesPresent.has(n.id) || created.has(n.id)) upsert.push(n);
    else {
      created.add(n.id);
      create.push(n);
    }
  }
  return { create, upsert };
}

/** What the write did: SIMILAR_TO links flagged, relationships created and confirmed, and the rows refused when writing. */
export interface WriteResult {
  flagged: number;
  edgesCreated: number;
  edgesPresent: number;
  /** Rows whose relationship id another import wrote after this one was planned (write-edges.ts). */
  issues: Issue[];
}

/**
 * The refusal for each SIMILAR_TO link whose id a relationship other than that link holds. Its id is
 * made from the pair (to-import-rows.ts, similarId: no two pairs share one), but a relationship can
 * hold it without being the link: one an editor gave that id before mutations refused it
 * (guard-relationship-ids.ts), or a link the review moved to the kept node of a merge.
 * Looked up in the batch's own transaction without the importers' lock: no writer can give such an id
 * to another relationship meanwhile (see import-flag-similar in cypher/queries/import.cypher).
 */
function similarIdsTaken(
  links: { id: string; from: string; to: string; evidence: string }[],
  held: Map<string, HeldRelationship[]>,
): string[] {
  const out: string[] = [];
  for (const s of links) {
    const others = (held.get(s.id) ?? []).filter((h) => !(h.type === "SIMILAR_TO" && h.from === s.from && h.to === s.to));
    if (others.length)
      out.push(
        `the likely-duplicate link ${describeRelationship({ type: "SIMILAR_TO", from: s.from, to: s.to })} (${s.evidence}) would get relationship id "${s.id}", which ${others.map(describeRelationship).join(" and ")} holds`,
      );
  }
  return out;
}

export async function writePlan(db: Database, plan: ImportPlan, options: WriteOptions): Promise<WriteResult> {
  let flagged = 0;
  options.progress?.start("nodes", plan.nodes.length);
  const nodes = splitNodes(plan);
  // Each batch of nodes and its SIMILAR_TO links in one transaction.
  const writeNodes = async (rows: NodeWriteRow[], create: boolean): Promise<void> => {
    const similar = rows.flatMap((r) => r.similar.map((s) => ({ ...s, from: r.id })));
    let refused: ConflictError | undefined;
    const work = async (tx: ManagedTransaction): Promise<number> => {
      if (similar.length) {
        const ids = similar.map((s) => s.id);
        const taken = similarIdsTaken(similar, await relationshipsHolding(tx, ids));
        if (taken.length)
          throw (refused = new ConflictError(
            `import: ${taken.join("; ")}: an id names one relationship, so nothing of this batch was written. Give that relationship another id, or delete it, and run the import again`,
          ));
      }
      const [r] = create
        ? await run(tx, query("import-create-nodes"), { rows: rows.map(createNodeRow) })
        : await run(tx, query("import-upsert-nodes"), { rows });
      if (Number(r?.written ?? 0) !== rows.length)
        throw new Error(`import: wrote ${String(r?.written)} of ${rows.length} nodes in a batch`);
      if (!similar.length) return 0;
      const [f] = await run(tx, query("import-flag-similar"), { rows: similar, sourceId: plan.sourceId });
      return Number(f?.flagged ?? 0);
    };
    try {
      // Not `flagged += await …`: that reads `flagged` before the await, and batches run at once.
      const flaggedNow = await db.inTransaction("WRITE", work, { what: "import: nodes", ...WRITE });
      flagged += flaggedNow;
    } catch (e) {
      if (!(create && e instanceof ConflictError) || e === refused) throw e;
      throw new ConflictError(
        `${e.message} — a node appeared after the import was planned; nothing of this batch was written; run the import again`,
      );
    }
  };
  await inBatches(nodes.create, options, (rows) => writeNodes(rows, true), CREATE_BATCHES_IN_FLIGHT);
  await inBatches(nodes.upsert, options, (rows) => writeNodes(rows, false));

  options.progress?.start("relationships", plan.edges.length);
  const edges = { created: 0, present: 0, issues: [] as Issue[] };
  // Once another import has written relationships since this one planned, every later batch is
  // checked: what it wrote may clash with any of them (write-edges.ts).
  let lastWrite = options.lastWrite;
  const writeEdges = async (rows: EdgeWriteRow[], planned: "create" | "confirm"): Promise<void> => {
    const r = await writeEdgeBatch(db, rows, { sourceId: plan.sourceId, planned, lastWrite, strict: options.strict, ...WRITE });
    edges.created += r.created;
    edges.present += r.present;
    edges.issues.push(...r.issues);
    lastWrite = r.checked ? undefined : r.lastWrite;
  };
  await inBatches(
    plan.edges.filter((e) => !plan.edgesPresent.has(e.id)),
    options,
    (rows) => writeEdges(rows, "create"),
  );
  await inBatches(
    plan.edges.filter((e) => plan.edgesPresent.has(e.id)),
    options,
    (rows) => writeEdges(rows, "confirm"),
  );
  return { flagged, edgesCreated: edges.created, edgesPresent: edges.present, issues: edges.issues };
}
