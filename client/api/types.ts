/** The analyst API's shapes as the page uses them (see server/graphql/schema.graphql). */
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../../seed/model.ts";

// The domain's names come from the one list the seed, the importer and Cypher share.
export const ENTITY_TYPES = NODE_LABELS;
export { RELATIONSHIP_TYPES };
export type EntityType = (typeof ENTITY_TYPES)[number];
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export interface Citation {
  sourceId: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  evidence: string;
}

export interface GraphNode {
  id: string;
  type: EntityType;
  name: string;
  kind: string | null;
  aliases: string[];
  properties: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  type: RelationshipType;
  source: string;
  target: string;
  role: string | null;
  startDate: string | null;
  endDate: string | null;
  amount: number | null;
  currency: string | null;
  amountEur: number | null;
  status: string | null;
  period: string | null;
  purpose: string | null;
  citations: Citation[];
  properties: Record<string, unknown>;
}

export interface Subgraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
  omittedNodes: number;
}

export interface SearchHit {
  node: GraphNode;
  score: number;
  matched: string;
}

export interface Path {
  length: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface FundingFlow {
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

export interface RecipientTotal {
  recipient: GraphNode;
  currency: string | null;
  amount: number | null;
  flows: number;
  unknownAmounts: number;
}

export interface FundingFlows {
  root: GraphNode;
  direction: "FROM_FUNDER" | "TO_RECIPIENT";
  funders: GraphNode[];
  flows: FundingFlow[];
  totals: { currency: string; status: string; amount: number; count: number }[];
  unknownAmounts: number;
  recipients: RecipientTotal[];
  subgraph: Subgraph;
}

export interface GraphStats {
  nodes: number;
  relationships: number;
  labels: { label: string; count: number }[];
  relationshipTypes: { label: string; count: number }[];
  mostConnected: { node: GraphNode; degree: number }[];
}
