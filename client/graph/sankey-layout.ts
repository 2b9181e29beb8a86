/**
 * The Sankey layout of funding flows, pure and headless: FundingFlows → columns (funders with their
 * sub-units → direct recipients → members/participants, or funders → clusters → recipient), nodes
 * with x/y/height and bands with widths proportional to the amount in EUR. A band whose amount is
 * unknown, or given in another currency without a EUR value, gets the fixed width `unknownWidth`
 * and is flagged: it is never drawn as zero and never as a made-up size.
 */
import type { FundingFlow, FundingFlows, GraphNode } from "../api/types.ts";

export type BandKind = "known" | "unknown" | "foreign";

export interface SankeyLink {
  id: string;
  /** The edge a click selects (the FUNDS edge, or the membership edge of a share). */
  edgeId: string;
  source: string;
  target: string;
  flow: FundingFlow;
  level: number;
  kind: BandKind;
  /** The value the width stands for; null unless kind is "known". */
  eur: number | null;
  /** The amount as the source gives it (any currency), or null when unknown. */
  amount: number | null;
  currency: string | null;
  status: string | null;
  width: number;
  /** Top of the band at the source and at the target. */
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

export interface SankeyNode {
  id: string;
  node: GraphNode;
  column: number;
  x: number;
  y: number;
  width: number;
  height: number;
  isRoot: boolean;
  /** For a funder's sub-unit: the funder it is part of. */
  partOf: string | null;
  /** Known EUR in and out, and bands of unknown (or unconverted) size in and out. */
  eurIn: number;
  eurOut: number;
  unknownIn: number;
  unknownOut: number;
}

export interface SankeyColumn {
  index: number;
  x: number;
  title: string;
  /** Known EUR flowing into this column (out of it for column 0), and bands without a EUR size. */
  eur: number;
  unknown: number;
}

export interface SankeyLayout {
  width: number;
  height: number;
  /** Pixels per euro. */
  scale: number;
  columns: SankeyColumn[];
  nodes: SankeyNode[];
  links: SankeyLink[];
  /** Known amounts in another currency with no EUR value: drawn with the minimal width, listed apart. */
  foreign: SankeyLink[];
}

export interface SankeyOptions {
  width: number;
  height: number;
  margin?: { top: number; right: number; bottom: number; left: number };
  nodeWidth?: number;
  /** Width of a band whose EUR amount is unknown. */
  unknownWidth?: number;
  /** Thinnest known band (so a small amount stays visible). */
  minKnownWidth?: number;
  /** Vertical room a node needs for its label (one line in the last column, two elsewhere), and the gap between nodes. */
  minSlot?: number;
  minSlotInner?: number;
  gap?: number;
}

const DEFAULTS = {
  margin: { top: 40, right: 215, bottom: 12, left: 8 },
  nodeWidth: 12,
  unknownWidth: 4,
  minKnownWidth: 1,
  minSlot: 16,
  minSlotInner: 30,
  gap: 6,
};

function toEur(f: FundingFlow): number | null {
  if (!f.amountKnown || f.amount === null) return null;
  if (f.currency === "EUR") return f.amount;
  const sameEdge = f.edge.amount === f.amount && f.edge.currency === f.currency;
  return sameEdge ? f.edge.amountEur : null;
}

interface Draft {
  source: string;
  target: string;
  flow: FundingFlow;
  edgeId: string;
  amount: number | null;
  currency: string | null;
  known: boolean;
}

/** One band per forward flow; backwards, a flow passed through a cluster becomes two bands. */
function drafts(f: FundingFlows): Draft[] {
  const out: Draft[] = [];
  for (const x of f.flows) {
    const via = x.via[0];
    if (f.direction === "TO_RECIPIENT" && x.level > 1 && via) {
      const e = x.edge;
      out.push({
        source: x.funder.id,
        target: via.id,
        flow: x,
        edgeId: e.id,
        amount: e.amount,
        currency: e.currency,
        known: e.amount !== null,
      });
      const share = f.subgraph.edges.find((m) => m.source === x.recipient.id && m.target === via.id && m.type !== "FUNDS");
      out.push({
        source: via.id,
        target: x.recipient.id,
        flow: x,
        edgeId: share?.id ?? e.id,
        amount: x.amount,
        currency: x.currency,
        known: x.amountKnown,
      });
    } else
      out.push({
        source: x.funder.id,
        target: x.recipient.id,
        flow: x,
        edgeId: x.edge.id,
        amount: x.amount,
        currency: x.currency,
        known: x.amountKnown,
      });
  }
  // The same FUNDS edge reached through several members is one band.
  const seen = new Set<string>();
  return out.filter((d) => {
    const key = `${d.edgeId}|${d.source}|${d.target}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function columnTitles(f: FundingFlows, count: number): string[] {
  const forward = ["Fördergeber", "Direkte Empfänger", "Mitglieder / Beteiligte"];
  const backward = ["Fördergeber", "Über Cluster / Projekte", "Empfänger"];
  const titles = f.direction === "FROM_FUNDER" ? forward : count === 2 ? ["Fördergeber", "Empfänger"] : backward;
  return Array.from({ length: count }, (_, i) => titles[i] ?? `Ebene ${i}`);
}

export function layoutSankey(f: FundingFlows, options: SankeyOptions): SankeyLayout {
  const o = { ...DEFAULTS, ...options, margin: { ...DEFAULTS.margin, ...options.margin } };
  const nodeById = new Map<string, GraphNode>([[f.root.id, f.root]]);
  for (const n of [...f.funders, ...f.subgraph.nodes]) nodeById.set(n.id, n);
  for (const x of f.flows) for (const n of [x.funder, x.recipient, ...x.via]) nodeById.set(n.id, n);

  // Columns: funders first; every other node one column right of its furthest source.
  const ds = drafts(f);
  const col = new Map<string, number>();
  const funderIds =
    f.direction === "FROM_FUNDER"
      ? f.funders.map((n) => n.id)
      : [...new Set(ds.filter((d) => !ds.some((e) => e.target === d.source)).map((d) => d.source))];
  for (const id of funderIds) col.set(id, 0);
  const kept: Draft[] = [];
  for (const d of [...ds].sort((a, b) => a.flow.level - b.flow.level)) {
    const from = col.get(d.source) ?? 0;
    col.set(d.source, from);
    if (col.get(d.target) === 0 && funderIds.includes(d.target)) continue; // money between funders: not a band
    col.set(d.target, Math.max(col.get(d.target) ?? 0, from + 1));
    kept.push(d);
  }
  if (f.direction === "TO_RECIPIENT" && kept.length) {
    const last = Math.max(...col.values());
    col.set(f.root.id, last);
  }
  const count = kept.length ? Math.max(...col.values()) + 1 : 0;

  const links: SankeyLink[] = kept.map((d, i) => {
    const eur = d.known ? toEur({ ...d.flow, amount: d.amount, currency: d.currency, amountKnown: d.known }) : null;
    const kind: BandKind = !d.known ? "unknown" : eur === null ? "foreign" : "known";
    return {
      id: `b${i}`,
      edgeId: d.edgeId,
      source: d.source,
      target: d.target,
      flow: d.flow,
      level: d.flow.level,
      kind,
      eur,
      amount: d.amount,
      currency: d.currency,
      status: d.flow.status,
      width: 0,
      y0: 0,
      y1: 0,
      x0: 0,
      x1: 0,
    };
  });

  const partOf = new Map<string, string>();
  for (const e of f.subgraph.edges)
    if (e.type === "PART_OF" && funderIds.includes(e.source) && funderIds.includes(e.target)) partOf.set(e.source, e.target);
  const ids = [...new Set([...funderIds, ...links.flatMap((l) => [l.source, l.target])])].filter(
    (id) => col.has(id) && links.some((l) => l.source === id || l.target === id),
  );
  const nodes: SankeyNode[] = ids.map((id) => {
    const ins = links.filter((l) => l.target === id);
    const outs = links.filter((l) => l.source === id);
    const sum = (ls: SankeyLink[]) => ls.reduce((s, l) => s + (l.eur ?? 0), 0);
    return {
      id,
      node: nodeById.get(id)!,
      column: col.get(id)!,
      x: 0,
      y: 0,
      width: o.nodeWidth,
      height: 0,
      isRoot: id === f.root.id,
      partOf: partOf.get(id) ?? null,
      eurIn: sum(ins),
      eurOut: sum(outs),
      unknownIn: ins.filter((l) => l.kind !== "known").length,
      unknownOut: outs.filter((l) => l.kind !== "known").length,
    };
  });

  const bandWidth = (l: SankeyLink, k: number) => (l.kind === "known" ? Math.max(o.minKnownWidth, l.eur! * k) : o.unknownWidth);
  const nodeHeight = (n: SankeyNode, k: number) => {
    const side = (ls: SankeyLink[]) => ls.reduce((s, l) => s + bandWidth(l, k), 0);
    return Math.max(side(links.filter((l) => l.target === n.id)), side(links.filter((l) => l.source === n.id)));
  };
  const byColumn = Array.from({ length: count }, (_, c) => nodes.filter((n) => n.column === c));
  const minSlot = (n: SankeyNode) => (n.column === count - 1 ? o.minSlot : o.minSlotInner);
  const need = (k: number) =>
    Math.max(0, ...byColumn.map((ns) => ns.reduce((s, n) => s + Math.max(nodeHeight(n, k), minSlot(n)) + o.gap, -o.gap)));

  // Scale: the largest that fits the height, but never so small that the known bands vanish.
  const inner = Math.max(1, o.height - o.margin.top - o.margin.bottom);
  const maxEur = Math.max(0, ...byColumn.map((ns) => ns.reduce((s, n) => s + Math.max(n.eurIn, n.eurOut), 0)));
  let scale = 0;
  if (maxEur > 0) {
    let lo = 0;
    let hi = inner / maxEur;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (need(mid) <= inner) lo = mid;
      else hi = mid;
    }
    scale = Math.max(lo, (0.3 * inner) / maxEur);
  }
  for (const l of links) l.width = bandWidth(l, scale);
  for (const n of nodes) n.height = nodeHeight(n, scale);
  const height = Math.max(o.height, need(scale) + o.margin.top + o.margin.bottom);
  const usable = height - o.margin.top - o.margin.bottom;

  // Positions: columns evenly spread; in a column, nodes ordered by where their money comes from.
  const span = Math.max(0, o.width - o.margin.left - o.margin.right - o.nodeWidth);
  const colX = (c: number) => o.margin.left + (count > 1 ? (span * c) / (count - 1) : 0);
  const centre = (n: SankeyNode) => n.y + n.height / 2;
  const order = new Map(funderIds.map((id, i) => [id, i]));
  for (const [c, ns] of byColumn.entries()) {
    if (c === 0) ns.sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99) || b.eurOut - a.eurOut);
    else {
      const from = (n: SankeyNode) => {
        const srcs = links.filter((l) => l.target === n.id).map((l) => nodes.find((m) => m.id === l.source)!);
        return srcs.reduce((s, m) => s + centre(m), 0) / Math.max(1, srcs.length);
      };
      const key = new Map(ns.map((n) => [n.id, from(n)]));
      ns.sort(
        (a, b) =>
          key.get(a.id)! - key.get(b.id)! || b.eurIn - a.eurIn || b.unknownIn - a.unknownIn || a.node.name.localeCompare(b.node.name, "de"),
      );
    }
    const total = ns.reduce((s, n) => s + Math.max(n.height, minSlot(n)) + o.gap, -o.gap);
    let y = o.margin.top + Math.max(0, (usable - total) / 2);
    for (const n of ns) {
      const slot = Math.max(n.height, minSlot(n));
      n.x = colX(c);
      n.y = y + (slot - n.height) / 2;
      y += slot + o.gap;
    }
  }

  // Bands stack at each end in the order of the node at the other end, centred on the node.
  const at = new Map(nodes.map((n) => [n.id, n]));
  for (const n of nodes) {
    const outs = links.filter((l) => l.source === n.id).sort((a, b) => centre(at.get(a.target)!) - centre(at.get(b.target)!));
    const ins = links.filter((l) => l.target === n.id).sort((a, b) => centre(at.get(a.source)!) - centre(at.get(b.source)!));
    let y0 = n.y + (n.height - outs.reduce((s, l) => s + l.width, 0)) / 2;
    for (const l of outs) {
      l.y0 = y0;
      l.x0 = n.x + n.width;
      y0 += l.width;
    }
    let y1 = n.y + (n.height - ins.reduce((s, l) => s + l.width, 0)) / 2;
    for (const l of ins) {
      l.y1 = y1;
      l.x1 = n.x;
      y1 += l.width;
    }
  }

  const titles = columnTitles(f, count);
  const columns: SankeyColumn[] = byColumn.map((ns, c) => ({
    index: c,
    x: colX(c),
    title: titles[c]!,
    eur: ns.reduce((s, n) => s + (c === 0 ? n.eurOut : n.eurIn), 0),
    unknown: ns.reduce((s, n) => s + (c === 0 ? n.unknownOut : n.unknownIn), 0),
  }));
  return { width: o.width, height, scale, columns, nodes, links, foreign: links.filter((l) => l.kind === "foreign") };
}
