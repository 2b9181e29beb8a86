/** Nodes and edges in the API's shapes for the page's unit tests: every field, nulls where unset. */
import type { GraphEdge, GraphNode } from "../../../client/api/types.ts";

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
