/**
 * `npm run bench:api-breakdown`: where a GraphQL entity lookup's time goes, side by side in one run
 * on the seed graph: the whole request, Apollo alone (`{ __typename }`), /healthz (two driver
 * queries over HTTP) and the same lookup through the driver. Medians of 200 sequential requests.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { loadConfig } from "../../server/config.ts";
import { startHttp } from "../../server/start-http.ts";
import { seedDatabase } from "../../seed/seed-database.ts";

const RUNS = 200;
const password = "breakdown-bench";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return median(times);
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-breakdown-"));
const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "1g", pageCache: "256m" });
const db = await Database.connect({ uri: neo4j.uri, user: "neo4j", password });
try {
  await applySchema(db);
  await seedDatabase(db, path.join(import.meta.dirname, "..", "..", "seed"));
  const http = await startHttp(db, loadConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: password, PORT: "0" }));
  const post = (query: string, variables: Record<string, unknown> = {}) =>
    fetch(`${http.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, variables }),
    }).then((r) => r.json());
  const lookup = `query($id: ID!) { organisations(where: { id: { eq: $id } }) { id name kind } }`;
  console.log(`API breakdown, ms (median of ${RUNS}; ${os.cpus().length} cores; load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log("| round | GraphQL lookup | Apollo alone | /healthz | driver lookup |\n| ---: | ---: | ---: | ---: | ---: |");
  for (let round = 1; round <= 3; round++) {
    const graphql = await timed(() => post(lookup, { id: "org:aurubis" }));
    const apollo = await timed(() => post("{ __typename }"));
    const health = await timed(() => fetch(`${http.url}/healthz`).then((r) => r.json()));
    const driver = await timed(() => db.read("MATCH (n:Organisation {id: $id}) RETURN n {.id, .name, .kind} AS n", { id: "org:aurubis" }));
    console.log(`| ${round} | ${graphql.toFixed(2)} | ${apollo.toFixed(2)} | ${health.toFixed(2)} | ${driver.toFixed(2)} |`);
  }
  await http.close();
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
