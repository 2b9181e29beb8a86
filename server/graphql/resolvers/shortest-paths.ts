/**
 * shortestPaths(fromId, toId, maxLength, relationshipTypes, limit): every path of the least length
 * (Neo4j's allShortestPaths), up to limit, counting paths that differ only in parallel edges once; none
 * when the least length is over maxLength. Longer detours are not searched: around hubs that search
 * explodes (see cypher/queries/analyst.cypher).
 */
import { int, type Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { toEdge, toNode } from "../to-graph.ts";
import { checkEntityId, entityNotFound, inRange } from "./check-args.ts";
import { fillCitations, type ReadOptions } from "./with-citations.ts";

export interface ShortestPathsArgs {
  fromId: string;
  toId: string;
  maxLength?: number | null;
  relationshipTypes?: string[] | null;
  limit?: number | null;
}

export async function shortestPaths(db: Database, args: ShortestPathsArgs, options: ReadOptions = {}) {
  const maxLength = inRange("maxLength", args.maxLength, 6, 1, 8);
  const limit = inRange("limit", args.limit, 5, 1, 25);
  if (args.fromId === args.toId) throw new ValidationError("`fromId` and `toId` are the same entity");
  checkEntityId(args.fromId, "fromId");
  checkEntityId(args.toId, "toId");
  const citations = options.citations !== false;
  // One read: the ends are checked in the same statement that searches the paths, and it brings the citations.
  const [found] = await db.read(
    query("shortest-paths"),
    {
      // Strings and lists in one map: one plan for every size of them (cypher/queries/analyst.cypher, shortest-paths).
      sized: { fromId: args.fromId, toId: args.toId, relationshipTypes: args.relationshipTypes ?? [] },
      maxLength: int(maxLength),
      limit: int(limit),
      citations,
    },
    { what: "shortestPaths" },
  );
  if (!found?.fromFound) throw entityNotFound(args.fromId, "fromId");
  if (!found.toFound) throw entityNotFound(args.toId, "toId");
  // The statement picks the answer: the first `limit` paths of one sequence of nodes each, none over maxLength.
  const paths = (found.paths as Record<string, unknown>[]).map((row) => {
    const edges = (row.edges as never[]).map(toEdge);
    return { length: edges.length, nodes: (row.nodes as Record<string, unknown>[]).map(toNode), edges };
  });
  if (citations)
    fillCitations(
      paths.flatMap((p) => p.edges),
      (found.sources as Record<string, unknown>[] | null | undefined) ?? [],
    );
  return paths;
}
