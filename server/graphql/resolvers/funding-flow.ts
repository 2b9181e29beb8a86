/**
 * One flow of money as fundingFlows returns it: built from the edge that carries it and the facts it
 * inherits from the flow above, first from plain values, and for the page afterwards in full (hydrate).
 */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { toEdge, toNode, type GraphEdge, type GraphNode } from "../to-graph.ts";

export interface FundingFlowsArgs {
  funderId?: string | null;
  recipientId?: string | null;
  from?: string | null;
  to?: string | null;
  status?: string[] | null;
  depth?: number | null;
  limit?: number | null;
}

export interface Flow {
  edge: GraphEdge;
  funder: GraphNode;
  recipient: GraphNode;
  via: GraphNode[];
  level: number;
  amount: number | null;
  currency: string | null;
  amountKnown: boolean;
  status: string | null;
  startDate: string | null;
  endDate: string | null;
}

export type Row = Record<string, unknown>;

/** Facts a flow passes on to the flows from its recipient that leave them out. */
export type Inherited = Pick<Flow, "currency" | "status" | "startDate" | "endDate">;

export function flow(edge: GraphEdge, funder: GraphNode, recipient: GraphNode, via: GraphNode[], level: number, inherit?: Inherited): Flow {
  return {
    edge,
    funder,
    recipient,
    via,
    level,
    amount: edge.amount,
    currency: edge.currency ?? (edge.amount !== null ? null : (inherit?.currency ?? null)),
    amountKnown: edge.amount !== null,
    status: edge.status ?? inherit?.status ?? null,
    startDate: edge.startDate ?? inherit?.startDate ?? null,
    endDate: edge.endDate ?? inherit?.endDate ?? null,
  };
}

/** A light node (what a row carries of it: the id, perhaps name and labels), until hydrate fetches it in full. */
export const lightNode = (r: unknown): GraphNode => toNode(r as Row);

/** An edge with only the facts a flow reads (amount, currency, status, dates), read as toEdge reads them. */
export function factsEdge(
  type: string,
  source: unknown,
  target: unknown,
  [amount, currency, status, startDate, endDate]: unknown[],
): GraphEdge {
  return toEdge({ id: "", type, source, target, properties: { amount, currency, status, startDate, endDate } });
}

/**
 * The page's light nodes and edges replaced by the full ones (every property, for details and citations),
 * with the nodes of `nodeIds` and the edges of `edgeKeys` (element ids) beside them. `keys` maps the page's
 * edges to their element ids.
 */
export async function hydrate(db: Database, flows: Flow[], keys: Map<GraphEdge, string>, nodeIds: string[] = [], edgeKeys: string[] = []) {
  const ids = new Set<string>();
  for (const f of flows) for (const n of [f.funder, f.recipient, ...f.via]) ids.add(n.id);
  for (const id of nodeIds) ids.add(id);
  const elementIds = new Set(flows.map((f) => keys.get(f.edge)).filter((k): k is string => k !== undefined));
  for (const key of edgeKeys) elementIds.add(key);
  const rows = await db.read(query("flow-elements"), { sized: { nodeIds: [...ids], edgeKeys: [...elementIds] } }, { what: "fundingFlows" });
  const nodes = new Map(rows.flatMap((row) => row.nodes as Row[]).map((n) => [String(n.id), toNode(n)]));
  // By element id: two relationships may share an `id` in a database written before the importer refused that, or by other means.
  const edges = new Map(
    rows
      .flatMap((row) => row.edges as unknown[][])
      .map(([key, id, type, source, target, properties]) => [String(key), toEdge({ id, type, source, target, properties })]),
  );
  const node = (n: GraphNode): GraphNode => nodes.get(n.id) ?? n;
  return {
    flows: flows.map((f) => ({
      ...f,
      edge: edges.get(keys.get(f.edge) ?? "") ?? f.edge,
      funder: node(f.funder),
      recipient: node(f.recipient),
      via: f.via.map(node),
    })),
    nodes,
    edges,
  };
}
