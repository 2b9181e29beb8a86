/**
 * `npm run neo4j`: runs the local Neo4j alone (for notebooks and Neo4j Browser-like clients over
 * Bolt), with the same data folder, port and password as `npm start`. Ctrl-C stops it cleanly.
 */
import { loadConfig } from "../server/config.ts";
import { InnographError } from "../server/errors.ts";
import { startLocalNeo4j } from "./start-neo4j.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (config.neo4jUri) throw new InnographError("CONFIG_INVALID", "neo4j: NEO4J_URI is set; there is no local Neo4j to start");
  const neo4j = await startLocalNeo4j({
    dataDir: config.local.dataDir,
    boltPort: config.local.boltPort,
    password: config.neo4jPassword,
    heap: config.local.heap,
    pageCache: config.local.pageCache,
    onLog: (line) => {
      if (line.startsWith("innograph-neo4j:")) console.log(line);
    },
  });
  console.log(`neo4j: Bolt on ${neo4j.uri} (user neo4j); data in ${config.local.dataDir}; Ctrl-C stops it`);
  const stop = async (): Promise<void> => {
    await neo4j.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `neo4j: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
