/**
 * analyseGraph(db): reads the network from Neo4j, computes the measures (compute-measures.ts) and
 * stores them on every entity as degree, weightedDegree, betweenness, pagerank and community, in
 * batches of one write transaction each. Run by `npm run analyse`, and after a seed or an import.
 */
import { int, type Database } from "../db/database.ts";
import { query } from "../db/named-queries.ts";
import { computeMeasures, type MeasureEdge, type MeasureNode } from "./compute-measures.ts";

export interface AnalyseSummary {
  nodes: number;
  relationships: number;
  communities: number;
}

const BATCH = 2000;

export async function analyseGraph(db: Database, options: { timeoutMs?: number } = {}): Promise<AnalyseSummary> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const nodes = (await db.read(query("measures-nodes"), {}, { what: "analyse: nodes", timeoutMs })) as unknown as MeasureNode[];
  const edges = (await db.read(query("measures-edges"), {}, { what: "analyse: relationships", timeoutMs })) as unknown as MeasureEdge[];
  const measures = computeMeasures(nodes, edges);
  const rows = [...measures].map(([id, m]) => ({
    id,
    degree: int(m.degree),
    weightedDegree: m.weightedDegree,
    betweenness: m.betweenness,
    pagerank: m.pagerank,
    community: m.community === null ? null : int(m.community),
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    await db.write(query("measures-write"), { rows: rows.slice(i, i + BATCH) }, { what: "analyse: store measures", timeoutMs });
  }
  const communities = new Set([...measures.values()].map((m) => m.community).filter((c) => c !== null)).size;
  return { nodes: nodes.length, relationships: edges.length, communities };
}
