/**
 * fundingFlows backwards: the money reaching a recipient, directly (level 1) and as its share of what
 * reaches the clusters, programmes, projects and organisations it belongs to (level 2). One statement
 * (funding-to) returns every flow's facts, and every membership's, as plain values; Node filters, groups
 * and pages them, and fetches in full only the page, the funders and the memberships of the page's vias
 * (the subgraph's).
 */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { overlaps } from "../../domain/partial-date.ts";
import { toEdge, toNode, type GraphEdge, type GraphNode } from "../to-graph.ts";
import { entityNotFound } from "./check-args.ts";
import { factsEdge, flow, hydrate, type Flow, type FundingFlowsArgs } from "./funding-flow.ts";
import { largest, ranked, recipientGroups, totals } from "./funding-totals.ts";

/**
 * Every flow reaching the root, with light nodes and edges; `keys` maps their edges to element ids, and
 * `memberships` each via's id to the element id of the root's membership that its flows take their facts from.
 */
async function backward(db: Database, id: string) {
  // The first row brings the root and the PART_OF links among the funders: no row, no entity.
  const rows = await db.read(query("funding-to"), { sized: { id } }, { what: "fundingFlows" });
  if (!rows.length) throw entityNotFound(id, "recipientId");
  const root = toNode(rows[0]!.root as Record<string, unknown>);
  const partOf = (rows[0]!.partOf as Record<string, unknown>[]).map((r) => toEdge(r as never));
  const light = new Map<string, GraphNode>();
  const node = (id: unknown): GraphNode => {
    const key = String(id);
    let n = light.get(key);
    if (!n) light.set(key, (n = toNode({ id: key })));
    return n;
  };
  // By the edge itself, not its id: relationships between other entities may share an id.
  const keys = new Map<GraphEdge, string>();
  const flows: Flow[] = [];
  for (const [funderId, key, ...facts] of rows.flatMap((r) => r.direct as unknown[][])) {
    const edge = factsEdge("FUNDS", funderId, root.id, facts);
    keys.set(edge, String(key));
    flows.push(flow(edge, node(funderId), root, [], 1));
  }
  // A via the root belongs to twice (member and participant, say) counts once, with its last membership's facts.
  // The membership's facts only (its edge never reaches the answer: the page's are fetched in full).
  const vias = new Map<string, { node: GraphNode; edge: GraphEdge; key: string }>();
  for (const [viaId, key, ...facts] of rows.flatMap((r) => r.memberships as unknown[][])) {
    vias.set(String(viaId), { node: node(viaId), edge: factsEdge("", root.id, viaId, facts), key: String(key) });
  }
  for (const [funderId, viaId, key, ...facts] of rows.flatMap((r) => r.toVias as unknown[][])) {
    const via = vias.get(String(viaId))!;
    const edge = factsEdge("FUNDS", funderId, viaId, facts);
    keys.set(edge, String(key));
    const toVia = flow(edge, node(funderId), via.node, [], 2);
    // The root's share of money paid to a cluster or project it belongs to: known only when its own edge says so.
    flows.push({ ...flow(via.edge, toVia.funder, root, [via.node], 2, toVia), edge });
  }
  const memberships = new Map([...vias].map(([id, via]) => [id, via.key]));
  return { root, partOf, flows, keys, funders: [...new Set(flows.map((f) => f.funder.id))], memberships, light };
}

export async function toRecipient(db: Database, id: string, args: FundingFlowsArgs, limit: number) {
  const found = await backward(db, id);
  const root = found.root;
  const statuses = args.status?.length ? new Set(args.status) : undefined;
  const window = { from: args.from ?? null, to: args.to ?? null };
  const kept = found.flows.filter((f) => (!statuses || (f.status !== null && statuses.has(f.status))) && overlaps(f, window, false));
  const groups = recipientGroups({
    recipientIds: kept.map((f) => f.recipient.id),
    amounts: kept.map((f) => f.amount ?? NaN),
    currencies: kept.map((f) => (f.amountKnown ? f.currency : null)),
  });
  const pageFlows = kept.slice(0, limit);
  const pageVias = [...new Set(pageFlows.flatMap((f) => f.via.map((v) => v.id)))];
  const membershipKeys = pageVias.map((id) => found.memberships.get(id)!);
  const page = found.flows.length
    ? await hydrate(db, pageFlows, found.keys, found.funders, membershipKeys)
    : { flows: [], nodes: new Map<string, GraphNode>(), edges: new Map<string, GraphEdge>() };
  return {
    root,
    partOf: found.partOf,
    funders: found.funders.map((id) => page.nodes.get(id) ?? found.light.get(id)!),
    flows: page.flows,
    ...totals(kept.filter((f) => f.level === 1)),
    recipients: ranked(largest(groups, limit), () => root, limit),
    kept: kept.length,
    // The root's memberships of the vias of the page's flows, in full: the subgraph holds both their ends. One
    // deleted since funding-to read it is left out.
    extra: membershipKeys.map((key) => page.edges.get(key)).filter((e): e is GraphEdge => e !== undefined),
  };
}
