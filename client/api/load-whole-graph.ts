/**
 * The whole graph for the first view: `stats` names the most connected entities (up to 100), then
 * `neighbourhood` at depth 3 from each entity not yet covered, until every listed entity is drawn.
 * Entities without relationships (sources) come back as one-node neighbourhoods.
 */
import type { Api } from "./operations.ts";
import type { GraphEdge, GraphNode, GraphStats } from "./types.ts";

export interface WholeGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  stats: GraphStats;
  /** True when the graph is larger than what the first view covers. */
  partial: boolean;
}

export async function loadWholeGraph(api: Api, maxRequests = 40): Promise<WholeGraph> {
  const stats = await api.stats(100);
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  let requests = 0;
  for (const { node } of stats.mostConnected) {
    if (nodes.has(node.id)) continue;
    if (requests++ >= maxRequests) break;
    const sub = await api.neighbourhood(node.id, 3, 1000);
    for (const n of sub.nodes) nodes.set(n.id, n);
    for (const e of sub.edges) edges.set(e.id, e);
    if (!nodes.has(node.id)) nodes.set(node.id, node);
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    stats,
    partial: nodes.size < stats.nodes || edges.size < stats.relationships,
  };
}
