import { describe, expect, it } from "vitest";
import { computeMeasures } from "../../../server/analysis/compute-measures.ts";

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
  const m = computeMeasures(nodes, edges);
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
    const again = computeMeasures(nodes, edges);
    for (const n of nodes) expect(again.get(n.id)!.community).toBe(m.get(n.id)!.community);
    expect(m.get("org:c")!.community).toBe(m.get("cluster:1")!.community);
    expect(Math.min(...nodes.filter((n) => n.type !== "Topic").map((n) => m.get(n.id)!.community!))).toBe(0);
  });
  it("handles a graph without actors", () => {
    expect(computeMeasures([{ id: "topic:t", type: "Topic" }], []).get("topic:t")).toEqual({
      degree: 0,
      weightedDegree: 0,
      betweenness: null,
      pagerank: null,
      community: null,
    });
  });
});
