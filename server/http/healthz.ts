/** GET /healthz: the server's and Neo4j's state; 503 while Neo4j is unreachable. */
import type { Request, Response } from "express";
import type { Database } from "../db/database.ts";
import { countGraph } from "../db/count-graph.ts";

const started = Date.now();

export function healthz(db: Database, version: string) {
  return async (_req: Request, res: Response): Promise<void> => {
    const server = { status: "ok", version, uptimeSeconds: Math.round((Date.now() - started) / 1000) };
    try {
      const [info] = await db.read(
        "CALL dbms.components() YIELD name, versions, edition RETURN versions[0] AS version, edition",
        {},
        { what: "healthz", timeoutMs: 5000 },
      );
      const counts = await countGraph(db);
      res.json({
        status: "ok",
        server,
        neo4j: { reachable: true, uri: db.uri, version: info?.version ?? null, edition: info?.edition ?? null, ...counts },
      });
    } catch (e) {
      res.status(503).json({
        status: "unavailable",
        server,
        neo4j: { reachable: false, uri: db.uri, error: (e as Error).message },
      });
    }
  };
}
