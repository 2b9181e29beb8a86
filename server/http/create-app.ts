/**
 * The HTTP adapter: mounts /healthz, /graphql and the built page. It adapts only; the engine
 * (GraphQL schema, resolvers, database) knows nothing of Express.
 */
import express, { type Express, type Request, type Response, type NextFunction } from "express";
import type { Database } from "../db/database.ts";
import { healthz } from "./healthz.ts";

export interface AppParts {
  db: Database;
  version: string;
  /** Mounts further routes (GraphQL, API, static files) after the health check. */
  mount?: (app: Express) => void;
}

export function createApp(parts: AppParts): Express {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", healthz(parts.db, parts.version));
  parts.mount?.(app);
  app.use((req: Request, res: Response) => {
    res.status(404).json({ error: { code: "NOT_FOUND", message: `no route for ${req.method} ${req.path}` } });
  });
  // Errors leave as a code and a message; never a stack trace.
  app.use((err: Error & { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).json({
      error: { code: status === 500 ? "INTERNAL" : "BAD_USER_INPUT", message: status === 500 ? "internal error" : err.message },
    });
  });
  return app;
}
