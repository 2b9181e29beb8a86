/**
 * The graph as exports, imports and measures see it: nodes and edges with every stored property,
 * and the names of the properties stored as Cypher INTEGER (JSON numbers cannot tell 2 from 2.0).
 */
export interface GraphNodeData {
  id: string;
  /** The node's own label (Organisation, Person …), without Entity. */
  type: string;
  properties: Record<string, unknown>;
  integerKeys: string[];
}

export interface GraphEdgeData {
  id: string;
  /** The relationship type (MEMBER_OF, FUNDS …). */
  type: string;
  source: string;
  target: string;
  properties: Record<string, unknown>;
  integerKeys: string[];
}

export interface GraphData {
  nodes: GraphNodeData[];
  edges: GraphEdgeData[];
}
