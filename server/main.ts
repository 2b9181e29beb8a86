/**
 * `npm start`: the composition root. Config → Neo4j (local or NEO4J_URI) → schema and seed →
 * GraphQL → HTTP on PORT. SIGINT/SIGTERM close the server and shut Neo4j down cleanly.
 */
import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import { loadConfig, PROJECT_ROOT } from "./config.ts";
import { openNeo4j, type OpenGraph } from "./db/open-neo4j.ts";
import { InnographError } from "./errors.ts";
import { createApp } from "./http/create-app.ts";
import { prepareGraph } from "./prepare-graph.ts";
import { mountGraphql } from "./http/mount-graphql.ts";

const log = (line: string): void => void process.stdout.write(`${line}\n`);

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

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")) as { version: string }).version;
  let graph: OpenGraph | undefined;
  let server: http.Server | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`innograph: ${signal}; shutting down`);
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server?.closeAllConnections();
    await graph?.close();
    log("innograph: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));

  try {
    graph = await openNeo4j(config, log);
    await prepareGraph(graph.db, config.seedDir, log);
    const db = graph.db;
    const graphql = await mountGraphql(db, config);
    server = http.createServer();
    await graphql.start(server);
    server.on("request", createApp({ db, version, mount: graphql.mount }));
    await listen(server, config.port, config.host);
    log(`innograph: serving http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${config.port}/ (GraphQL at /graphql, health at /healthz)`);
  } catch (e) {
    await graph?.close().catch(() => {});
    throw e;
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `innograph: failed to start: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
