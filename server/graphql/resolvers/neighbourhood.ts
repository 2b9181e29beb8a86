/**
 * neighbourhood(id, depth, types, relationshipTypes, limit): breadth-first, one statement per level
 * (`neighbours`), most connected neighbours first, capped at limit nodes. The level after which none
 * follows also returns every edge among the kept nodes (read from the side where the hubs kept have
 * fewer links) and, when asked, the sources they cite: a neighbourhood of depth 1 is one statement.
 */
import type { Database } from "../../db/database.ts";
import { int } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { toEdge, toNode, type GraphNode } from "../to-graph.ts";
import { checkEntityId, entityNotFound, inRange } from "./check-args.ts";
import { fillCitations, type ReadOptions } from "./with-citations.ts";

export interface NeighbourhoodArgs {
  id: string;
  depth?: number | null;
  types?: string[] | null;
  relationshipTypes?: string[] | null;
  limit?: number | null;
}

export async function neighbourhood(db: Database, args: NeighbourhoodArgs, options: ReadOptions = {}) {
  const depth = inRange("depth", args.depth, 1, 1, 3);
  const limit = inRange("limit", args.limit, 100, 1, 1000);
  checkEntityId(args.id, "id");
  const relationshipTypes = args.relationshipTypes ?? [];
  const labels = args.types ?? [];
  const citations = options.citations !== false;
  const nodes = new Map<string, GraphNode>();
  let frontier = [args.id];
  let omitted = 0;
  for (let level = 1; level <= depth; level++) {
    // The first level's read also returns the root: one statement fewer than looking it up alone.
    const first = level === 1;
    const budget = limit - (first ? 1 : nodes.size);
    const [row] = await db.read(
      query("neighbours"),
      {
        // Strings and lists in one map: one plan for every size of them (cypher/queries/analyst.cypher, neighbours).
        sized: { frontier, seen: first ? frontier : [...nodes.keys()], relationshipTypes, labels, rootId: first ? args.id : null },
        budget: int(Math.max(budget, 0)),
        levelsLeft: int(depth - level + 1),
        citations,
      },
      { what: "neighbourhood" },
    );
    if (first) {
      if (!row?.root) throw entityNotFound(args.id, "id");
      const root = toNode(row.root as Record<string, unknown>);
      nodes.set(root.id, root);
    }
    const found = ((row?.nodes as Record<string, unknown>[] | undefined) ?? []).map(toNode);
    omitted += Number(row?.total ?? 0) - found.length;
    for (const n of found) nodes.set(n.id, n);
    frontier = found.map((n) => n.id);
    // The last level (the depth reached, or none found: no budget left, or no new neighbour) brings the edges.
    const edgeRows = row?.edges as Record<string, unknown>[] | null | undefined;
    if (edgeRows) {
      const edges = edgeRows.map((r) => toEdge(r as never));
      if (citations) fillCitations(edges, (row?.sources as Record<string, unknown>[] | null | undefined) ?? []);
      return { nodes: [...nodes.values()], edges, truncated: omitted > 0, omittedNodes: omitted };
    }
  }
  // neighbours returns edges at levelsLeft 1 at the latest.
  throw new Error(`neighbourhood of ${args.id}: no level returned its edges`);
}
