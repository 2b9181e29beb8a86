/** Counts nodes and relationships: the figures /healthz and the seed command report. */
import type { Database, Row } from "./database.ts";

const COUNTS =
  "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships";

const totals = (row: Row | undefined) => ({ nodes: Number(row?.nodes ?? 0), relationships: Number(row?.relationships ?? 0) });

export async function countGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  const [row] = await db.read(COUNTS, {}, { what: "count" });
  return totals(row);
}

/** countGraph, and the version of the graph the counts are of (Database.readWithVersion). */
export async function countGraphVersioned(db: Database): Promise<{ nodes: number; relationships: number; version: string | undefined }> {
  const { rows, version } = await db.readWithVersion(COUNTS, {}, { what: "count" });
  return { ...totals(rows[0]), version };
}
