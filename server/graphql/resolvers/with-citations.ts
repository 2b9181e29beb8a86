/** Fills each edge's citations (source title, publisher, date and quoted evidence) with one query. */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import type { GraphEdge } from "../to-graph.ts";

/** What a resolver reads besides its answer's nodes and edges. */
export interface ReadOptions {
  /**
   * Fill the edges' citations (default true). GraphQL passes false when the query selects none
   * (server/graphql/resolvers/selects.ts): the read is left out and each edge keeps `citations: []`.
   */
  citations?: boolean;
}

export async function withCitations<T extends GraphEdge>(db: Database, edges: T[], options: ReadOptions = {}): Promise<T[]> {
  if (options.citations === false) return edges;
  const ids = [...new Set(edges.flatMap((e) => (e.properties.sources as string[] | undefined) ?? []))];
  const rows = ids.length ? await db.read(query("sources-by-id"), { ids }, { what: "citations" }) : [];
  return fillCitations(edges, rows);
}

/** Fills each edge's citations from `sourceRows` (id, title, publisher, date: sources-by-id's rows); a source not among them keeps only its id and evidence. */
export function fillCitations<T extends GraphEdge>(edges: T[], sourceRows: Record<string, unknown>[]): T[] {
  const byId = new Map(sourceRows.map((r) => [String(r.id), r]));
  for (const edge of edges) {
    const sources = (edge.properties.sources as string[] | undefined) ?? [];
    const evidence = (edge.properties.evidence as string[] | undefined) ?? [];
    edge.citations = sources.map((sourceId, i) => {
      const s = byId.get(sourceId);
      return {
        sourceId,
        title: (s?.title as string | null | undefined) ?? null,
        publisher: (s?.publisher as string | null | undefined) ?? null,
        date: (s?.date as string | null | undefined) ?? null,
        evidence: evidence[i] ?? "",
      };
    });
  }
  return edges;
}
