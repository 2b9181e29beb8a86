/**
 * neighbourhood(id, depth, types, relationshipTypes, limit): breadth-first, one query per level,
 * most connected neighbours first, capped at limit nodes; then every edge among the kept nodes
 * (`neighbourhood-edges`: edges-among's rows, read from the side where the hubs kept have fewer links).
 */
import type { Database } from "../../db/database.ts";
import { int } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { toEdge, toNode, type GraphNode } from "../to-graph.ts";
import { checkEntityId, entityNotFound, inRange } from "./check-args.ts";
import { withCitations, type ReadOptions } from "./with-citations.ts";

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
  const nodes = new Map<string, GraphNode>();
  let frontier = [args.id];
  let omitted = 0;
  for (let level = 1; level <= depth && frontier.length; level++) {
    // The first level's read also returns the root: one statement fewer than looking it up alone.
    const first = level === 1;
    const budget = limit - (first ? 1 : nodes.size);
    const [row] = await db.read(
      query("neighbours"),
      {
        frontier,
        seen: first ? frontier : [...nodes.keys()],
        relationshipTypes,
        labels,
        budget: int(Math.max(budget, 0)),
        rootId: first ? args.id : null,
      },
      { what: "neighbourhood" },
    );
    if (first) {
      if (!row?.root) throw entityNotFound(args.id, "id");
      const root = toNode(row.root as Record<string, unknown>);
      nodes.set(root.id, root);
    }
    const found = ((row?.nodes as Record<string, unknown>[] | undefined) ?? []).map(toNode);
    const total = Number(row?.total ?? 0);
    omitted += total - found.length;
    for (const n of found) nodes.set(n.id, n);
    frontier = found.map((n) => n.id);
    if (budget <= 0) break;
  }
  const kept = { ids: [...nodes.keys()], relationshipTypes };
  const edgeRows = await db.read(query("neighbourhood-edges"), kept, { what: "neighbourhood" });
  const edges = await withCitations(
    db,
    edgeRows.map((r) => toEdge(r as never)),
    options,
  );
  return { nodes: [...nodes.values()], edges, truncated: omitted > 0, omittedNodes: omitted };
}
