/**
 * Loads a validated seed graph in one write transaction, batched with UNWIND and MERGE on id:
 * idempotent (a second load changes no count and no property) and all-or-nothing.
 */
import type { Database } from "../server/db/database.ts";
import { run } from "../server/db/database.ts";
import { NODE_LABELS, RELATIONSHIP_TYPES } from "./model.ts";
import { edgeRow, nodeRow, type EdgeRow, type NodeRow } from "./to-rows.ts";
import type { SeedGraph } from "./validate-seed.ts";

const BATCH = 1000;

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

function batches<T>(items: T[], size = BATCH): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

// Labels and types are checked against the model's lists before they enter a statement.
function nodeStatement(label: string): string {
  if (!(NODE_LABELS as readonly string[]).includes(label)) throw new Error(`seed: unknown label ${label}`);
  return `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n:${label} SET n += row.props`;
}

function edgeStatement(type: string): string {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`seed: unknown relationship type ${type}`);
  return `UNWIND $rows AS row
MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
MERGE (a)-[r:${type} {id: row.id}]->(b)
SET r += row.props
RETURN count(r) AS written`;
}

export interface LoadResult {
  nodes: number;
  relationships: number;
}

export async function loadSeed(db: Database, graph: SeedGraph): Promise<LoadResult> {
  const nodeRows: NodeRow[] = [...graph.sources, ...graph.nodes].map(nodeRow);
  const edgeRows: EdgeRow[] = graph.edges.map(edgeRow);
  return db.inTransaction(
    "WRITE",
    async (tx) => {
      for (const [label, rows] of groupBy(nodeRows, (r) => r.label)) {
        for (const batch of batches(rows)) await run(tx, nodeStatement(label), { rows: batch });
      }
      let written = 0;
      for (const [type, rows] of groupBy(edgeRows, (r) => r.type)) {
        for (const batch of batches(rows)) {
          const [row] = await run(tx, edgeStatement(type), { rows: batch });
          written += Number(row?.written ?? 0);
        }
      }
      if (written !== edgeRows.length) {
        // Validation checked the endpoints; a gap here means the database changed under us. Roll back.
        throw new Error(`seed: wrote ${written} of ${edgeRows.length} relationships; rolled back`);
      }
      return { nodes: nodeRows.length, relationships: edgeRows.length };
    },
    { what: "seed", timeoutMs: 120000 },
  );
}
