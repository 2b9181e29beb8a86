/**
 * The page's typed GraphQL operations: one function per analyst query, each validating its response
 * (in slices, so a large response does not hold the page).
 */
import { postGraphql } from "./post-graphql.ts";
import * as v from "./validate.ts";
import { validateInSlices } from "./validate-in-slices.ts";
import { joinFlows } from "./join-flows.ts";
import type { EntityType, FundingFlows, GraphStats, Path, SearchHit, Subgraph } from "./types.ts";

const NODE = "id type name kind aliases properties";
const EDGE = `id type source target role startDate endDate amount currency amountEur status period purpose
  citations { sourceId title publisher date evidence } properties`;
const SUBGRAPH = `nodes { ${NODE} } edges { ${EDGE} } truncated omittedNodes`;

export interface Api {
  search(query: string, limit?: number, types?: EntityType[]): Promise<SearchHit[]>;
  neighbourhood(id: string, depth?: number, limit?: number): Promise<Subgraph>;
  shortestPaths(fromId: string, toId: string, maxLength?: number, limit?: number): Promise<Path[]>;
  fundingFlows(args: { funderId?: string; recipientId?: string; from?: string; to?: string; depth?: number }): Promise<FundingFlows>;
  stats(limit?: number): Promise<GraphStats>;
}

export function createApi(endpoint = "/graphql"): Api {
  const run = (op: string, q: string, vars: Record<string, unknown>) => postGraphql(op, q, vars, endpoint);
  return {
    async search(query, limit = 8, types) {
      const d = await run(
        "search",
        `query Search($q: String!, $limit: Int, $types: [EntityType!]) {
        search(query: $q, limit: $limit, types: $types) { node { ${NODE} } score matched } }`,
        { q: query, limit, types: types ?? null },
      );
      return validateInSlices("search", v.searchHits, d.search);
    },
    async neighbourhood(id, depth = 1, limit = 100) {
      const d = await run(
        "neighbourhood",
        `query Neighbourhood($id: ID!, $depth: Int, $limit: Int) {
        neighbourhood(id: $id, depth: $depth, limit: $limit) { ${SUBGRAPH} } }`,
        { id, depth, limit },
      );
      return validateInSlices("neighbourhood", v.subgraph, d.neighbourhood);
    },
    async shortestPaths(fromId, toId, maxLength = 6, limit = 5) {
      const d = await run(
        "shortestPaths",
        `query Paths($from: ID!, $to: ID!, $max: Int, $limit: Int) {
        shortestPaths(fromId: $from, toId: $to, maxLength: $max, limit: $limit) { length nodes { ${NODE} } edges { ${EDGE} } } }`,
        { from: fromId, to: toId, max: maxLength, limit },
      );
      return validateInSlices("shortestPaths", v.paths, d.shortestPaths);
    },
    async fundingFlows(args) {
      const d = await run(
        "fundingFlows",
        `query Flows($funderId: ID, $recipientId: ID, $from: String, $to: String, $depth: Int) {
        fundingFlows(funderId: $funderId, recipientId: $recipientId, from: $from, to: $to, depth: $depth) {
          root { ${NODE} } direction funders { ${NODE} }
          flows { edge { id source target } funder { id } recipient { id } via { id } level amount currency amountKnown status startDate endDate }
          totals { currency status amount count } unknownAmounts
          recipients { recipient { ${NODE} } currency amount flows unknownAmounts }
          subgraph { ${SUBGRAPH} } } }`,
        { depth: 2, ...args },
      );
      // Each flow's edge and nodes come by reference and are put back from the subgraph (join-flows.ts).
      return joinFlows(await validateInSlices("fundingFlows", v.fundingFlowsByReference, d.fundingFlows));
    },
    async stats(limit = 100) {
      const d = await run(
        "stats",
        `query Stats($limit: Int) { stats(limit: $limit) {
        nodes relationships labels { label count } relationshipTypes { label count } mostConnected { node { ${NODE} } degree } } }`,
        { limit },
      );
      return validateInSlices("stats", v.stats, d.stats);
    },
  };
}
