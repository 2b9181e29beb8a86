/**
 * fundingFlows forwards: from a funder (with its sub-units) through clusters, programmes and projects to
 * recipients. funders-of reads the funder, its sub-units and the PART_OF links among them; one statement
 * (funding-from) follows, filters and pages; Node groups plain columns into totals and ranked recipients,
 * and fetches only the page and the top recipients in full.
 */
import { int, type Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { lowerBound, upperBound } from "../../domain/partial-date.ts";
import { toEdge, toNode, type GraphEdge, type GraphNode } from "../to-graph.ts";
import { flow, hydrate, lightNode, type Flow, type FundingFlowsArgs, type Inherited, type Row } from "./funding-flow.ts";
import { largest, ranked, recipientGroups, totals, type Columns } from "./funding-totals.ts";
import { entityNotFound } from "./check-args.ts";

/** What funding-from returns: every kept flow's recipient, amount and currency as columns, the page in full. */
interface Forward {
  /** The funder first, then its sub-units (funders-of). */
  funders: GraphNode[];
  /** The PART_OF links among the funders. */
  partOf: GraphEdge[];
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
async function forward(db: Database, id: string, depth: number, args: FundingFlowsArgs, limit: number): Promise<Forward> {
  // The funder itself comes first: no row, no entity.
  const [fr] = await db.read(query("funders-of"), { sized: { id } }, { what: "fundingFlows" });
  if (!fr) throw entityNotFound(id, "funderId");
  const funders = (fr.funders as Row[]).map(toNode);
  const partOf = (fr.partOf as Row[]).map((r) => toEdge(r as never));
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
    // false stands for none in funding-from (collect drops nulls); no stored currency is false.
    for (const c of r.currencies as (string | false)[]) columns.currencies.push(c === false ? null : c);
  }
  return { funders, partOf, flows, keys, columns, level1: rows.flatMap((row) => row.level1 as Forward["level1"]) };
}

/** A level 1 row of funding-from ([amount, currency, status]) read as toEdge reads an edge's facts. */
function directFacts([amount, currency, status]: [unknown, unknown, unknown]) {
  return toEdge({ id: "", type: "", source: "", target: "", properties: { amount, currency, status } });
}

export async function fromFunder(db: Database, id: string, args: FundingFlowsArgs, depth: number, limit: number) {
  const found = await forward(db, id, depth, args, limit);
  const candidates = largest(recipientGroups(found.columns), limit);
  const page = found.columns.recipientIds.length
    ? await hydrate(
        db,
        found.flows,
        found.keys,
        candidates.map((g) => g.id),
      )
    : { flows: [], nodes: new Map<string, GraphNode>() };
  return {
    root: found.funders[0]!,
    funders: found.funders,
    partOf: found.partOf,
    flows: page.flows,
    ...totals(found.level1.map(directFacts)),
    recipients: ranked(candidates, (id) => page.nodes.get(id) ?? toNode({ id }), limit),
    kept: found.columns.recipientIds.length,
    extra: [] as GraphEdge[],
  };
}
