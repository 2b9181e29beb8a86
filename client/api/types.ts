/**
 * The analyst API's shapes as the page uses them (see server/graphql/schema.graphql): derived from
 * the zod schemas that validate every response, so the two cannot drift apart.
 */
import type { z } from "zod";
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../../seed/model.ts";
import type * as schema from "./validate.ts";

// The domain's names come from the one list the seed, the importer and Cypher share.
export const ENTITY_TYPES = NODE_LABELS;
export { RELATIONSHIP_TYPES };
export type EntityType = (typeof ENTITY_TYPES)[number];
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export type Citation = z.output<typeof schema.citation>;
export type GraphNode = z.output<typeof schema.graphNode>;
export type GraphEdge = z.output<typeof schema.graphEdge>;
export type Subgraph = z.output<typeof schema.subgraph>;
export type SearchHit = z.output<typeof schema.searchHit>;
export type Path = z.output<typeof schema.path>;
export type FundingFlow = z.output<typeof schema.fundingFlow>;
export type RecipientTotal = z.output<typeof schema.recipientTotal>;
export type FundingFlows = z.output<typeof schema.fundingFlows>;
export type GraphStats = z.output<typeof schema.stats>;
