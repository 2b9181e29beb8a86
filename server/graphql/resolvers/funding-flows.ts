/**
 * fundingFlows: money (and announced intentions) from a funder — with its sub-units — through
 * clusters, programmes and projects to recipients, or backwards to a recipient. Amounts stay in
 * their currency; an unknown amount stays unknown (null), never zero.
 */
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { isPartialDate, overlaps } from "../../domain/partial-date.ts";
import { toEdge, toNode, type GraphEdge, type GraphNode } from "../to-graph.ts";
import { entityById, inRange } from "./check-args.ts";
import { withCitations } from "./with-citations.ts";

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

type Row = Record<string, unknown>;

/** Sums of money in full units keep cents, not float noise (0.1 + 0.2 → 0.3). */
const cents = (amount: number): number => Math.round(amount * 100) / 100;
const INTERMEDIARY = new Set(["Cluster", "Project", "Organisation"]);

function flow(edge: GraphEdge, funder: GraphNode, recipient: GraphNode, via: GraphNode[], level: number, inherit?: Flow): Flow {
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

function checkWindow(args: FundingFlowsArgs): void {
  for (const [name, value] of [
    ["from", args.from],
    ["to", args.to],
  ] as const) {
    if (value && !isPartialDate(value))
      throw new ValidationError(`\`${name}\` must be a year or partial ISO date such as 2019, 2019-06 or 2019-06-24; got "${value}"`);
  }
  if (args.from && args.to && args.from > args.to) throw new ValidationError(`\`from\` (${args.from}) is after \`to\` (${args.to})`);
}

/** The recipient of a light row of funding-out or beneficiaries-of (flat columns id, name, labels). */
const lightNode = (r: Row): GraphNode => toNode({ id: r.id, name: r.name, labels: r.labels });

/**
 * Forward flows come light (recipient id, name, labels; the edge's facts) and in flat columns, which
 * the driver decodes about twice as fast as nested maps: a funder may reach a hundred thousand of
 * them, and only a page is returned. `keys` maps their edges to element ids, so that the page can
 * be fetched in full afterwards (hydrate).
 */
async function forward(db: Database, root: GraphNode, depth: number) {
  const [fr] = await db.read(query("funders-of"), { id: root.id }, { what: "fundingFlows" });
  const funders = ((fr?.funders as Row[] | undefined) ?? []).map(toNode);
  const byId = new Map(funders.map((f) => [f.id, f]));
  // By the edge itself, not its id: relationships between other entities may share an id.
  const keys = new Map<GraphEdge, string>();
  const light = (r: Row, source: unknown, target: unknown): GraphEdge => {
    const { amount, currency, status, startDate, endDate } = r;
    const edge = toEdge({ id: r.edgeId, type: r.type, source, target, properties: { amount, currency, status, startDate, endDate } });
    keys.set(edge, String(r.key));
    return edge;
  };
  const flows: Flow[] = [];
  const visited = new Set(funders.map((f) => f.id));
  let frontier: { node: GraphNode; via: GraphNode[]; parent?: Flow }[] = [];
  for (const r of await db.read(query("funding-out"), { ids: funders.map((f) => f.id) }, { what: "fundingFlows" })) {
    const recipient = lightNode(r);
    const f = flow(light(r, r.funder, r.id), byId.get(String(r.funder))!, recipient, [], 1);
    flows.push(f);
    if (!visited.has(recipient.id) && INTERMEDIARY.has(recipient.type)) frontier.push({ node: recipient, via: [recipient], parent: f });
    visited.add(recipient.id);
  }
  for (let level = 2; level <= depth && frontier.length; level++) {
    const ids = frontier.map((x) => x.node.id);
    const at = new Map(frontier.map((x) => [x.node.id, x]));
    const next: typeof frontier = [];
    const passedOn = await db.read(query("funding-out"), { ids }, { what: "fundingFlows" });
    const shares = await db.read(query("beneficiaries-of"), { ids }, { what: "fundingFlows" });
    for (const r of passedOn) {
      const src = at.get(String(r.funder))!;
      const recipient = lightNode(r);
      const f = flow(light(r, r.funder, r.id), src.node, recipient, src.via, level, src.parent);
      flows.push(f);
      if (!visited.has(recipient.id) && INTERMEDIARY.has(recipient.type))
        next.push({ node: recipient, via: [...src.via, recipient], parent: f });
      visited.add(recipient.id);
    }
    for (const r of shares) {
      const src = at.get(String(r.via))!;
      const recipient = lightNode(r);
      if (funders.some((f) => f.id === recipient.id)) continue;
      flows.push(flow(light(r, r.id, r.via), src.node, recipient, src.via, level, src.parent));
    }
    frontier = next;
  }
  return { funders, flows, keys };
}

/** The page's light nodes and edges replaced by the full ones (every property, for details and citations). */
async function hydrate<T extends { recipient: GraphNode }>(db: Database, flows: Flow[], recipients: T[], keys: Map<GraphEdge, string>) {
  const nodeIds = new Set<string>();
  for (const f of flows) for (const n of [f.funder, f.recipient, ...f.via]) nodeIds.add(n.id);
  for (const r of recipients) nodeIds.add(r.recipient.id);
  const edgeKeys = [...new Set(flows.map((f) => keys.get(f.edge)).filter((k): k is string => k !== undefined))];
  if (keys.size === 0) return { flows, recipients }; // backward flows come in full
  const [row] = await db.read(query("flow-elements"), { nodeIds: [...nodeIds], edgeKeys }, { what: "fundingFlows" });
  const nodes = new Map(((row?.nodes as Row[] | undefined) ?? []).map((n) => [String(n.id), toNode(n)]));
  // By element id: two relationships may share an `id` (the importer keys them by id between their ends).
  const edges = new Map(((row?.edges as Row[] | undefined) ?? []).map((e) => [String(e.key), toEdge(e as never)]));
  const node = (n: GraphNode): GraphNode => nodes.get(n.id) ?? n;
  return {
    flows: flows.map((f) => ({
      ...f,
      edge: edges.get(keys.get(f.edge) ?? "") ?? f.edge,
      funder: node(f.funder),
      recipient: node(f.recipient),
      via: f.via.map(node),
    })),
    recipients: recipients.map((r) => ({ ...r, recipient: node(r.recipient) })),
  };
}

async function backward(db: Database, root: GraphNode) {
  const flows: Flow[] = [];
  const direct = await db.read(query("funding-in"), { ids: [root.id] }, { what: "fundingFlows" });
  for (const r of direct) flows.push(flow(toEdge(r.edge as never), toNode(r.funder as Row), root, [], 1));
  const memberships = await db.read(query("memberships-of"), { id: root.id }, { what: "fundingFlows" });
  const vias = new Map(memberships.map((m) => [String((m.via as Row).id), { node: toNode(m.via as Row), edge: toEdge(m.edge as never) }]));
  const extra: GraphEdge[] = [];
  if (vias.size) {
    for (const r of await db.read(query("funding-in"), { ids: [...vias.keys()] }, { what: "fundingFlows" })) {
      const via = vias.get(String(r.recipient))!;
      const toVia = flow(toEdge(r.edge as never), toNode(r.funder as Row), via.node, [], 2);
      // The root's share of money paid to a cluster or project it belongs to: known only when its own edge says so.
      flows.push({ ...flow(via.edge, toVia.funder, root, [via.node], 2, toVia), edge: toVia.edge });
      extra.push(via.edge);
    }
  }
  const funders = [...new Map(flows.map((f) => [f.funder.id, f.funder])).values()];
  return { funders, flows, extra };
}

function totals(flows: Flow[]) {
  const direct = flows.filter((f) => f.level === 1);
  const groups = new Map<string, { currency: string; status: string; amount: number; count: number }>();
  for (const f of direct) {
    if (!f.amountKnown) continue;
    const key = `${f.currency}|${f.status}`;
    const g = groups.get(key) ?? { currency: f.currency ?? "?", status: f.status ?? "unknown", amount: 0, count: 0 };
    g.amount += f.amount!;
    g.count += 1;
    groups.set(key, g);
  }
  return {
    totals: [...groups.values()].map((g) => ({ ...g, amount: cents(g.amount) })),
    unknownAmounts: direct.filter((f) => !f.amountKnown).length,
  };
}

function recipientTotals(flows: Flow[]) {
  const groups = new Map<
    string,
    { recipient: GraphNode; currency: string | null; amount: number | null; flows: number; unknownAmounts: number }
  >();
  for (const f of flows) {
    const key = `${f.recipient.id}|${f.amountKnown ? f.currency : ""}`;
    const g = groups.get(key) ?? {
      recipient: f.recipient,
      currency: f.amountKnown ? f.currency : null,
      amount: null,
      flows: 0,
      unknownAmounts: 0,
    };
    g.flows += 1;
    if (f.amountKnown) g.amount = (g.amount ?? 0) + f.amount!;
    else g.unknownAmounts += 1;
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({ ...g, amount: g.amount === null ? null : cents(g.amount) }))
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.recipient.name.localeCompare(b.recipient.name));
}

export async function fundingFlows(db: Database, args: FundingFlowsArgs) {
  if (!!args.funderId === !!args.recipientId) throw new ValidationError("give exactly one of `funderId` and `recipientId`");
  checkWindow(args);
  const depth = inRange("depth", args.depth, 2, 1, 3);
  const limit = inRange("limit", args.limit, 1000, 1, 10000);
  const root = await entityById(db, (args.funderId ?? args.recipientId)!, args.funderId ? "funderId" : "recipientId");
  const found = args.funderId
    ? { ...(await forward(db, root, depth)), extra: [] as GraphEdge[] }
    : { ...(await backward(db, root)), keys: new Map<GraphEdge, string>() };
  const statuses = args.status?.length ? new Set(args.status) : undefined;
  const window = { from: args.from ?? null, to: args.to ?? null };
  const kept = found.flows.filter((f) => (!statuses || (f.status !== null && statuses.has(f.status))) && overlaps(f, window, false));
  const page = await hydrate(db, kept.slice(0, limit), recipientTotals(kept).slice(0, limit), found.keys);
  const flows = page.flows;
  const nodes = new Map<string, GraphNode>([[root.id, root]]);
  for (const n of found.funders) nodes.set(n.id, n);
  for (const f of flows) for (const n of [f.funder, f.recipient, ...f.via]) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>();
  for (const e of [...flows.map((f) => f.edge), ...found.extra]) edges.set(e.id, e);
  const partOf = await db.read(
    query("edges-among"),
    { ids: found.funders.map((f) => f.id), relationshipTypes: ["PART_OF"] },
    { what: "fundingFlows" },
  );
  for (const r of partOf) edges.set(String(r.id), toEdge(r as never));
  await withCitations(db, [...edges.values()]);
  return {
    root,
    direction: args.funderId ? "FROM_FUNDER" : "TO_RECIPIENT",
    funders: found.funders,
    flows,
    // Totals count every flow that matches, not only the page of flows returned.
    ...totals(kept),
    recipients: page.recipients,
    subgraph: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: kept.length > flows.length, omittedNodes: 0 },
  };
}
