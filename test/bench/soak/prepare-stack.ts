/**
 * prepareStack: a fresh Neo4j, a clean import of the soak graph (timed and snapshotted — the kill
 * part compares against it), then the API server over it and a sample of ids and names to query.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../../server/db/database.ts";
import { snapshotGraph, type GraphSnapshot } from "./graph-snapshot.ts";
import { sampleGraph, type GraphSample } from "./query-mix.ts";
import { soakGraph, type GraphFiles } from "./soak-graph.ts";
import { connect, finished, startApi, startImport, startNeo4j, type SoakApi, type SoakNeo4j } from "./start-stack.ts";

export interface SoakStack {
  graph: GraphFiles;
  neo4j: SoakNeo4j;
  db: Database;
  api: SoakApi | undefined;
  clean: GraphSnapshot;
  importSeconds: number;
  sample: GraphSample;
  /** Stops the API server and Neo4j (the kill part needs the CPU). */
  stopApi(): Promise<void>;
  dispose(): Promise<void>;
}

export async function prepareStack(log: (line: string) => void): Promise<SoakStack> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "innograph-soak-"));
  const graph = await soakGraph(workDir);
  log(`soak: graph: ${graph.label}`);
  const neo4j = await startNeo4j("main");
  let db: Database | undefined;
  let api: SoakApi | undefined;
  const dispose = async (): Promise<void> => {
    await api?.stop();
    await db?.close();
    await neo4j.dispose();
    await rm(workDir, { recursive: true, force: true });
  };
  try {
    log(`soak: Neo4j on ${neo4j.uri}; clean import: npm run import -- ${graph.importArgs.join(" ")}`);
    const t0 = Date.now();
    const run = await finished(startImport(neo4j.uri, graph.importArgs), 600_000);
    if (run.code !== 0) throw new Error(`soak: the clean import failed (exit ${run.code}):\n${run.out.slice(-2000)}`);
    const importSeconds = (Date.now() - t0) / 1000;
    db = await connect(neo4j.uri);
    const clean = await snapshotGraph(db);
    log(`soak: imported ${clean.nodes} nodes and ${clean.relationships} relationships in ${importSeconds.toFixed(0)} s`);
    api = await startApi(neo4j.uri);
    const sample = await sampleGraph(db);
    log(`soak: API server at ${api.url}`);
    return {
      graph,
      neo4j,
      db,
      api,
      clean,
      importSeconds,
      sample,
      async stopApi() {
        await api?.stop();
        api = undefined;
        await neo4j.stop();
      },
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}
