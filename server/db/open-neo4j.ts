/**
 * Opens the graph for a process: NEO4J_URI when set; otherwise the local Neo4j on NEO4J_BOLT_PORT,
 * reusing one that already runs there (`npm start` in another terminal) or starting it.
 */
import { startLocalNeo4j, isPortTaken, type LocalNeo4j } from "../../neo4j/start-neo4j.ts";
import type { Config } from "../config.ts";
import { Database } from "./database.ts";

export interface OpenGraph {
  db: Database;
  /** Set when this process started the local Neo4j and must stop it. */
  local: LocalNeo4j | undefined;
  close(): Promise<void>;
}

export async function openNeo4j(config: Config, log: (line: string) => void = () => {}): Promise<OpenGraph> {
  const credentials = {
    user: config.neo4jUser,
    password: config.neo4jPassword,
    database: config.neo4jDatabase,
    timeoutMs: config.queryTimeoutMs,
  };
  if (config.neo4jUri) {
    const db = await Database.connect({ uri: config.neo4jUri, ...credentials });
    return { db, local: undefined, close: () => db.close() };
  }
  const { boltPort } = config.local;
  if (await isPortTaken(boltPort)) {
    log(`neo4j: something listens on 127.0.0.1:${boltPort}; connecting to it`);
    const db = await Database.connect({ uri: `bolt://127.0.0.1:${boltPort}`, ...credentials });
    return { db, local: undefined, close: () => db.close() };
  }
  log(`neo4j: starting the local Neo4j 5.26 (data in ${config.local.dataDir}, Bolt on 127.0.0.1:${boltPort})`);
  const local = await startLocalNeo4j({
    dataDir: config.local.dataDir,
    boltPort,
    password: config.neo4jPassword,
    heap: config.local.heap,
    pageCache: config.local.pageCache,
    onLog: (line) => {
      if (line.startsWith("innograph-neo4j:") || /ERROR|Exception/.test(line)) log(line);
    },
  });
  try {
    const db = await Database.connect({ uri: local.uri, ...credentials });
    return {
      db,
      local,
      async close() {
        await db.close();
        await local.stop();
      },
    };
  } catch (e) {
    await local.stop();
    throw e;
  }
}
