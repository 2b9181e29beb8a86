/**
 * analyseGraph(db): reads the network from Neo4j, computes the measures (compute-measures.ts) and
 * stores them on every entity as degree, weightedDegree, betweenness, pagerank and community, in
 * batches of one write transaction each. Run by `npm run analyse`, and after a seed or an import.
 * Long work reports its progress through `log`, at most every PROGRESS_MS.
 */
import { int, type Database } from "../db/database.ts";
import { query } from "../db/named-queries.ts";
import { computeMeasures, type MeasureEdge, type MeasureNode, type MeasureOptions } from "./compute-measures.ts";

export interface AnalyseSummary {
  nodes: number;
  relationships: number;
  communities: number;
  /** Betweenness over `actors` nodes: exact, or estimated from a sample of `sources` of them. */
  betweenness: { actors: number; sources: number; exact: boolean };
}

export interface AnalyseOptions {
  timeoutMs?: number;
  /** Progress lines ("analyse: betweenness 40% (8,000/19,883 sources)"); none when omitted. */
  log?: (line: string) => void;
  betweennessSources?: MeasureOptions["betweennessSources"];
}

const BATCH = 5000;
const PROGRESS_MS = 5000;
const fmt = (n: number): string => n.toLocaleString("en");

/** "exact (11,102 sources)" or "estimated from 2,000 sampled sources (of 180,000 actors)". */
export function describeBetweenness(b: AnalyseSummary["betweenness"]): string {
  return b.exact ? `exact (${fmt(b.sources)} sources)` : `estimated from ${fmt(b.sources)} sampled sources (of ${fmt(b.actors)} actors)`;
}

export async function analyseGraph(db: Database, options: AnalyseOptions = {}): Promise<AnalyseSummary> {
  const timeoutMs = options.timeoutMs ?? 300_000;
  const log = options.log ?? (() => {});
  let last = Date.now();
  const every = (line: () => string): void => {
    if (Date.now() - last < PROGRESS_MS) return;
    last = Date.now();
    log(line());
  };

  const nodes = (await db.read(query("measures-nodes"), {}, { what: "analyse: nodes", timeoutMs })) as unknown as MeasureNode[];
  const edges = (await db.read(query("measures-edges"), {}, { what: "analyse: relationships", timeoutMs })) as unknown as MeasureEdge[];
  every(() => `analyse: read ${fmt(nodes.length)} nodes and ${fmt(edges.length)} relationships`);
  const { measures, betweenness } = computeMeasures(nodes, edges, {
    betweennessSources: options.betweennessSources,
    onProgress: (stage, done, total) =>
      stage === "betweenness"
        ? every(() => `analyse: betweenness ${Math.floor((100 * done) / total)}% (${fmt(done)}/${fmt(total)} sources)`)
        : every(() => `analyse: ${stage}`),
  });
  const rows = [...measures].map(([id, m]) => ({
    id,
    degree: int(m.degree),
    weightedDegree: m.weightedDegree,
    betweenness: m.betweenness,
    pagerank: m.pagerank,
    community: m.community === null ? null : int(m.community),
  }));
  for (let i = 0; i < rows.length; i += BATCH) {
    every(() => `analyse: storing ${Math.floor((100 * i) / rows.length)}% (${fmt(i)}/${fmt(rows.length)} nodes)`);
    await db.write(query("measures-write"), { rows: rows.slice(i, i + BATCH) }, { what: "analyse: store measures", timeoutMs });
  }
  const communities = new Set([...measures.values()].map((m) => m.community).filter((c) => c !== null)).size;
  return { nodes: nodes.length, relationships: edges.length, communities, betweenness };
}
