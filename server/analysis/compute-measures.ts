/**
 * The network measures, computed with graphology over the graph read from Neo4j (no I/O here):
 * - degree: relationships of the node (any type but SIMILAR_TO, both directions, parallel ones counted);
 * - weightedDegree: the sum of known EUR amounts on FUNDS relationships the node receives (0 when none);
 * - betweenness (normalised), pagerank and community (Louvain) over the actor network: Organisation,
 *   Person, Cluster, Ministry and Project nodes and the ties among them. Topics, places and sources
 *   are context, not actors — a shared topic is no brokerage — so they get null there.
 * Betweenness and Louvain see the ties undirected; PageRank follows their direction (member → cluster,
 * funder → recipient, person → board), parallel ties weighing more. Communities are numbered by size,
 * largest first; a fixed random seed makes them the same on every run.
 */
import { createRequire } from "node:module";
import { DirectedGraph, UndirectedGraph } from "graphology";
import { seededRandom } from "../domain/seeded-random.ts";

// graphology's algorithms are CommonJS modules exporting a function; require() takes them as they are.
const require = createRequire(import.meta.url);
const betweennessCentrality: typeof import("graphology-metrics/centrality/betweenness.js").default = require("graphology-metrics/centrality/betweenness");
const pagerank: typeof import("graphology-metrics/centrality/pagerank.js").default = require("graphology-metrics/centrality/pagerank");
const louvain: typeof import("graphology-communities-louvain").default = require("graphology-communities-louvain");

export const ACTOR_TYPES = ["Organisation", "Person", "Cluster", "Ministry", "Project"];

export interface MeasureNode {
  id: string;
  type: string;
}
export interface MeasureEdge {
  source: string;
  target: string;
  type: string;
  /** Known EUR amount of a FUNDS relationship, else null. */
  amountEur: number | null;
}
export interface Measures {
  degree: number;
  weightedDegree: number;
  betweenness: number | null;
  pagerank: number | null;
  community: number | null;
}

function addTie(g: UndirectedGraph | DirectedGraph, source: string, target: string): void {
  if (source === target) return;
  if (g.hasEdge(source, target)) g.updateEdgeAttribute(source, target, "weight", (w: number | undefined) => (w ?? 0) + 1);
  else g.addEdge(source, target, { weight: 1 });
}

export function computeMeasures(nodes: MeasureNode[], edges: MeasureEdge[]): Map<string, Measures> {
  const out = new Map<string, Measures>();
  for (const n of nodes) out.set(n.id, { degree: 0, weightedDegree: 0, betweenness: null, pagerank: null, community: null });
  for (const e of edges) {
    const s = out.get(e.source);
    const t = out.get(e.target);
    if (!s || !t) continue;
    s.degree++;
    t.degree++;
    if (e.type === "FUNDS" && typeof e.amountEur === "number") t.weightedDegree += e.amountEur;
  }

  const actors = new Set(nodes.filter((n) => ACTOR_TYPES.includes(n.type)).map((n) => n.id));
  const undirected = new UndirectedGraph({ allowSelfLoops: false });
  const directed = new DirectedGraph({ allowSelfLoops: false });
  for (const id of actors) {
    undirected.addNode(id);
    directed.addNode(id);
  }
  for (const e of edges) {
    if (!actors.has(e.source) || !actors.has(e.target)) continue;
    addTie(undirected, e.source, e.target);
    addTie(directed, e.source, e.target);
  }
  if (undirected.order === 0) return out;

  const between = betweennessCentrality(undirected, { normalized: true, getEdgeWeight: null });
  const rank = pagerank(directed, { getEdgeWeight: "weight", maxIterations: 1000, tolerance: 1e-9 });
  const communities = louvain(undirected, { getEdgeWeight: "weight", rng: seededRandom(42) });

  // Renumber communities by size (largest first), ties by their smallest member id.
  const members = new Map<number, string[]>();
  for (const [id, c] of Object.entries(communities)) members.set(c, [...(members.get(c) ?? []), id]);
  const order = [...members.values()].map((ids) => ids.sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const renumbered = new Map<string, number>();
  order.forEach((ids, i) => ids.forEach((id) => renumbered.set(id, i)));

  for (const id of actors) {
    const m = out.get(id)!;
    m.betweenness = between[id] ?? 0;
    m.pagerank = rank[id] ?? 0;
    m.community = renumbered.get(id) ?? null;
  }
  return out;
}
