/**
 * POST /api/cypher `{query, params?, maxRows?, timeoutMs?}`: one read-only Cypher statement;
 * answers `{columns, rows, truncated}` or CSV. Writes, file access and administration are refused.
 */
import type { Request, Response } from "express";
import type { Database } from "../../db/database.ts";
import { ValidationError } from "../../errors.ts";
import { toCypherParams } from "../../analysis/query-params.ts";
import { runReadQuery } from "../../analysis/run-read-query.ts";
import { readOptions, sendRows } from "./read-options.ts";

export const MAX_QUERY_LENGTH = 20_000;

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function cypherRoute(db: Database, serverTimeoutMs: number) {
  return async (req: Request, res: Response): Promise<void> => {
    const body: unknown = req.body;
    if (!isMap(body))
      throw new ValidationError('cypher: send a JSON object {"query": "MATCH …", "params": {…}} with Content-Type: application/json');
    const { query, params = {}, ...rest } = body;
    const extra = Object.keys(rest).filter((k) => k !== "maxRows" && k !== "timeoutMs");
    if (extra.length) throw new ValidationError(`cypher: unknown field \`${extra[0]}\`; expecting query, params, maxRows, timeoutMs`);
    if (typeof query !== "string" || !query.trim()) throw new ValidationError("cypher: `query` must be a non-empty string of Cypher");
    if (query.length > MAX_QUERY_LENGTH)
      throw new ValidationError(`cypher: \`query\` is ${query.length} characters long; the limit is ${MAX_QUERY_LENGTH}`);
    if (!isMap(params)) throw new ValidationError("cypher: `params` must be a JSON object of parameter names and values");
    const options = readOptions(rest, serverTimeoutMs);
    const result = await runReadQuery(db, query, toCypherParams(params), { ...options, what: "cypher" });
    sendRows(req, res, result, "cypher");
  };
}
