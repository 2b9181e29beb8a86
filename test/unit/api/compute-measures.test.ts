import { createRequire } from "node:module";
import { UndirectedGraph } from "graphology";
import { describe, expect, it } from "vitest";
import { betweenness } from "../../../server/analysis/betweenness.ts";
import { buildAdjacency } from "../../../server/analysis/build-adjacency.ts";
import {
  ACTOR_TYPES,
  chooseSources,
  computeMeasures,
  EXACT_WORK,
  MIN_SAMPLES,
  type MeasureEdge,
  type MeasureNode,
} from "../../../server/analysis/compute-measures.ts";
import { generateEcosystem } from "../../bench/generate/generate-ecosystem.ts";

const require = createRequire(import.meta.url);
const graphologyBetweenness: typeof import("graphology-metrics/centrality/betweenness.js").default = require("graphology-metrics/centrality/betweenness");

// Two clusters joined only through person:p (board of org:a, position at org:b).
const nodes = [
  { id: "cluster:1", type: "Cluster" },
  { id: "cluster:2", type: "Cluster" },
  { id: "org:a", type: "Organisation" },
  { id: "org:b", type: "Organisation" },
  { id: "org:c", type: "Organisation" },
  { id: "person:p", type: "Person" },
  { id: "ministry:m", type: "Ministry" },
  { id: "topic:t", type: "Topic" },
];
const edge = (source: string, target: string, type = "MEMBER_OF", amountEur: number | null = null) => ({ source, target, type, amountEur });
const edges = [
  edge("org:a", "cluster:1"),
  edge("org:c", "cluster:1"),
  edge("org:b", "cluster:2"),
  edge("person:p", "org:a", "BOARD_MEMBER_OF"),
  edge("person:p", "org:b", "HOLDS_POSITION"),
  edge("ministry:m", "cluster:1", "FUNDS", 1000),
  edge("ministry:m", "cluster:1", "FUNDS", null),
  edge("ministry:m", "cluster:2", "FUNDS", 500),
  edge("org:a", "topic:t", "FOCUSES_ON"),
  edge("org:c", "topic:t", "FOCUSES_ON"),
];

describe("computeMeasures", () => {
  const m = computeMeasures(nodes, edges).measures;
  it("counts every relationship as degree, parallel ones too", () => {
    expect(m.get("cluster:1")!.degree).toBe(4);
    expect(m.get("topic:t")!.degree).toBe(2);
  });
  it("sums known EUR funding received as weightedDegree, unknown amounts adding nothing", () => {
    expect(m.get("cluster:1")!.weightedDegree).toBe(1000);
    expect(m.get("cluster:2")!.weightedDegree).toBe(500);
    expect(m.get("ministry:m")!.weightedDegree).toBe(0);
  });
  it("gives the actor between two groups a high betweenness and leaves topics out", () => {
    expect(m.get("person:p")!.betweenness!).toBeGreaterThan(m.get("org:c")!.betweenness!);
    expect(m.get("org:c")!.betweenness).toBe(0);
    expect(m.get("topic:t")).toMatchObject({ betweenness: null, pagerank: null, community: null });
  });
  it("gives PageRank summing to one over the actors, highest for the most joined cluster", () => {
    const ranks = nodes.filter((n) => n.type !== "Topic").map((n) => m.get(n.id)!.pagerank!);
    expect(ranks.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(m.get("cluster:1")!.pagerank!).toBe(Math.max(...ranks));
  });
  it("numbers communities from 0 by size and finds the same ones every run", () => {
    const again = computeMeasures(nodes, edges).measures;
    for (const n of nodes) expect(again.get(n.id)!.community).toBe(m.get(n.id)!.community);
    expect(m.get("org:c")!.community).toBe(m.get("cluster:1")!.community);
    expect(Math.min(...nodes.filter((n) => n.type !== "Topic").map((n) => m.get(n.id)!.community!))).toBe(0);
  });
  it("handles a graph without actors", () => {
    expect(computeMeasures([{ id: "topic:t", type: "Topic" }], []).measures.get("topic:t")).toEqual({
      degree: 0,
      weightedDegree: 0,
      betweenness: null,
      pagerank: null,
      community: null,
    });
  });
});

// A small generated ecosystem (696 actors, 2,425 ties): exact betweenness is cheap, a sample is visible.
const generated = generateEcosystem({ relationships: 3000, seed: 1 });
const genNodes: MeasureNode[] = generated.nodes.map((n) => ({ id: n.id, type: n.label }));
const genEdges: MeasureEdge[] = generated.edges.map((e) => ({ source: e.from, target: e.to, type: e.type, amountEur: null }));

/** graphology-metrics' betweenness on the actor network, as computeMeasures computed it before. */
function reference(ns: MeasureNode[], es: MeasureEdge[]): Record<string, number> {
  const g = new UndirectedGraph();
  const actors = new Set(ns.filter((n) => ACTOR_TYPES.includes(n.type)).map((n) => n.id));
  for (const id of actors) g.addNode(id);
  for (const e of es) {
    if (actors.has(e.source) && actors.has(e.target) && e.source !== e.target) g.mergeEdge(e.source, e.target);
  }
  return graphologyBetweenness(g, { normalized: true, getEdgeWeight: null });
}

const ranks = (values: number[]): number[] => {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0]);
  const r = new Array<number>(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    for (let k = i; k <= j; k++) r[order[k]![1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
};
/** Spearman's rank correlation (Pearson's on average ranks). */
function spearman(a: number[], b: number[]): number {
  const [ra, rb] = [ranks(a), ranks(b)];
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i]! - mean) * (rb[i]! - mean);
    da += (ra[i]! - mean) ** 2;
    db += (rb[i]! - mean) ** 2;
  }
  return num / Math.sqrt(da * db);
}
const top = (values: Map<string, number>, k: number): Set<string> =>
  new Set(
    [...values]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, k)
      .map(([id]) => id),
  );

describe("betweenness", () => {
  it("builds a simple graph from the ties: self-loops dropped, parallel and reversed ties merged", () => {
    const adjacency = buildAdjacency(3, [0, 0, 1, 2, 1], [1, 1, 0, 2, 2]);
    expect([...adjacency.offsets]).toEqual([0, 1, 3, 4]);
    expect([...adjacency.targets]).toEqual([1, 0, 2, 1]);
  });

  it("gives the middle of a path all of its betweenness, normalised by (n − 1)(n − 2)", () => {
    const b = betweenness(buildAdjacency(3, [0, 1], [1, 2]));
    expect([...b.values]).toEqual([0, 1, 0]);
    // Both ends are leaves: only the middle is a source, their share is added exactly.
    expect(b).toMatchObject({ sources: 1, exact: true });
  });

  it("equals graphology-metrics' exact betweenness on the fixture, on separate components with leaves and on a generated ecosystem", () => {
    // A star (3 leaves) and a path of four with a leaf on its second node: leaves reach only their own component.
    const apart = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"].map((id) => ({ id: `org:${id}`, type: "Organisation" }));
    const tie = (s: string, t: string) => edge(`org:${s}`, `org:${t}`, "COLLABORATES_WITH");
    const apartEdges = [
      tie("a", "b"),
      tie("a", "c"),
      tie("a", "d"),
      tie("e", "f"),
      tie("f", "g"),
      tie("g", "h"),
      tie("f", "i"),
      tie("j", "j"),
    ];
    for (const [ns, es] of [
      [nodes, edges],
      [apart, apartEdges],
      [genNodes, genEdges],
    ] as const) {
      const expected = reference(ns, es);
      const { measures, betweenness: how } = computeMeasures(ns, es, { betweennessSources: "exact" });
      expect(how.exact).toBe(true);
      expect(how.actors).toBe(Object.keys(expected).length);
      for (const [id, value] of Object.entries(expected)) {
        expect(Math.abs(measures.get(id)!.betweenness! - value)).toBeLessThanOrEqual(1e-12 * Math.max(1, value));
      }
    }
  });

  it("estimates from a seeded sample of sources: the same values on every run, the top brokers kept", () => {
    const exact = computeMeasures(genNodes, genEdges, { betweennessSources: "exact" }).measures;
    const first = computeMeasures(genNodes, genEdges, { betweennessSources: 150 });
    const again = computeMeasures(genNodes, genEdges, { betweennessSources: 150 });
    expect(first.betweenness).toEqual({ actors: first.betweenness.actors, sources: 150, exact: false });
    const ids = [...exact].filter(([, m]) => m.betweenness !== null).map(([id]) => id);
    const estimated = ids.map((id) => first.measures.get(id)!.betweenness!);
    expect(ids.map((id) => again.measures.get(id)!.betweenness!)).toEqual(estimated);
    expect(
      spearman(
        estimated,
        ids.map((id) => exact.get(id)!.betweenness!),
      ),
    ).toBeGreaterThan(0.9);
    const topExact = top(new Map(ids.map((id) => [id, exact.get(id)!.betweenness!])), 10);
    const topEstimated = top(new Map(ids.map((id, i) => [id, estimated[i]!])), 10);
    expect([...topEstimated].filter((id) => topExact.has(id)).length).toBeGreaterThanOrEqual(8);
  });

  it("computes exact betweenness while it fits the work budget and samples at least MIN_SAMPLES sources above", () => {
    expect(chooseSources(1000, 5000)).toBe(1000);
    const n = 200_000;
    const arcs = 2_000_000;
    const k = chooseSources(n, arcs);
    expect(k).toBeLessThan(n);
    expect(k).toBeGreaterThanOrEqual(MIN_SAMPLES);
    expect(chooseSources(20_000, 80_000) * (20_000 + 80_000)).toBeLessThanOrEqual(Math.max(EXACT_WORK, MIN_SAMPLES * 100_000));
  });
});
