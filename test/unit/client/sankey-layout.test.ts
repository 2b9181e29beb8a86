import { describe, expect, it } from "vitest";
import type { FundingFlow, FundingFlows, GraphEdge, GraphNode } from "../../../client/api/types.ts";
import { layoutSankey } from "../../../client/graph/sankey-layout.ts";
import { edge as anyEdge, node } from "./graph-fixtures.ts";

const edge = (id: string, source: string, target: string, more: Partial<GraphEdge> = {}): GraphEdge =>
  anyEdge(id, "FUNDS", source, target, more);
const flow = (e: GraphEdge, level = 1, via: GraphNode[] = [], status = e.status): FundingFlow => ({
  edge: e,
  funder: node(e.source, e.source.startsWith("ministry") ? "Ministry" : "Cluster"),
  recipient: node(e.target, e.target.startsWith("org") ? "Organisation" : "Cluster"),
  via,
  level,
  amount: e.amount,
  currency: e.currency,
  amountKnown: e.amount !== null,
  status,
  startDate: null,
  endDate: null,
});

const land = node("ministry:land", "Ministry");
const mwide = node("ministry:mwide", "Ministry");
const owl = edge("e:owl", "ministry:land", "cluster:owl", {
  amount: 53_000_000,
  currency: "EUR",
  amountEur: 53_000_000,
  status: "committed",
});
const spin = edge("e:spin", "ministry:mwide", "cluster:spin", {
  amount: 15_000_000,
  currency: "EUR",
  amountEur: 15_000_000,
  status: "committed",
});
const sv1 = edge("e:sv-intended", "ministry:mwide", "cluster:sv", { status: "intended" });
const sv2 = edge("e:sv-proposed", "ministry:mwide", "cluster:sv", { status: "proposed" });
const members = ["org:a", "org:b", "org:c"].map((id) => edge(`e:${id}-member`, "cluster:spin", id, { type: "MEMBER_OF" }));

function landFlows(extra: FundingFlow[] = []): FundingFlows {
  const flows = [
    flow(owl),
    flow(spin),
    flow(sv1),
    flow(sv2),
    ...members.map((m) => flow(m, 2, [node("cluster:spin")], "committed")),
    ...extra,
  ];
  return {
    root: land,
    direction: "FROM_FUNDER",
    funders: [land, mwide],
    flows,
    totals: [],
    unknownAmounts: 2,
    recipients: [],
    subgraph: {
      nodes: [land, mwide],
      edges: [edge("e:part", "ministry:mwide", "ministry:land", { type: "PART_OF" })],
      truncated: false,
      omittedNodes: 0,
    },
  };
}

const size = { width: 900, height: 600 };

describe("layoutSankey", () => {
  it("lays out no flows as an empty diagram", () => {
    const l = layoutSankey({ ...landFlows(), flows: [] }, size);
    expect(l.nodes).toEqual([]);
    expect(l.links).toEqual([]);
    expect(l.columns).toEqual([]);
  });

  it("puts funders with their sub-units first, direct recipients next, members last", () => {
    const l = layoutSankey(landFlows(), size);
    const col = (id: string) => l.nodes.find((n) => n.id === id)?.column;
    expect([col("ministry:land"), col("ministry:mwide"), col("cluster:owl"), col("cluster:spin"), col("cluster:sv"), col("org:a")]).toEqual(
      [0, 0, 1, 1, 1, 2],
    );
    expect(l.nodes.find((n) => n.id === "ministry:mwide")?.partOf).toBe("ministry:land");
    expect(l.columns.map((c) => c.title)).toEqual(["Fördergeber", "Direkte Empfänger", "Mitglieder / Beteiligte"]);
  });

  it("draws band widths in proportion to the EUR amounts", () => {
    const l = layoutSankey(landFlows(), size);
    const w = (id: string) => l.links.find((x) => x.edgeId === id)!.width;
    expect(w("e:owl") / w("e:spin")).toBeCloseTo(53 / 15, 6);
    expect(w("e:owl")).toBeCloseTo(53_000_000 * l.scale, 6);
  });

  it("draws unknown amounts with the fixed minimal width and flags them, never as zero", () => {
    const l = layoutSankey(landFlows(), { ...size, unknownWidth: 5 });
    const unknown = l.links.filter((x) => x.kind === "unknown");
    expect(unknown.map((x) => x.edgeId).sort()).toEqual([
      "e:org:a-member",
      "e:org:b-member",
      "e:org:c-member",
      "e:sv-intended",
      "e:sv-proposed",
    ]);
    for (const x of unknown) {
      expect(x.width).toBe(5);
      expect(x.eur).toBeNull();
    }
    expect(l.links.find((x) => x.edgeId === "e:sv-intended")?.status).toBe("intended");
  });

  it("keeps an amount in another currency without a EUR value apart, at the minimal width", () => {
    const usd = edge("e:usd", "ministry:mwide", "cluster:x", { amount: 2_000_000, currency: "USD", status: "committed" });
    const l = layoutSankey(landFlows([flow(usd)]), size);
    const band = l.links.find((x) => x.edgeId === "e:usd")!;
    expect(band.kind).toBe("foreign");
    expect(band.width).toBe(4);
    expect(l.foreign).toEqual([band]);
  });

  it("keeps totals per column consistent with the bands and the node heights", () => {
    const l = layoutSankey(landFlows(), size);
    const [c0, c1, c2] = l.columns;
    expect(c0?.eur).toBe(68_000_000);
    expect(c1?.eur).toBe(68_000_000);
    expect([c0?.unknown, c1?.unknown, c2?.unknown]).toEqual([2, 2, 3]);
    for (const n of l.nodes) {
      const ins = l.links.filter((x) => x.target === n.id).reduce((s, x) => s + x.width, 0);
      const outs = l.links.filter((x) => x.source === n.id).reduce((s, x) => s + x.width, 0);
      expect(n.height).toBeCloseTo(Math.max(ins, outs), 6);
    }
    const spin = l.nodes.find((n) => n.id === "cluster:spin")!;
    expect(spin.eurIn).toBe(15_000_000);
    expect(spin.unknownOut).toBe(3);
  });

  it("fits the diagram into the height and keeps nodes and bands inside it", () => {
    const l = layoutSankey(landFlows(), size);
    expect(l.height).toBe(600);
    for (const n of l.nodes) {
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y + n.height).toBeLessThanOrEqual(l.height);
      expect(n.x + n.width).toBeLessThanOrEqual(l.width);
    }
    for (const x of l.links) {
      const src = l.nodes.find((n) => n.id === x.source)!;
      const tgt = l.nodes.find((n) => n.id === x.target)!;
      expect(x.y0).toBeGreaterThanOrEqual(src.y - 1e-6);
      expect(x.y0 + x.width).toBeLessThanOrEqual(src.y + src.height + 1e-6);
      expect(x.y1).toBeGreaterThanOrEqual(tgt.y - 1e-6);
      expect(x.y1 + x.width).toBeLessThanOrEqual(tgt.y + tgt.height + 1e-6);
    }
  });

  it("grows taller rather than squeezing many members below their label height", () => {
    const many = Array.from({ length: 60 }, (_, i) =>
      flow(edge(`e:m${i}`, "cluster:spin", `org:m${i}`, { type: "MEMBER_OF" }), 2, [node("cluster:spin")], "committed"),
    );
    const l = layoutSankey(landFlows(many), { ...size, minSlot: 16, gap: 4 });
    expect(l.height).toBeGreaterThan(600);
    const ys = l.nodes
      .filter((n) => n.column === 2)
      .map((n) => n.y)
      .sort((a, b) => a - b);
    for (let i = 1; i < ys.length; i++) expect(ys[i]! - ys[i - 1]!).toBeGreaterThanOrEqual(16);
  });

  it("draws flows towards a recipient through the clusters it belongs to", () => {
    const org = node("org:a", "Organisation");
    const share = edge("e:a-member", "org:a", "cluster:spin", { type: "MEMBER_OF" });
    const direct = edge("e:direct", "ministry:mwide", "org:a", { amount: 1_000_000, currency: "EUR", status: "committed" });
    const viaSpin: FundingFlow = {
      ...flow(spin, 2, [node("cluster:spin")]),
      recipient: org,
      amount: null,
      amountKnown: false,
      currency: "EUR",
    };
    const l = layoutSankey(
      {
        root: org,
        direction: "TO_RECIPIENT",
        funders: [mwide],
        flows: [flow(direct), viaSpin],
        totals: [],
        unknownAmounts: 0,
        recipients: [],
        subgraph: { nodes: [org, mwide], edges: [spin, share, direct], truncated: false, omittedNodes: 0 },
      },
      size,
    );
    const col = (id: string) => l.nodes.find((n) => n.id === id)?.column;
    expect([col("ministry:mwide"), col("cluster:spin"), col("org:a")]).toEqual([0, 1, 2]);
    expect(l.links.map((x) => [x.edgeId, x.kind])).toEqual([
      ["e:direct", "known"],
      ["e:spin", "known"],
      ["e:a-member", "unknown"],
    ]);
  });
});
