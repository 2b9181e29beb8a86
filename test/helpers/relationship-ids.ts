/** For the tests of relationship ids: who holds an id, and an import of one relationship. */
import type { Database } from "../../server/db/database.ts";
import type { ImportEdge, ParsedImport } from "../../seed/import/import-model.ts";

/**
 * Every relationship holding relationship id `id`: its type and ends, and `property` (as a key of
 * that name) when asked for; ordered by type, start and end.
 */
export async function holdersOf(db: Database, id: string, property?: "role" | "sources"): Promise<Record<string, unknown>[]> {
  const extra = property ? `, r.${property} AS ${property}` : "";
  return db.read(`MATCH (a)-[r]->(b) WHERE r.id = $id RETURN type(r) AS type, a.id AS from, b.id AS to${extra} ORDER BY type, from, to`, {
    id,
  });
}

/** An import of one relationship between nodes the graph holds. */
export function edgeImport(slug: string, id: string, type: string, from: string, to: string): ParsedImport {
  const edges: ImportEdge[] = [{ id, type, from, to, props: {}, cites: [], ref: `${slug}.csv line 2` }];
  return { format: "csv", layout: "test", slug, title: slug, files: [], nodes: [], edges, issues: [], rowsRead: 1, rowsGood: 1 };
}
