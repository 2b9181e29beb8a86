/**
 * Reads the whole graph or a subgraph (given ids, optionally their neighbourhood up to three hops,
 * optionally only some entity types) with every property, in one read transaction. Bounded: a
 * graph larger than `maxNodes` / `maxEdges` is refused with a message saying how to narrow it.
 */
import { int, run, type Database } from "../db/database.ts";
import { query } from "../db/named-queries.ts";
import { NotFoundError, ValidationError } from "../errors.ts";
import type { GraphData, GraphEdgeData, GraphNodeData } from "./graph-data.ts";

export interface GraphSelection {
  /** Start entities; undefined = the whole graph. */
  ids?: string[] | undefined;
  /** Hops around ids, 0 to 3 (0 = only the given entities). */
  depth?: number;
  /** Entity types to keep ([] = all). Neighbourhoods walk through these types only. */
  types?: string[];
}

export interface ReadLimits {
  maxNodes: number;
  maxEdges: number;
  timeoutMs?: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = { maxNodes: 100_000, maxEdges: 500_000 };

const tooLarge = (what: "nodes" | "relationships", max: number) =>
  new ValidationError(
    `export: the selection holds more than ${max} ${what}, the most one export may hold; ` +
      "export a subgraph (ids=…&depth=…, types=…) or read the graph over Bolt",
  );

export async function readGraph(
  db: Database,
  selection: GraphSelection = {},
  limits: ReadLimits = DEFAULT_READ_LIMITS,
): Promise<GraphData> {
  const labels = selection.types ?? [];
  return db.inTransaction(
    "READ",
    async (tx) => {
      let nodes: GraphNodeData[];
      let edges: GraphEdgeData[];
      if (selection.ids === undefined) {
        nodes = (await run(tx, query("graph-nodes"), { labels, limit: int(limits.maxNodes + 1) })) as unknown as GraphNodeData[];
        if (nodes.length > limits.maxNodes) throw tooLarge("nodes", limits.maxNodes);
        edges = (await run(tx, query("graph-edges"), { labels, limit: int(limits.maxEdges + 1) })) as unknown as GraphEdgeData[];
      } else {
        const found = await run(tx, query("graph-nodes-by-id"), { ids: selection.ids, labels: [] });
        const missing = selection.ids.filter((id) => !found.some((n) => n.id === id));
        if (missing.length) throw new NotFoundError(`export: no entity with id ${missing.map((m) => JSON.stringify(m)).join(", ")}`);
        const ids = new Set(selection.ids);
        let frontier = [...ids];
        for (let hop = 0; hop < (selection.depth ?? 0) && frontier.length; hop++) {
          const next = await run(tx, query("graph-neighbour-ids"), { ids: frontier, labels, limit: int(limits.maxNodes + 1) });
          frontier = next.map((r) => String(r.id)).filter((id) => !ids.has(id));
          for (const id of frontier) ids.add(id);
          if (ids.size > limits.maxNodes) throw tooLarge("nodes", limits.maxNodes);
        }
        const all = await run(tx, query("graph-nodes-by-id"), { ids: [...ids], labels: [] });
        // The start entities stay whatever their type; their neighbours are filtered by type.
        nodes = all.filter(
          (n) => !labels.length || selection.ids!.includes(String(n.id)) || labels.includes(String(n.type)),
        ) as unknown as GraphNodeData[];
        edges = (await run(tx, query("graph-edges-among"), { ids: nodes.map((n) => n.id) })) as unknown as GraphEdgeData[];
      }
      if (edges.length > limits.maxEdges) throw tooLarge("relationships", limits.maxEdges);
      return { nodes, edges };
    },
    { what: "export", timeoutMs: limits.timeoutMs ?? 120_000 },
  );
}
