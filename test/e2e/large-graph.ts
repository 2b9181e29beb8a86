/**
 * A generated graph of a given number of elements (nodes + relationships, 2 : 3) in the API's
 * shapes, and a stand-in for /graphql that serves it: `stats` names one entity and its
 * `neighbourhood` is the whole graph, so the page draws all of it. For the page benchmark and the
 * large-graph e2e test; deterministic (seeded), no I/O.
 */
import type { EntityType, RelationshipType } from "../../client/api/types.ts";
import type { GraphEdge, GraphNode } from "../../server/graphql/to-graph.ts";

/** The server's shapes (server/graphql/to-graph.ts), with the client's type names. */
export type ApiNode = Omit<GraphNode, "type"> & { type: EntityType };
export type ApiEdge = Omit<GraphEdge, "type" | "citations"> & { type: RelationshipType; citations: [] };

export interface LargeGraph {
  nodes: ApiNode[];
  edges: ApiEdge[];
}

const KINDS = ["company", "research institute", "university", "association", "municipality"];

/** About 2 nodes for every 3 relationships, like the generated ecosystem; a spanning tree plus random links. */
export function largeGraph(elements: number, seed = 7): LargeGraph {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const count = Math.max(2, Math.round(elements / 2.5));
  const nodes: ApiNode[] = [];
  for (let i = 0; i < count; i++) {
    const type: EntityType = i % 50 === 0 ? "Ministry" : i % 20 === 0 ? "Cluster" : i % 3 === 0 ? "Project" : "Organisation";
    nodes.push({
      id: `gen:${i}`,
      type,
      name: `${type === "Organisation" ? "Firma" : type} ${i}`,
      kind: type === "Organisation" ? KINDS[i % KINDS.length]! : null,
      aliases: [],
      properties: {},
    });
  }
  const edges: ApiEdge[] = [];
  const edge = (a: ApiNode, b: ApiNode): ApiEdge => {
    const type: RelationshipType =
      a.type === "Ministry" ? "FUNDS" : b.type === "Project" ? "PARTICIPATES_IN" : b.type === "Cluster" ? "MEMBER_OF" : "AFFILIATED_WITH";
    const funds = type === "FUNDS";
    const amount = funds && edges.length % 3 !== 0 ? Math.round(rnd() * 2e7) : null;
    return {
      id: `gen:e${edges.length}`,
      type,
      source: a.id,
      target: b.id,
      role: type === "PARTICIPATES_IN" ? "participant" : null,
      startDate: "2020",
      endDate: null,
      amount,
      currency: funds ? "EUR" : null,
      amountEur: amount,
      status: funds ? "committed" : null,
      period: null,
      purpose: null,
      citations: [],
      properties: {},
    };
  };
  for (let i = 0; nodes.length + edges.length < elements; i++) {
    const a = i % count;
    const b = i < count ? Math.floor(rnd() * Math.max(1, a)) : Math.floor(rnd() * count);
    if (a === b) continue;
    edges.push(edge(nodes[a]!, nodes[b]!));
  }
  return { nodes, edges };
}

/** The /graphql answer for a request body: stats → one entity, neighbourhood → everything, the rest empty. */
export function answerGraphql(graph: LargeGraph, body: string): string {
  const { query } = JSON.parse(body) as { query: string };
  if (query.includes("stats(")) {
    return JSON.stringify({
      data: {
        stats: {
          nodes: graph.nodes.length,
          relationships: graph.edges.length,
          labels: [],
          relationshipTypes: [],
          mostConnected: [{ node: graph.nodes[0], degree: 1 }],
        },
      },
    });
  }
  if (query.includes("neighbourhood(")) {
    return JSON.stringify({ data: { neighbourhood: { nodes: graph.nodes, edges: graph.edges, truncated: false, omittedNodes: 0 } } });
  }
  if (query.includes("search(")) return JSON.stringify({ data: { search: [] } });
  return JSON.stringify({ data: null, errors: [{ message: "not in the generated graph", extensions: { code: "NOT_FOUND" } }] });
}
