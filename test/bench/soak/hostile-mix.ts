/**
 * Over-limit queries: nesting deeper than 12, pages above 500, an estimated cost far above 20,000,
 * and a 5,000-character search string. Each must be refused with its code before it reaches Neo4j.
 */
import type { Request } from "./run-clients.ts";

function deep(levels: number): string {
  let nested = "id";
  for (let i = 0; i < levels; i++) nested = `id ... on Organisation { memberOf(limit: 1) { ${nested} } }`;
  return `{ organisations(limit: 1) { id memberOf(limit: 1) { ${nested} } } }`;
}

export interface HostileRequest extends Request {
  /** The error code that must come back. */
  expect: string;
}

const gql = (kind: string, expect: string, query: string, variables: Record<string, unknown> = {}): HostileRequest => ({
  kind,
  expect,
  path: "/graphql",
  body: { query, variables },
});

export const HOSTILE: readonly HostileRequest[] = [
  gql("hostile: depth 16", "QUERY_TOO_DEEP", deep(14)),
  gql("hostile: depth 40", "QUERY_TOO_DEEP", deep(38)),
  gql("hostile: page 100,000", "PAGE_TOO_LARGE", "{ organisations(limit: 100000) { id name } }"),
  gql("hostile: page 501 (variable)", "PAGE_TOO_LARGE", "query($n: Int) { organisationsConnection(first: $n) { edges { node { id } } } }", {
    n: 501,
  }),
  gql(
    "hostile: cost 125M",
    "QUERY_TOO_COSTLY",
    "{ organisations(limit: 500) { memberOf(limit: 500) { id ... on Cluster { members(limit: 500) { id } } } } }",
  ),
  gql("hostile: search 5,000 chars", "BAD_USER_INPUT", "query($q: String!) { search(query: $q) { node { id } } }", {
    q: "Rheinruhr ".repeat(500),
  }),
];

/** Refused as it must be: the expected code, no data, a 4xx or a 200 carrying the error. */
export function refused(req: HostileRequest, status: number, codes: string[]): boolean {
  return codes.includes(req.expect) && status !== 500 && status !== 0;
}
