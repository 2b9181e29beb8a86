/**
 * fundingFlows: money (and announced intentions) from a funder — with its sub-units — through
 * clusters, programmes and projects to recipients, or backwards to a recipient. Amounts stay in
 * their currency; an unknown amount stays unknown (null), never zero.
 */
import { int, type Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { isPartialDate, lowerBound, overlaps, upperBound } from "../../domain/partial-date.ts";
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

/** Facts a flow passes on to the flows from its recipient that leave them out. */
type Inherited = Pick<Flow, "currency" | "status" | "startDate" | "endDate">;

function flow(edge: GraphEdge, funder: GraphNode, recipient: GraphNode, via: GraphNode[], level: number, inherit?: Inherited): Flow {
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

/** A light node of funding-from's page (id, name, labels). */
const lightNode = (r: unknown): GraphNode => toNode(r as Row);

/** Every kept flow, in order: its recipient's id, its amount (NaN when unknown), the currency of a known amount ("null" for none, "" for an unknown amount). */
interface Columns {
  recipientIds: string[];
  amounts: number[];
  currencies: string[];
}

/** What funding-from returns: every kept flow's recipient, amount and currency as columns, the page in full. */
interface Forward {
  funders: GraphNode[];
  /** The page (the first `limit` kept flows), with light nodes and edges. */
  flows: Flow[];
  keys: Map<GraphEdge, string>;
  columns: Columns;
  /** The level 1 flows that are kept: [amount, currency, status]. */
  level1: [unknown, unknown, unknown][];
}

/**
 * Forward flows are followed, filtered and listed in one statement (funding-from): a funder may
 * reach a hundred thousand flows, and only a page is returned. For the totals Node gets three columns
 * of plain values for all of them; `keys` maps the page's edges to element ids, so that the page can
 * be fetched in full afterwards (hydrate).
 */
async function forward(db: Database, root: GraphNode, depth: number, args: FundingFlowsArgs, limit: number): Promise<Forward> {
  const [fr] = await db.read(query("funders-of"), { id: root.id }, { what: "fundingFlows" });
  const funders = ((fr?.funders as Row[] | undefined) ?? []).map(toNode);
  const byId = new Map(funders.map((f) => [f.id, f]));
  const rows = await db.read(
    query("funding-from"),
    {
      ids: funders.map((f) => f.id),
      depth: int(depth),
      statuses: args.status ?? [],
      from: args.from ? lowerBound(args.from) : null,
      to: args.to ? upperBound(args.to) : null,
      limit: int(limit),
    },
    { what: "fundingFlows" },
  );
  // By the edge itself, not its id: relationships between other entities may share an id.
  const keys = new Map<GraphEdge, string>();
  const flows = rows
    .flatMap((row) => row.page as Row[])
    .map((r) => {
      const { amount, currency, status, startDate, endDate } = r;
      const edge = toEdge({
        id: r.edgeId,
        type: r.type,
        source: r.source,
        target: r.target,
        properties: { amount, currency, status, startDate, endDate },
      });
      keys.set(edge, String(r.key));
      const level = Number(r.level);
      const funder = (level === 1 && byId.get(String((r.funder as Row).id))) || lightNode(r.funder);
      return flow(
        edge,
        funder,
        lightNode(r.recipient),
        (r.via as Row[]).map(lightNode),
        level,
        level === 1 ? undefined : (r.inherit as Inherited),
      );
    });
  const columns: Columns = { recipientIds: [], amounts: [], currencies: [] };
  for (const r of rows) {
    columns.recipientIds.push(...(r.recipientIds as string[]));
    columns.amounts.push(...(r.amounts as number[]));
    columns.currencies.push(...(r.currencies as string[]));
  }
  return { funders, flows, keys, columns, level1: rows.flatMap((row) => row.level1 as Forward["level1"]) };
}

/** The page's light nodes and edges replaced by the full ones (every property, for details and citations). */
async function hydrate(db: Database, flows: Flow[], recipientIds: string[], keys: Map<GraphEdge, string>) {
  const nodeIds = new Set<string>();
  for (const f of flows) for (const n of [f.funder, f.recipient, ...f.via]) nodeIds.add(n.id);
  for (const id of recipientIds) nodeIds.add(id);
  const edgeKeys = [...new Set(flows.map((f) => keys.get(f.edge)).filter((k): k is string => k !== undefined))];
  const rows = await db.read(query("flow-elements"), { nodeIds: [...nodeIds], edgeKeys }, { what: "fundingFlows" });
  const nodes = new Map(rows.flatMap((row) => row.nodes as Row[]).map((n) => [String(n.id), toNode(n)]));
  // By element id: two relationships may share an `id` in a database written before the importer refused that, or by other means.
  const edges = new Map(rows.flatMap((row) => row.edges as Row[]).map((e) => [String(e.key), toEdge(e as never)]));
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

/** Totals of direct (level 1) flows with known amounts, per currency and status, in the order they first appear. */
function totals(direct: Pick<Flow, "amount" | "currency" | "status">[]) {
  const groups = new Map<string, { currency: string; status: string; amount: number; count: number }>();
  for (const f of direct) {
    if (f.amount === null) continue;
    const key = `${f.currency}|${f.status}`;
    const g = groups.get(key) ?? { currency: f.currency ?? "?", status: f.status ?? "unknown", amount: 0, count: 0 };
    g.amount += f.amount;
    g.count += 1;
    groups.set(key, g);
  }
  return {
    totals: [...groups.values()].map((g) => ({ ...g, amount: cents(g.amount) })),
    unknownAmounts: direct.filter((f) => f.amount === null).length,
  };
}

interface RecipientGroup {
  id: string;
  currency: string | null;
  amount: number | null;
  flows: number;
  unknownAmounts: number;
}

/** Per recipient and currency of a known amount (unknown amounts apart), in the order recipients first appear. */
function recipientGroups({ recipientIds, amounts, currencies }: Columns): RecipientGroup[] {
  // By currency, then by recipient: a hundred thousand flows are grouped faster so than by a joined key.
  const byCurrency = new Map<string, Map<string, RecipientGroup>>();
  const groups: RecipientGroup[] = [];
  for (let i = 0; i < recipientIds.length; i++) {
    const id = recipientIds[i]!;
    const amount = amounts[i]!;
    const currency = currencies[i]!;
    let byId = byCurrency.get(currency);
    if (!byId) byCurrency.set(currency, (byId = new Map()));
    let g = byId.get(id);
    if (!g) {
      g = { id, currency: currency === "" || currency === "null" ? null : currency, amount: null, flows: 0, unknownAmounts: 0 };
      byId.set(id, g);
      groups.push(g);
    }
    g.flows += 1;
    if (Number.isNaN(amount)) g.unknownAmounts += 1;
    else g.amount = (g.amount ?? 0) + amount;
  }
  return groups;
}

const rank = (g: RecipientGroup): number => (g.amount === null ? -1 : cents(g.amount));

/** The groups that can be among the `limit` largest: every one whose amount reaches the limit-th largest (ties included). */
function largest(groups: RecipientGroup[], limit: number): RecipientGroup[] {
  if (groups.length <= limit) return groups;
  const least = Float64Array.from(groups, rank).sort()[groups.length - limit]!;
  return groups.filter((g) => rank(g) >= least);
}

/** The `limit` largest, by amount (unknown last), then name, then first appearance. */
function ranked(groups: RecipientGroup[], node: (id: string) => GraphNode, limit: number) {
  return groups
    .map((g) => ({
      recipient: node(g.id),
      currency: g.currency,
      amount: g.amount === null ? null : cents(g.amount),
      flows: g.flows,
      unknownAmounts: g.unknownAmounts,
    }))
    .sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1) || a.recipient.name.localeCompare(b.recipient.name))
    .slice(0, limit);
}

/** A level 1 row of funding-from ([amount, currency, status]) read as toEdge reads an edge's facts. */
function directFacts([amount, currency, status]: [unknown, unknown, unknown]) {
  return toEdge({ id: "", type: "", source: "", target: "", properties: { amount, currency, status } });
}

async function fromFunder(db: Database, root: GraphNode, args: FundingFlowsArgs, depth: number, limit: number) {
  const found = await forward(db, root, depth, args, limit);
  const candidates = largest(recipientGroups(found.columns), limit);
  const page = found.columns.recipientIds.length
    ? await hydrate(
        db,
        found.flows,
        candidates.map((g) => g.id),
        found.keys,
      )
    : { flows: [], nodes: new Map<string, GraphNode>() };
  return {
    funders: found.funders,
    flows: page.flows,
    ...totals(found.level1.map(directFacts)),
    recipients: ranked(candidates, (id) => page.nodes.get(id) ?? toNode({ id }), limit),
    kept: found.columns.recipientIds.length,
    extra: [] as GraphEdge[],
  };
}

async function toRecipient(db: Database, root: GraphNode, args: FundingFlowsArgs, limit: number) {
  const found = await backward(db, root);
  const statuses = args.status?.length ? new Set(args.status) : undefined;
  const window = { from: args.from ?? null, to: args.to ?? null };
  const kept = found.flows.filter((f) => (!statuses || (f.status !== null && statuses.has(f.status))) && overlaps(f, window, false));
  const groups = recipientGroups({
    recipientIds: kept.map((f) => f.recipient.id),
    amounts: kept.map((f) => f.amount ?? NaN),
    currencies: kept.map((f) => (f.amountKnown ? `${f.currency}` : "")),
  });
  return {
    funders: found.funders,
    flows: kept.slice(0, limit),
    ...totals(kept.filter((f) => f.level === 1)),
    recipients: ranked(largest(groups, limit), () => root, limit),
    kept: kept.length,
    extra: found.extra,
  };
}

export async function fundingFlows(db: Database, args: FundingFlowsArgs) {
  if (!!args.funderId === !!args.recipientId) throw new ValidationError("give exactly one of `funderId` and `recipientId`");
  checkWindow(args);
  const depth = inRange("depth", args.depth, 2, 1, 3);
  const limit = inRange("limit", args.limit, 1000, 1, 10000);
  const root = await entityById(db, (args.funderId ?? args.recipientId)!, args.funderId ? "funderId" : "recipientId");
  const found = args.funderId ? await fromFunder(db, root, args, depth, limit) : await toRecipient(db, root, args, limit);
  const flows = found.flows;
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
    totals: found.totals,
    unknownAmounts: found.unknownAmounts,
    recipients: found.recipients,
    subgraph: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: found.kept > flows.length, omittedNodes: 0 },
  };
}
