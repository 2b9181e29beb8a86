/**
 * networkx's node-link format: `nx.node_link_graph(data, edges="links")` builds a MultiDiGraph.
 * Nodes carry `id`, `type` (the label) and every property; links carry `source`, `target`, `key`
 * (the relationship id), `type` and every property. `graph.integerProperties` names the properties
 * stored as INTEGER, so an import restores 2 as INTEGER and 2.0 as FLOAT.
 */
import type { GraphData } from "../../../analysis/graph-data.ts";
import { integerProperties } from "./property-schema.ts";

export interface NodeLinkGraph {
  directed: true;
  multigraph: true;
  graph: { name: string; integerProperties: { nodes: string[]; links: string[] } };
  nodes: Record<string, unknown>[];
  links: Record<string, unknown>[];
}

export function toNodeLink(data: GraphData): NodeLinkGraph {
  return {
    directed: true,
    multigraph: true,
    graph: { name: "innograph", integerProperties: { nodes: integerProperties(data.nodes), links: integerProperties(data.edges) } },
    nodes: data.nodes.map((n) => ({ ...n.properties, id: n.id, type: n.type })),
    links: data.edges.map((e) => ({ ...e.properties, source: e.source, target: e.target, key: e.id, type: e.type })),
  };
}
