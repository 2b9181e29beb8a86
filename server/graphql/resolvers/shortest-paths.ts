/**
 * shortestPaths(fromId, toId, maxLength, relationshipTypes, limit): every path of the least length
 * (Neo4j's ALL SHORTEST), up to limit, counting paths that differ only in parallel edges once.
 * Longer detours are not searched: around hubs that search explodes (see cypher/queries/analyst.cypher).
 */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { toEdge, toNode } from "../to-graph.ts";
import { entityById, inRange } from "./check-args.ts";
import { withCitations } from "./with-citations.ts";

export interface ShortestPathsArgs {
  fromId: string;
  toId: string;
  maxLength?: number | null;
  relationshipTypes?: string[] | null;
  limit?: number | null;
}

export async function shortestPaths(db: Database, args: ShortestPathsArgs) {
  const maxLength = inRange("maxLength", args.maxLength, 6, 1, 8);
  const limit = inRange("limit", args.limit, 5, 1, 25);
  if (args.fromId === args.toId) throw new ValidationError("`fromId` and `toId` are the same entity");
  await entityById(db, args.fromId, "fromId");
  await entityById(db, args.toId, "toId");
  const rows = await db.read(
    query("shortest-paths"),
    { fromId: args.fromId, toId: args.toId, maxLength, relationshipTypes: args.relationshipTypes ?? [] },
    { what: "shortestPaths" },
  );
  const seen = new Set<string>();
  const paths = [];
  for (const row of rows) {
    const nodes = (row.nodes as Record<string, unknown>[]).map(toNode);
    const ids = nodes.map((n) => n.id);
    if (new Set(ids).size !== ids.length) continue; // revisits a node through a parallel edge
    const key = ids.join(">");
    if (seen.has(key)) continue;
    seen.add(key);
    const edges = (row.edges as never[]).map(toEdge);
    paths.push({ length: edges.length, nodes, edges });
    if (paths.length === limit) break;
  }
  await withCitations(
    db,
    paths.flatMap((p) => p.edges),
  );
  return paths;
}
