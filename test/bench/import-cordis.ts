/**
 * `npm run bench:import`: loads the full CORDIS H2020 (2016 layout) and FP7 link data into a throwaway
 * Neo4j with the importer, and runs a naive one-row-per-transaction MERGE on a sample in the same process
 * for comparison. Prints rows per second; asserts nothing.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import { runImport } from "../../seed/import/run-import.ts";

const DATA = process.env.CORDIS_DATA ?? "/work/shared/data";
const SAMPLE = 500;

async function naive(db: Database, dir: string): Promise<number> {
  const parsed = await readCordis([dir]);
  const names = new Map(parsed.nodes.map((n) => [n.id, n.name]));
  const rows = parsed.edges.filter((e) => e.type === "PARTICIPATES_IN").slice(0, SAMPLE);
  const started = Date.now();
  for (const e of rows) {
    await db.write(
      `MERGE (a:Entity {id: $from}) ON CREATE SET a:Organisation, a.name = $fromName
       MERGE (b:Entity {id: $to}) ON CREATE SET b:Project, b.name = $toName
       MERGE (a)-[r:PARTICIPATES_IN {id: $id}]->(b) SET r += $props`,
      {
        from: `naive:${e.from}`,
        fromName: names.get(e.from) ?? e.from,
        to: `naive:${e.to}`,
        toName: names.get(e.to) ?? e.to,
        id: `naive:${e.id}`,
        props: e.props,
      },
    );
  }
  return rows.length / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-bench-"));
  const password = "innograph-bench";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "2g", pageCache: "1g" });
  const db = await Database.connect({ uri: local.uri, user: "neo4j", password, timeoutMs: 600000 });
  try {
    await applySchema(db);
    const results: string[] = [];
    for (const [label, dir] of [
      ["H2020 2016 layout", path.join(DATA, "cordis-h2020-2016")],
      ["FP7 links", path.join(DATA, "cordis-fp7")],
    ] as const) {
      const t0 = Date.now();
      const parsed = await readCordis([dir]);
      const readS = (Date.now() - t0) / 1000;
      const s = await runImport(db, parsed, { batchSize: Number(process.env.BATCH_SIZE ?? 2000) });
      results.push(
        `${label.padEnd(18)} ${s.rowsLoaded.toLocaleString("en").padStart(8)} rows in ${(readS + s.seconds).toFixed(1)} s (read ${readS.toFixed(1)} s, plan+write ${s.seconds.toFixed(1)} s) = ${Math.round(s.rowsLoaded / (readS + s.seconds)).toLocaleString("en")} rows/s; ` +
          `${s.nodesCreated} nodes, ${s.edgesCreated} relationships created, ${s.nodesMerged} merged, ${s.flagged} flagged`,
      );
      console.log(results.at(-1));
    }
    const naiveRate = await naive(db, path.join(DATA, "cordis-h2020-2016"));
    console.log(
      `naive baseline     ${SAMPLE} participations, one MERGE transaction each = ${Math.round(naiveRate).toLocaleString("en")} rows/s`,
    );
    const c = await countGraph(db);
    console.log(`graph: ${c.nodes.toLocaleString("en")} nodes, ${c.relationships.toLocaleString("en")} relationships`);
  } finally {
    await db.close();
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
