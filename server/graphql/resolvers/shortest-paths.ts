/**
 * shortestPaths(fromId, toId, maxLength, relationshipTypes, limit): every path of the least length
 * (Neo4j's allShortestPaths), up to limit, counting paths that differ only in parallel edges once; none
 * when the least length is over maxLength. Longer detours are not searched: around hubs that search
 * explodes (see cypher/queries/analyst.cypher).
 */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { toEdge, toNode } from "../to-graph.ts";
import { checkEntityId, entityNotFound, inRange } from "./check-args.ts";
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
  checkEntityId(args.fromId, "fromId");
  checkEntityId(args.toId, "toId");
  // One read: the ends are checked in the same statement that searches the paths.
  const [found] = await db.read(
    query("shortest-paths"),
    { fromId: args.fromId, toId: args.toId, relationshipTypes: args.relationshipTypes ?? [] },
    { what: "shortestPaths" },
  );
  if (!found?.fromFound) throw entityNotFound(args.fromId, "fromId");
  if (!found.toFound) throw entityNotFound(args.toId, "toId");
  const seen = new Set<string>();
  const paths = [];
  for (const row of found.paths as Record<string, unknown>[]) {
    const nodes = (row.nodes as Record<string, unknown>[]).map(toNode);
    const ids = nodes.map((n) => n.id);
    if (new Set(ids).size !== ids.length) continue; // revisits a node through a parallel edge
    const key = ids.join(">");
    if (seen.has(key)) continue;
    seen.add(key);
    const edges = (row.edges as never[]).map(toEdge);
    // The shortest paths all have one length: longer than maxLength, none is an answer.
    if (edges.length > maxLength) break;
    paths.push({ length: edges.length, nodes, edges });
    if (paths.length === limit) break;
  }
  await withCitations(
    db,
    paths.flatMap((p) => p.edges),
  );
  return paths;
}
