/**
 * Shared by the import benchmarks (import-cordis.ts, import-generated.ts): the baselines the importer
 * is measured against, a Database that adds up the time of each kind of call, and the fair-order rules.
 *
 * - handBatch: a hand-written `UNWIND $rows … MERGE` batch (the same
 *   batch size, the same constraints and indexes) writing exactly the importer's planned rows and
 *   properties: nodes with their lists and filled country/city, relationships with id, facts, sources
 *   and evidence, and the SIMILAR_TO links. No validation, no resolution, no look-ups.
 * - naive: one transaction per row, MERGE both endpoints and the relationship.
 * - Every contender starts on an empty database with an empty query cache (wipeCold), so none inherits
 *   another's data or plans; the order rotates over the repetitions (rotate), after an uncounted
 *   warm-up round, so none gets a warm JVM for free.
 */
import type { Database } from "../../server/db/database.ts";
import type { ImportPlan } from "../../seed/import/plan-import.ts";
import { createNodeRow } from "../../seed/import/write-import.ts";
import { createEdgeRow } from "../../seed/import/write-edges.ts";
import type { ParsedImport } from "../../seed/import/import-model.ts";
import { runImport } from "../../seed/import/run-import.ts";

export const seconds = (t0: number): number => (performance.now() - t0) / 1000;

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Deletes everything and empties Neo4j's query cache: the next statement is planned on an empty graph. */
export async function wipeCold(db: Database): Promise<void> {
  await db.autoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS", {}, { timeoutMs: 900000 });
  await db.autoCommit("CALL db.clearQueryCaches()");
}

/** The order of the contenders in round `round` (0 = warm-up): each position once per len(xs) rounds. */
export function rotate<T>(xs: readonly T[], round: number): T[] {
  const k = round % xs.length;
  return [...xs.slice(k), ...xs.slice(0, k)];
}

export interface HandRows {
  nodes: { id: string; label: string; props: Record<string, unknown> }[];
  edges: Map<string, { from: string; to: string; props: Record<string, unknown> }[]>;
  similar: { from: string; to: string; props: Record<string, unknown> }[];
  count: number;
}

/** The hand batch's rows: the importer's plan, shaped as a hand-written loader would send them. */
export function handRows(plan: ImportPlan): HandRows {
  const similar = plan.nodes.flatMap((n) =>
    n.similar.map((s) => ({
      from: n.id,
      to: s.to,
      props: { id: s.id, score: s.score, reason: s.reason, status: "open", sources: [plan.sourceId], evidence: [s.evidence] },
    })),
  );
  return {
    nodes: plan.nodes.map(createNodeRow),
    edges: groupBy(plan.edges.map(createEdgeRow), (e) => e.type),
    similar,
    count: plan.nodes.length + plan.edges.length,
  };
}

/**
 * Writes the rows with plain UNWIND … MERGE batches; seconds for nodes and for relationships. Nodes in
 * one statement (the label as a parameter, as the importer sets it); relationships one statement per
 * type, so that MERGE can seek the relationship id indexes (a MERGE with a dynamic type is planned as
 * a scan of all relationships on an empty graph).
 */
export async function handBatch(db: Database, rows: HandRows, batch: number): Promise<{ nodes: number; edges: number }> {
  const opts = { timeoutMs: 900000 };
  let t = performance.now();
  for (let i = 0; i < rows.nodes.length; i += batch) {
    await db.write(
      "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n:$(row.label), n += row.props",
      { rows: rows.nodes.slice(i, i + batch) },
      opts,
    );
  }
  const nodes = seconds(t);
  t = performance.now();
  for (const [type, list] of rows.edges) {
    for (let i = 0; i < list.length; i += batch) {
      await db.write(
        `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {id: row.props.id}]->(b) SET r += row.props`,
        { rows: list.slice(i, i + batch) },
        opts,
      );
    }
  }
  for (let i = 0; i < rows.similar.length; i += batch) {
    await db.write(
      "UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:SIMILAR_TO {id: row.props.id}]->(b) SET r += row.props",
      { rows: rows.similar.slice(i, i + batch) },
      opts,
    );
  }
  return { nodes, edges: seconds(t) };
}

export interface NaiveRow {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  id: string;
  props: Record<string, unknown>;
}

/** One transaction per row: MERGE both endpoints and the relationship. Rows per second. */
export async function naive(db: Database, rows: NaiveRow[]): Promise<number> {
  const t0 = performance.now();
  for (const row of rows) {
    await db.write(
      `MERGE (a:Entity {id: $from}) ON CREATE SET a:Organisation, a.name = $fromName
       MERGE (b:Entity {id: $to}) ON CREATE SET b:Project, b.name = $toName
       MERGE (a)-[r:PARTICIPATES_IN {id: $id}]->(b) SET r += $props`,
      { ...row },
    );
  }
  return rows.length / seconds(t0);
}

/** Seconds during which at least one call is under way: calls that overlap count once. */
class BusyTime {
  private active = 0;
  private since = 0;
  seconds = 0;
  enter(): void {
    if (this.active++ === 0) this.since = performance.now();
  }
  leave(): void {
    if (--this.active === 0) this.seconds += seconds(this.since);
  }
}

/**
 * A Database whose read, write and inTransaction add their time to `times[what]` ("import: nodes" …),
 * to `times[groupOf(what)]` when there is one, and to `all`: the same object otherwise, so the importer runs unchanged. Wall time, not a sum:
 * calls under way at once (the importer's look-ups run beside each other, and two batches of new
 * nodes at a time) count once.
 */
export function timedDatabase(
  db: Database,
  groupOf: (what: string) => string | undefined = () => undefined,
): { db: Database; times: Map<string, BusyTime>; all: BusyTime } {
  const times = new Map<string, BusyTime>();
  const all = new BusyTime();
  const busyOf = (key: string): BusyTime => {
    let busy = times.get(key);
    if (!busy) times.set(key, (busy = new BusyTime()));
    return busy;
  };
  const timedCall = async <T>(what: string | undefined, call: () => Promise<T>): Promise<T> => {
    const kind = what ?? "other";
    const group = groupOf(kind);
    const busy = [busyOf(kind), all, ...(group ? [busyOf(group)] : [])];
    for (const b of busy) b.enter();
    try {
      return await call();
    } finally {
      for (const b of busy) b.leave();
    }
  };
  const timed = Object.create(db) as Database;
  timed.read = (query, params, options) => timedCall(options?.what, () => db.read(query, params, options));
  timed.write = (query, params, options) => timedCall(options?.what, () => db.write(query, params, options));
  timed.inTransaction = (mode, work, options) => timedCall(options?.what, () => db.inTransaction(mode, work, options));
  return { db: timed, times, all };
}

/** Where one import's time went, seconds. */
export interface Phases {
  /** Reading and validating the files. */
  read: number;
  /** Entity resolution's candidates and the existing nodes and relationships: while any of them is under way. */
  lookups: number;
  /** The importer's own work in Node (planning, resolution, batching): the run minus the time any database call was under way. */
  node: number;
  nodes: number;
  edges: number;
  total: number;
  rows: number;
  counts: string;
}

/** The importer's reads of what the graph holds, made beside each other while it plans. */
const LOOKUPS = ["import: candidates", "import: existing nodes", "import: existing edges"];

/** Reads with `read` and imports with the real importer, timing each phase from its own calls. */
export async function timedImport(db: Database, read: () => Promise<ParsedImport>, batchSize: number): Promise<Phases> {
  const t0 = performance.now();
  const parsed = await read();
  const readSeconds = seconds(t0);
  const timed = timedDatabase(db, (what) => (LOOKUPS.includes(what) ? "look-ups" : undefined));
  const t1 = performance.now();
  const s = await runImport(timed.db, parsed, { batchSize });
  const run = seconds(t1);
  const t = (what: string): number => timed.times.get(what)?.seconds ?? 0;
  return {
    read: readSeconds,
    lookups: t("look-ups"),
    node: run - timed.all.seconds,
    nodes: t("import: nodes"),
    edges: t("import: relationships"),
    total: readSeconds + run,
    rows: s.rowsLoaded,
    counts: `${s.nodesCreated} nodes, ${s.edgesCreated} relationships created, ${s.nodesMerged} merged, ${s.flagged} flagged`,
  };
}

/** The columns both import benchmarks print after their first two, up to the ratios. */
export const PHASE_COLUMNS = [
  "importer read+validate s",
  "importer look-ups s",
  "importer Node-side s",
  "importer nodes s",
  "importer edges s",
  "hand parse s",
  "hand nodes s",
  "hand edges s",
  "importer rows/s",
  "hand UNWIND MERGE rows/s",
  "naive rows/s",
  "importer ÷ naive",
  "importer ÷ hand",
];
