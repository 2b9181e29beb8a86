/**
 * The network measures over the graph read from Neo4j (no I/O here):
 * - degree: relationships of the node (any type but SIMILAR_TO, both directions, parallel ones counted);
 * - weightedDegree: the sum of known EUR amounts on FUNDS relationships the node receives (0 when none);
 * - betweenness (normalised), pagerank and community (Louvain) over the actor network: Organisation,
 *   Person, Cluster, Ministry and Project nodes and the ties among them. Topics, places and sources
 *   are context, not actors — a shared topic is no brokerage — so they get null there.
 * Betweenness and Louvain see the ties undirected; PageRank follows their direction (member → cluster,
 * funder → recipient, person → board), parallel ties weighing more. Communities are numbered by size,
 * largest first; a fixed random seed makes them the same on every run.
 * PageRank and Louvain are graphology's. Betweenness (betweenness.ts, over typed arrays, equal to
 * graphology-metrics' exact values) is exact while that costs at most EXACT_WORK steps, about ten
 * seconds; above, it is estimated from a seeded sample of sources sized to the same budget (at least
 * MIN_SAMPLES), and the result says from how many sources.
 */
import { createRequire } from "node:module";
import { DirectedGraph, UndirectedGraph } from "graphology";
import { seededRandom } from "../domain/seeded-random.ts";
import { betweenness } from "./betweenness.ts";
import { buildAdjacency } from "./build-adjacency.ts";

// graphology's algorithms are CommonJS modules exporting a function; require() takes them as they are.
const require = createRequire(import.meta.url);
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

/** Steps (sources × (nodes + adjacency entries)) spent on betweenness before sampling instead. */
export const EXACT_WORK = 1e9;
/** The fewest sources a betweenness estimate is made from. */
export const MIN_SAMPLES = 500;
const SEED = 42;

export interface MeasureOptions {
  /** Betweenness sources: "exact", a sample size, or undefined to choose by EXACT_WORK. */
  betweennessSources?: number | "exact" | undefined;
  /** Reports a stage of the work: its name, and for betweenness sources done of all. */
  onProgress?: ((stage: "betweenness" | "pagerank" | "communities", done: number, total: number) => void) | undefined;
}

export interface MeasuresResult {
  measures: Map<string, Measures>;
  /** How betweenness was computed: over `actors` nodes, from `sources` of them (every non-leaf when exact). */
  betweenness: { actors: number; sources: number; exact: boolean };
}

/** The betweenness sources for a core of n nodes and `arcs` adjacency entries (twice its ties). */
export function chooseSources(n: number, arcs: number): number {
  const perSource = n + arcs;
  if (n * perSource <= EXACT_WORK) return n;
  return Math.min(n, Math.max(MIN_SAMPLES, Math.floor(EXACT_WORK / perSource)));
}

export function computeMeasures(nodes: MeasureNode[], edges: MeasureEdge[], options: MeasureOptions = {}): MeasuresResult {
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

  const actorTypes = new Set(ACTOR_TYPES);
  const actors = new Set(nodes.filter((n) => actorTypes.has(n.type)).map((n) => n.id));
  // Numbered in id order, so that the sampled betweenness sources do not depend on Neo4j's row order.
  const actorIds = [...actors].sort();
  const index = new Map(actorIds.map((id, i) => [id, i]));
  const tieSources: number[] = [];
  const tieTargets: number[] = [];
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
    tieSources.push(index.get(e.source)!);
    tieTargets.push(index.get(e.target)!);
  }
  if (undirected.order === 0) return { measures: out, betweenness: { actors: 0, sources: 0, exact: true } };

  const adjacency = buildAdjacency(actorIds.length, tieSources, tieTargets);
  const wanted = options.betweennessSources;
  const samples = wanted === "exact" ? undefined : (wanted ?? chooseSources);
  const progress = options.onProgress;
  const between = betweenness(adjacency, { samples, seed: SEED, onProgress: progress && ((d, t) => progress("betweenness", d, t)) });
  progress?.("pagerank", 0, 1);
  const rank = pagerank(directed, { getEdgeWeight: "weight", maxIterations: 1000, tolerance: 1e-9 });
  progress?.("communities", 0, 1);
  const communities = louvain(undirected, { getEdgeWeight: "weight", rng: seededRandom(SEED) });

  // Renumber communities by size (largest first), ties by their smallest member id.
  const members = new Map<number, string[]>();
  for (const [id, c] of Object.entries(communities)) {
    const list = members.get(c);
    if (list) list.push(id);
    else members.set(c, [id]);
  }
  const order = [...members.values()].map((ids) => ids.sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const renumbered = new Map<string, number>();
  order.forEach((ids, i) => ids.forEach((id) => renumbered.set(id, i)));

  actorIds.forEach((id, i) => {
    const m = out.get(id)!;
    m.betweenness = between.values[i]!;
    m.pagerank = rank[id] ?? 0;
    m.community = renumbered.get(id) ?? null;
  });
  return { measures: out, betweenness: { actors: adjacency.n, sources: between.sources, exact: between.exact } };
}
