/**
 * Normalises every GraphQL error in one place: a stable code and a human message; never a stack
 * trace or generated Cypher (unless `expose` is set, for development).
 */
import type { GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { Neo4jError } from "neo4j-driver";
import { InnographError } from "../errors.ts";
import { mapNeo4jError } from "../db/map-neo4j-error.ts";

const PASS_THROUGH = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_USER_INPUT",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "OPERATION_RESOLUTION_FAILURE",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "QUERY_TOO_DEEP",
  "QUERY_TOO_COSTLY",
  "PAGE_TOO_LARGE",
  "NOT_FOUND",
]);

export function formatError(formatted: GraphQLFormattedError, error: unknown, expose = false): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { ...(formatted.locations ? { locations: formatted.locations } : {}), ...(formatted.path ? { path: formatted.path } : {}) };
  if (original instanceof InnographError) {
    return { ...base, message: original.message, extensions: { code: original.code } };
  }
  if (original instanceof Neo4jError) {
    const mapped = mapNeo4jError(original, "query");
    const message = mapped.code === "INTERNAL" && !expose ? "the database could not answer this query" : mapped.message;
    return { ...base, message, extensions: { code: mapped.code } };
  }
  const code = String(formatted.extensions?.code ?? "INTERNAL_SERVER_ERROR");
  if (PASS_THROUGH.has(code)) {
    return { ...base, message: formatted.message, extensions: { code } };
  }
  // The library's own input errors (e.g. a bad where filter) are client errors.
  if (/^(Unauthenticated|Forbidden)$/.test(formatted.message)) {
    const c = formatted.message === "Forbidden" ? "FORBIDDEN" : "UNAUTHENTICATED";
    return {
      ...base,
      message:
        c === "FORBIDDEN"
          ? "Forbidden: this operation needs a token with the editor role"
          : "Unauthenticated: this operation needs a token",
      extensions: { code: c },
    };
  }
  return { ...base, message: expose ? formatted.message : "internal error", extensions: { code: "INTERNAL" } };
}
