/**
 * `npx tsx test/bench/measures.ts <analyse|accuracy> [--graphology] [--samples 500,1000,…]` against the
 * graph NEO4J_URI (or the local one) points at; prints, asserts nothing.
 * - analyse: times analyseGraph (read, compute, store) with its progress lines.
 * - accuracy: reads the actor network, times exact betweenness (and graphology-metrics' with
 *   --graphology), then for each sample size the estimate's time, top-20 overlap and Spearman rank
 *   correlation against exact.
 */
import { createRequire } from "node:module";
import { UndirectedGraph } from "graphology";
import { loadConfig } from "../../server/config.ts";
import { openNeo4j } from "../../server/db/open-neo4j.ts";
import { query } from "../../server/db/named-queries.ts";
import { analyseGraph, describeBetweenness } from "../../server/analysis/analyse-graph.ts";
import { betweenness } from "../../server/analysis/betweenness.ts";
import { buildAdjacency } from "../../server/analysis/build-adjacency.ts";
import { dropLeaves } from "../../server/analysis/drop-leaves.ts";
import { ACTOR_TYPES, chooseSources, type MeasureEdge, type MeasureNode } from "../../server/analysis/compute-measures.ts";

const require = createRequire(import.meta.url);
const graphologyBetweenness: typeof import("graphology-metrics/centrality/betweenness.js").default = require("graphology-metrics/centrality/betweenness");

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const cpu = (start: NodeJS.CpuUsage): number => {
  const u = process.cpuUsage(start);
  return (u.user + u.system) / 1e6;
};
const timed = <T>(f: () => T): [T, string] => {
  const [t0, c0] = [Date.now(), process.cpuUsage()];
  const result = f();
  return [result, `${((Date.now() - t0) / 1000).toFixed(1)} s wall, ${cpu(c0).toFixed(1)} s CPU`];
};

function ranks(values: Float64Array): Float64Array {
  const order = [...values.keys()].sort((a, b) => values[b]! - values[a]!);
  const r = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1]!] === values[order[i]!]) j++;
    for (let k = i; k <= j; k++) r[order[k]!] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}
function spearman(a: Float64Array, b: Float64Array): number {
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length - 1) / 2;
  let [num, da, db] = [0, 0, 0];
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}
const top = (values: Float64Array, k: number): number[] => [...values.keys()].sort((a, b) => values[b]! - values[a]! || a - b).slice(0, k);

async function main(): Promise<void> {
  const mode = argv[0];
  if (mode !== "analyse" && mode !== "accuracy")
    throw new Error("bench: usage: measures.ts <analyse|accuracy> [--graphology] [--samples 500,1000]");
  const graph = await openNeo4j(loadConfig(process.env), (line) => console.error(line));
  try {
    if (mode === "analyse") {
      const t0 = Date.now();
      const summary = await analyseGraph(graph.db, { log: (line) => console.error(line) });
      console.log(
        `analyseGraph: ${summary.nodes.toLocaleString("en")} nodes, ${summary.relationships.toLocaleString("en")} relationships in ` +
          `${((Date.now() - t0) / 1000).toFixed(1)} s; betweenness ${describeBetweenness(summary.betweenness)}`,
      );
      return;
    }
    const nodes = (await graph.db.read(query("measures-nodes"), {}, { timeoutMs: 300_000 })) as unknown as MeasureNode[];
    const edges = (await graph.db.read(query("measures-edges"), {}, { timeoutMs: 300_000 })) as unknown as MeasureEdge[];
    const ids = nodes
      .filter((n) => ACTOR_TYPES.includes(n.type))
      .map((n) => n.id)
      .sort();
    const index = new Map(ids.map((id, i) => [id, i]));
    const [s, t]: [number[], number[]] = [[], []];
    for (const e of edges) {
      if (index.has(e.source) && index.has(e.target)) (s.push(index.get(e.source)!), t.push(index.get(e.target)!));
    }
    const adjacency = buildAdjacency(ids.length, s, t);
    const core = dropLeaves(adjacency).core;
    console.log(
      `actor network: ${adjacency.n.toLocaleString("en")} nodes, ${(adjacency.targets.length / 2).toLocaleString("en")} ties; ` +
        `without leaves ${core.n.toLocaleString("en")} nodes, ${(core.targets.length / 2).toLocaleString("en")} ties; ` +
        `analyse would use ${chooseSources(core.n, core.targets.length).toLocaleString("en")} sources`,
    );
    const [exact, exactTime] = timed(() => betweenness(adjacency));
    console.log(`exact (typed-array Brandes without leaves): ${exactTime}`);
    if (argv.includes("--graphology")) {
      const g = new UndirectedGraph();
      for (const id of ids) g.addNode(id);
      for (let i = 0; i < s.length; i++) if (s[i] !== t[i]) g.mergeEdge(ids[s[i]!]!, ids[t[i]!]!);
      const [reference, time] = timed(() => graphologyBetweenness(g, { normalized: true, getEdgeWeight: null }));
      let worst = 0;
      ids.forEach((id, i) => (worst = Math.max(worst, Math.abs(reference[id]! - exact.values[i]!))));
      console.log(`exact (graphology-metrics):  ${time}; largest difference ${worst.toExponential(2)}`);
    }
    const top20 = new Set(top(exact.values, 20));
    for (const k of (opt("--samples") ?? "250,500,1000,2000").split(",").map(Number)) {
      if (!(k < core.n)) continue;
      const [estimate, time] = timed(() => betweenness(adjacency, { samples: k, seed: 42 }));
      const overlap = top(estimate.values, 20).filter((i) => top20.has(i)).length;
      const top10 = new Set(top(exact.values, 10));
      const overlap10 = top(estimate.values, 10).filter((i) => top10.has(i)).length;
      console.log(
        `k=${String(k).padStart(6)}: ${time}; top-20 overlap ${overlap}/20, top-10 ${overlap10}/10, Spearman ${spearman(estimate.values, exact.values).toFixed(4)}`,
      );
    }
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
