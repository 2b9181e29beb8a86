/**
 * `npm start`: the composition root. Config → Neo4j (local or NEO4J_URI) → schema and seed →
 * HTTP on PORT (health, GraphQL, page). SIGINT/SIGTERM close the server and shut Neo4j down cleanly.
 */
import { loadConfig } from "./config.ts";
import { openNeo4j, type OpenGraph } from "./db/open-neo4j.ts";
import { InnographError } from "./errors.ts";
import { prepareGraph } from "./prepare-graph.ts";
import type { RunningHttp } from "./start-http.ts";
import type { Neo4jWatch } from "./warm-up.ts";

const log = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  let graph: OpenGraph | undefined;
  let http: RunningHttp | undefined;
  let watch: Neo4jWatch | undefined;
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`innograph: ${signal}; shutting down`);
    watch?.stop();
    await http?.close();
    await graph?.close();
    log("innograph: stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  // The HTTP side (Apollo, @neo4j/graphql, Express) loads while Neo4j's JVM starts, not after it.
  const httpModule = import("./start-http.ts");
  httpModule.catch(() => {}); // awaited below; a failure there is reported once, by that await
  // So does the warm-up (≈ 0.13 s of imports: the page's operations and their validation).
  const warmUpModule = config.warmUp ? import("./warm-up.ts") : undefined;
  warmUpModule?.catch(() => {});
  try {
    graph = await openNeo4j(config, log);
    await prepareGraph(graph.db, config.seedDir, log);
    const { startHttp } = await httpModule;
    http = await startHttp(graph.db, config);
    log(`innograph: serving ${http.url}/ (GraphQL at /graphql, GraphiQL at /graphiql, health at /healthz)`);
    if (warmUpModule) watch = keepPlansWarm(await warmUpModule, http.url, graph.db);
  } catch (e) {
    await graph?.close().catch(() => {});
    throw e;
  }
}

/** Warms Neo4j's query plans now and whenever Neo4j is back after an outage (server/warm-up.ts), one warm-up at a time. */
function keepPlansWarm(
  { describeWarmUp, warmUp, whenNeo4jIsBack }: typeof import("./warm-up.ts"),
  url: string,
  db: OpenGraph["db"],
): Neo4jWatch {
  let running = false;
  const warm = (why: string): void => {
    if (running) return;
    running = true;
    log(`innograph: ${why}; warming Neo4j's query plans with the page's first requests (WARM_UP=off skips this)`);
    void warmUp(url).then((report) => {
      running = false;
      log(`innograph: warm-up: ${describeWarmUp(report)}`);
    });
  };
  warm("serving");
  return whenNeo4jIsBack(db, () => warm("Neo4j is back"));
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `innograph: failed to start: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
