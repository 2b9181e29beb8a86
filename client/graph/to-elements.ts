/**
 * toElements(apiData): the pure mapping from API nodes and edges to Cytoscape elements.
 * Classes carry what the stylesheet needs (type, organisation kind, funder, edge status, unknown
 * amount); data carries the label, the two size measures and the API object itself (`entity`).
 */
import type { ElementDefinition } from "cytoscape";
import type { GraphEdge, GraphNode } from "../api/types.ts";
import { formatMoneyShort } from "./format-money.ts";

export interface ApiGraph {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
}

export const MIN_SIZE = 22;
export const MAX_SIZE = 72;

export function slug(value: string): string {
  return value
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function scale(value: number, max: number): number {
  if (max <= 0 || value <= 0) return MIN_SIZE;
  return Math.round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * Math.sqrt(value / max));
}

function edgeLabel(e: GraphEdge): string {
  if (e.type === "FUNDS") return formatMoneyShort(e.amount, e.currency);
  return e.role ?? "";
}

/** Width for a FUNDS edge by amount (EUR when known); other edges are thin. */
export function flowWidth(amountEur: number | null, max: number): number {
  if (amountEur === null || max <= 0) return 2;
  return Math.round(2 + 14 * Math.sqrt(amountEur / max));
}

export function toElements(data: ApiGraph): ElementDefinition[] {
  const ids = new Set(data.nodes.map((n) => n.id));
  const edges = data.edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const degree = new Map<string, number>();
  const received = new Map<string, number>();
  const funders = new Set<string>();
  let maxAmount = 0;
  for (const e of edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    if (e.type === "FUNDS") {
      funders.add(e.source);
      const eur = e.amountEur ?? (e.currency === "EUR" || e.currency === null ? e.amount : null);
      if (eur !== null) {
        received.set(e.target, (received.get(e.target) ?? 0) + eur);
        maxAmount = Math.max(maxAmount, eur);
      }
    }
  }
  const maxDegree = Math.max(0, ...degree.values());
  const maxReceived = Math.max(0, ...received.values());
  const nodes: ElementDefinition[] = data.nodes.map((n) => {
    const classes: string[] = [n.type];
    if (n.kind) classes.push(`kind-${slug(n.kind)}`);
    if (n.type === "Ministry" || funders.has(n.id)) classes.push("funder");
    return {
      group: "nodes",
      data: {
        id: n.id,
        label: n.name,
        type: n.type,
        kind: n.kind,
        degree: degree.get(n.id) ?? 0,
        fundingReceived: received.get(n.id) ?? 0,
        sizeDegree: scale(degree.get(n.id) ?? 0, maxDegree),
        sizeFunding: scale(received.get(n.id) ?? 0, maxReceived),
        entity: n,
      },
      classes: classes.join(" "),
    };
  });
  const links: ElementDefinition[] = edges.map((e) => {
    const classes: string[] = [e.type];
    if (e.status) classes.push(`status-${slug(e.status)}`);
    if (e.type === "FUNDS" && e.amount === null) classes.push("amount-unknown");
    const eur = e.amountEur ?? (e.currency === "EUR" ? e.amount : null);
    return {
      group: "edges",
      data: {
        id: e.id,
        source: e.source,
        target: e.target,
        type: e.type,
        label: edgeLabel(e),
        width: e.type === "FUNDS" ? flowWidth(eur, maxAmount) : 1.5,
        entity: e,
      },
      classes: classes.join(" "),
    };
  });
  return [...nodes, ...links];
}
