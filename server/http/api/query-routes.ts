/**
 * The named queries of cypher/queries: GET /api/queries lists them (name, file, description,
 * params with their types); GET /api/queries/{name} shows one with its Cypher; POST
 * /api/queries/{name} runs it read-only with the JSON body as its parameters (?maxRows, ?format=csv).
 */
import type { Request, Response } from "express";
import type { Database } from "../../db/database.ts";
import { namedQueries, type NamedQuery } from "../../db/named-queries.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import { checkParams, paramType, toCypherParams } from "../../analysis/query-params.ts";
import { runReadQuery } from "../../analysis/run-read-query.ts";
import { readOptions, sendRows } from "./read-options.ts";

export function describeQuery(q: NamedQuery) {
  return {
    name: q.name,
    file: q.file,
    description: q.description,
    params: q.params.map((p) => ({ ...p, type: paramType(p.name, p.doc) })),
  };
}

export function findQuery(name: string): NamedQuery {
  const q = namedQueries().get(name);
  if (!q)
    throw new NotFoundError(
      `query: no query named ${JSON.stringify(name)}; GET /api/queries lists the names (or: npm run query -- --list)`,
    );
  return q;
}

export function listQueries(_req: Request, res: Response): void {
  res.json({ queries: [...namedQueries().values()].map(describeQuery) });
}

export function showQuery(req: Request, res: Response): void {
  const q = findQuery(String(req.params.name));
  res.json({ ...describeQuery(q), cypher: q.text });
}

export function runQueryRoute(db: Database, serverTimeoutMs: number) {
  return async (req: Request, res: Response): Promise<void> => {
    const q = findQuery(String(req.params.name));
    const body: unknown = req.body ?? {};
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new ValidationError(`query "${q.name}": send its parameters as a JSON object, e.g. {"limit": 10}`);
    }
    const params = checkParams(q, body as Record<string, unknown>);
    const options = readOptions({ maxRows: req.query.maxRows, timeoutMs: req.query.timeoutMs }, serverTimeoutMs);
    const result = await runReadQuery(db, q.text, toCypherParams(params), { ...options, what: `query "${q.name}"` });
    sendRows(req, res, result, q.name);
  };
}
