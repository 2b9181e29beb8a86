/** Nodes and edges in the API's shapes for the page's unit tests: every field, nulls where unset. */
import cytoscape, { type Core, type StylesheetJson } from "cytoscape";
import type { GraphEdge, GraphNode } from "../../../client/api/types.ts";
import { toElements } from "../../../client/graph/to-elements.ts";

export const node = (id: string, type: GraphNode["type"] = "Cluster", kind: string | null = null): GraphNode => ({
  id,
  type,
  name: id,
  kind,
  aliases: [id],
  properties: {},
});

export const edge = (id: string, type: GraphEdge["type"], source: string, target: string, more: Partial<GraphEdge> = {}): GraphEdge => ({
  id,
  type,
  source,
  target,
  role: null,
  startDate: null,
  endDate: null,
  amount: null,
  currency: null,
  amountEur: null,
  status: null,
  period: null,
  purpose: null,
  citations: [],
  properties: {},
  ...more,
});

/** A headless, styled Cytoscape of a ministry funding a company, for checking what a stylesheet gives. */
export function styledFunding(style: StylesheetJson): Core {
  const elements = toElements({
    nodes: [node("min", "Ministry"), node("org", "Organisation", "company")],
    edges: [edge("f", "FUNDS", "min", "org", { amount: 1e6, currency: "EUR", amountEur: 1e6 })],
  });
  return cytoscape({ headless: true, styleEnabled: true, style, elements });
}
