/**
 * Loads a validated seed graph in one write transaction, batched with UNWIND and MERGE on id:
 * idempotent (a second load changes no count and no property) and all-or-nothing.
 *
 * A relationship id names one relationship graph-wide, and `npm run seed` may load into a graph that
 * imports and editors have written (and are writing). So the transaction takes the importers'
 * relationship lock first (server/db/relationship-write-turn.ts), looks the seed's relationship ids up
 * in every type under it, and refuses the whole load — nothing written — if another relationship (other
 * type or ends) holds one. When it creates relationships, it marks the seed's first Source as the last
 * writer, so that an import planned before looks its ids up again when it writes; a load that creates
 * none (a second load) marks nothing and changes no property.
 */
import type { Database } from "../server/db/database.ts";
import { run } from "../server/db/database.ts";
import {
  describeRelationship,
  markRelationshipWriter,
  relationshipsHolding,
  takeRelationshipTurn,
} from "../server/db/relationship-write-turn.ts";
import { ValidationError } from "../server/errors.ts";
import { batches } from "./batches.ts";
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
      // The lock before any write: taken after the node writes, it could deadlock with an import's batch.
      await takeRelationshipTurn(tx);
      for (const [label, rows] of groupBy(nodeRows, (r) => r.label)) {
        for (const batch of batches(rows, BATCH)) await run(tx, nodeStatement(label), { rows: batch });
      }
      const held = await relationshipsHolding(
        tx,
        edgeRows.map((r) => r.id),
      );
      const taken = edgeRows.flatMap((r) => {
        const holders = held.get(r.id) ?? [];
        if (!holders.some((h) => describeRelationship(h) !== describeRelationship(r))) return [];
        return [
          `relationship id "${r.id}" (${describeRelationship(r)}) is already held in the graph by ${holders.map(describeRelationship).join(" and ")}`,
        ];
      });
      if (taken.length) {
        throw new ValidationError(
          `seed: ${taken.length} of the seed's relationship id(s) taken by other relationships; nothing was loaded. An id names one relationship, of any type: give the seed's relationship another id, or change or delete the graph's:\n  ${taken.join("\n  ")}`,
        );
      }
      if (edgeRows.some((r) => !held.has(r.id))) {
        await markRelationshipWriter(tx, graph.sources[0]?.id ?? "source:seed", { name: "seed", aliases: ["seed"] });
      }
      let written = 0;
      for (const [type, rows] of groupBy(edgeRows, (r) => r.type)) {
        for (const batch of batches(rows, BATCH)) {
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
