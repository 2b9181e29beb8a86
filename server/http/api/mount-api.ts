/**
 * /api: the notebook-facing routes — read-only Cypher, the named queries, and graph exports. JSON
 * bodies up to 1 MB; every error leaves as `{error: {code, message}}` (send-error.ts).
 */
import express, { type Express } from "express";
import type { Config } from "../../config.ts";
import type { Database } from "../../db/database.ts";
import { DEFAULT_READ_LIMITS } from "../../analysis/read-graph.ts";
import { cypherRoute } from "./cypher-route.ts";
import { exportRoute } from "./export-route.ts";
import { listQueries, runQueryRoute, showQuery } from "./query-routes.ts";
import { sendError } from "./send-error.ts";

export const BODY_LIMIT = "1mb";

export function mountApi(app: Express, db: Database, config: Config): void {
  const api = express.Router();
  api.use(express.json({ limit: BODY_LIMIT, strict: false }));
  api.post("/cypher", cypherRoute(db, config.queryTimeoutMs));
  api.get("/queries", listQueries);
  api.get("/queries/:name", showQuery);
  api.post("/queries/:name", runQueryRoute(db, config.queryTimeoutMs));
  api.get("/export", exportRoute(db, { ...DEFAULT_READ_LIMITS, timeoutMs: Math.max(config.queryTimeoutMs, 60_000) }));
  api.use((req, res) => {
    res.status(404).json({
      error: {
        code: "NOT_FOUND",
        message: `api: no route for ${req.method} /api${req.path}; see GET /api/queries, POST /api/cypher, GET /api/export`,
      },
    });
  });
  api.use(sendError);
  app.use("/api", api);
}
