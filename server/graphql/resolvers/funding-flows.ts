/**
 * fundingFlows: money (and announced intentions) from a funder — with its sub-units — through
 * clusters, programmes and projects to recipients, or backwards to a recipient. Amounts stay in
 * their currency; an unknown amount stays unknown (null), never zero.
 */
import type { Database } from "../../db/database.ts";
import { ValidationError } from "../../errors.ts";
import { isPartialDate } from "../../domain/partial-date.ts";
import type { GraphEdge, GraphNode } from "../to-graph.ts";
import { checkEntityId, inRange } from "./check-args.ts";
import type { FundingFlowsArgs } from "./funding-flow.ts";
import { fromFunder } from "./funding-from-funder.ts";
import { toRecipient } from "./funding-to-recipient.ts";
import { withCitations, type ReadOptions } from "./with-citations.ts";

export type { Flow, FundingFlowsArgs } from "./funding-flow.ts";

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

export async function fundingFlows(db: Database, args: FundingFlowsArgs, options: ReadOptions = {}) {
  if (!!args.funderId === !!args.recipientId) throw new ValidationError("give exactly one of `funderId` and `recipientId`");
  checkWindow(args);
  const depth = inRange("depth", args.depth, 2, 1, 3);
  const limit = inRange("limit", args.limit, 1000, 1, 10000);
  const id = (args.funderId ?? args.recipientId)!;
  checkEntityId(id, args.funderId ? "funderId" : "recipientId");
  // Each direction's first statement reads the root too (NOT_FOUND when no entity has the id), and the PART_OF
  // links among the funders, which the subgraph shows.
  const found = args.funderId ? await fromFunder(db, id, args, depth, limit) : await toRecipient(db, id, args, limit);
  const root = found.root;
  const flows = found.flows;
  const nodes = new Map<string, GraphNode>([[root.id, root]]);
  for (const n of found.funders) nodes.set(n.id, n);
  for (const f of flows) for (const n of [f.funder, f.recipient, ...f.via]) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>();
  for (const e of [...flows.map((f) => f.edge), ...found.extra, ...found.partOf]) edges.set(e.id, e);
  await withCitations(db, [...edges.values()], options);
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
