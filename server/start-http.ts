/** Starts the HTTP server (health, GraphQL, page) over an open Database; used by main and by tests. */
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { PROJECT_ROOT, type Config } from "./config.ts";
import type { Database } from "./db/database.ts";
import { InnographError } from "./errors.ts";
import { createApp } from "./http/create-app.ts";
import { mountGraphql } from "./http/mount-graphql.ts";
import { withGraphqlFastLane } from "./http/graphql-fast-lane.ts";
import { mountStatic } from "./http/mount-static.ts";
import { mountApi } from "./http/api/mount-api.ts";

export interface RunningHttp {
  url: string;
  port: number;
  server: http.Server;
  close(): Promise<void>;
}

export const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", (e: NodeJS.ErrnoException) => {
      reject(
        e.code === "EADDRINUSE"
          ? new InnographError("CONFIG_INVALID", `http: port ${port} is taken; stop what uses it or set PORT to another port`)
          : e,
      );
    });
    server.listen(port, host, () => resolve());
  });
}

export async function startHttp(db: Database, config: Config): Promise<RunningHttp> {
  const graphql = await mountGraphql(db, config);
  const server = http.createServer();
  await graphql.start(server);
  const app = createApp({
    db,
    version: VERSION,
    mount: (app) => {
      graphql.mount(app);
      mountApi(app, db, config);
      mountStatic(app);
    },
  });
  server.on("request", withGraphqlFastLane(graphql.fast, app));
  await listen(server, config.port, config.host);
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
