/**
 * The importers' relationship lock for writers that are not imports (the seed loader, an editor's
 * GraphQL mutation, the review's accept and undo). A relationship id names one relationship graph-wide, but Neo4j's uniqueness
 * constraints are per type, so code keeps it: every writer that creates or changes relationship ids
 * takes the lock in its transaction (import-relationship-write-turn), looks the ids up under it
 * (seeing every other writer's committed relationships), and, when it writes, marks itself the last
 * writer (import-mark-relationship-writer) so that an import running at the same time looks its next
 * batch's ids up again (seed/import/write-edges.ts).
 */
import neo4j, { type ManagedTransaction } from "neo4j-driver";
import { RELATIONSHIP_TYPES } from "../../seed/model.ts";
import { run, type Database } from "./database.ts";
import { query } from "./named-queries.ts";

/** A relationship as the graph holds it. */
export interface HeldRelationship {
  id: string;
  type: string;
  from: string;
  to: string;
}

/** "MEMBER_OF org:a → cluster:x", as the importer words it. */
export const describeRelationship = (r: { type: string; from: string; to: string }): string => `${r.type} ${r.from} → ${r.to}`;

/**
 * Takes the importers' relationship lock, held until the transaction ends, and reads which writer
 * wrote relationships last and its count (marking nothing).
 */
export async function takeRelationshipTurn(tx: ManagedTransaction): Promise<{ writer: unknown; writes: unknown }> {
  const [row] = await run(tx, query("import-relationship-write-turn"), { sourceId: null });
  return { writer: row?.writer, writes: row?.writes };
}

/** Marks `writer` (a Source node, created with `props` if missing) as the last writer of relationships; under the lock. */
export async function markRelationshipWriter(tx: ManagedTransaction, writer: string, props: Record<string, unknown>): Promise<void> {
  await run(tx, query("import-mark-relationship-writer"), { writer, props });
}

/**
 * Every relationship of the model's types holding one of the ids, as the transaction sees them: one
 * seek of each type's id index per id (import-edges-by-id), types the graph holds none of skipped
 * (import-relationship-counts, from the count store). For the ids of an import's batch, a mutation or
 * a seed; an import's plan, with all its ids at once, uses seed/import/check-edge-ids.ts.
 */
export async function relationshipsHolding(tx: ManagedTransaction, ids: string[]): Promise<Map<string, HeldRelationship[]>> {
  const out = new Map<string, HeldRelationship[]>();
  if (ids.length === 0) return out;
  const [counts = {}] = await run(tx, query("import-relationship-counts"));
  const byType = Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, Number(counts[t] ?? 0) > 0 ? ids : []]));
  for (const r of await run(tx, query("import-edges-by-id"), { ids: byType })) {
    const held = { id: String(r.id), type: String(r.type), from: String(r.from), to: String(r.to) };
    out.set(held.id, [...(out.get(held.id) ?? []), held]);
  }
  return out;
}

/**
 * Runs `work` in one managed write transaction (retried on transient errors such as a deadlock) in
 * the session @neo4j/graphql would open: its database and the driver's shared bookmark manager, so
 * that a read after the write sees it. Errors pass through as thrown: the library's own, ours, and
 * the driver's, which server/graphql/format-error.ts maps for GraphQL as it does the library's.
 */
export async function inWriteTransaction<T>(
  db: Database,
  work: (tx: ManagedTransaction) => Promise<T>,
  options: { database?: string | undefined; timeoutMs?: number | undefined },
): Promise<T> {
  const session = db.driver.session({
    defaultAccessMode: neo4j.session.WRITE,
    bookmarkManager: db.driver.executeQueryBookmarkManager,
    database: options.database ?? db.database ?? "neo4j",
  });
  try {
    return await session.executeWrite(work, options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs });
  } finally {
    await session.close();
  }
}
