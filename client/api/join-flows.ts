/**
 * The page asks fundingFlows for each flow's edge and nodes by reference (api/operations.ts): here they
 * are put back in full from the answer's subgraph, root and funders, so the panels get every flow whole
 * (types.ts FundingFlow) as before. A reference the answer does not hold is a bad response.
 */
import type { z } from "zod";
import { ApiError } from "./api-error.ts";
import type { FundingFlows, GraphEdge, GraphNode } from "./types.ts";
import type { fundingFlowsByReference } from "./validate.ts";

export function joinFlows(answer: z.output<typeof fundingFlowsByReference>): FundingFlows {
  const nodes = new Map<string, GraphNode>(answer.subgraph.nodes.map((n) => [n.id, n]));
  for (const n of [answer.root, ...answer.funders]) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const edges = new Map<string, GraphEdge>(answer.subgraph.edges.map((e) => [e.id, e]));
  const missing = (where: string, id: string): never => {
    throw new ApiError("BAD_RESPONSE", `api: fundingFlows: unexpected response at ${where}: ${id} is not in the answer's subgraph`);
  };
  const flows = answer.flows.map((f, i) => {
    const node = (where: string, id: string) => nodes.get(id) ?? missing(`flows.${i}.${where}`, id);
    const edge = edges.get(f.edge.id);
    // Ids name one relationship each; its ends say it is the same one.
    if (!edge || edge.source !== f.edge.source || edge.target !== f.edge.target) return missing(`flows.${i}.edge`, f.edge.id);
    return {
      ...f,
      edge,
      funder: node("funder", f.funder.id),
      recipient: node("recipient", f.recipient.id),
      via: f.via.map((v, j) => node(`via.${j}`, v.id)),
    };
  });
  return { ...answer, flows };
}
