/**
 * `npm run bench:api`: latency of the API at each scale of the generated ecosystem. For each query,
 * median and p95 through POST /graphql (in-process server, loopback HTTP; a kept-alive node:http
 * client, test/bench/post-graphql.ts) against the same answer
 * fetched without GraphQL: hand-written Cypher through the driver (lookup, page) or the resolver's own
 * named queries called directly (neighbourhood, shortestPaths, fundingFlows, stats), each twice: its reads
 * in auto-commit transactions, as the API makes them (the strict baseline: GraphQL ÷ driver), and in
 * managed transactions (session.executeRead, as driver.executeQuery makes them; one more round trip
 * a read). Runs alternate, so all sides share the machine's load. Then db hits (PROFILE) of the generated Cypher — captured from
 * @neo4j/graphql's debug log — against the hand-written query, and a check that no plan scans a label.
 * Env: SCALES (default "10k,100k"), ITER (default 30), SLOW_ITER (runs of a query whose first run took
 * over a second; default ITER), FAST_ITER (runs, after as many uncounted, of a query whose first
 * runs took under 20 ms; default 300), KEEP_DIR (keep the database there; a later run of its largest
 * scale alone, e.g. SCALES=1M, reuses the import). Asserts nothing.
 * For every query, also a bare HTTP round trip: the same client posting the same query to a node:http
 * server in the same process that sends back the same answer bytes without any work, so that what
 * GraphQL costs over its baseline splits into the transport (which any HTTP API pays) and the rest.
 * And the floor of any HTTP API for the query: the same node:http server making the baseline's own
 * reads (auto-commit) before it sends those bytes. A round trip that waits on Neo4j costs more than a
 * bare one (the process sleeps between; seed graph, 2,000 alternating runs: bare 0.10 ms in a loop of its
 * own, 0.26 ms around a 0.57 ms lookup), so "GraphQL ÷ floor" is what GraphQL itself costs.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import diagnostics from "node:diagnostics_channel";
import createDebug from "debug";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { loadConfig } from "../../server/config.ts";
import { Database, int } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { startHttp } from "../../server/start-http.ts";
import { query } from "../../server/db/named-queries.ts";
import { FAST_READ_CHANNEL } from "../../server/graphql/fast-read-channel.ts";
import { neighbourhood } from "../../server/graphql/resolvers/neighbourhood.ts";
import { shortestPaths } from "../../server/graphql/resolvers/shortest-paths.ts";
import { fundingFlows } from "../../server/graphql/resolvers/funding-flows.ts";
import { stats } from "../../server/graphql/resolvers/stats.ts";
import { readJsonSeed } from "../../seed/import/read-json-seed.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { generateEcosystem, GEN_IDS, writeEcosystem } from "./generate/generate-ecosystem.ts";
import { parseScale } from "./generate/parse-scale.ts";
import { closeClients, postGraphql } from "./post-graphql.ts";
import { bareServer } from "./bare-server.ts";
import { post as postRaw } from "../helpers/post-graphql.ts";
import { machine, median, percentile, table } from "./bench-table.ts";

const SCALES = (process.env.SCALES ?? "10k,100k").split(",").map(parseScale);
const ITER = Number(process.env.ITER ?? 30);
const SLOW_ITER = Number(process.env.SLOW_ITER ?? ITER);
/**
 * Runs of a query whose warm-up took under 20 ms (lookup, page, shortestPaths): a millisecond query's
 * median moves with JIT warm-up of Node and the JVM for the first hundred runs, so these get more runs,
 * after as many uncounted ones.
 */
const FAST_ITER = Number(process.env.FAST_ITER ?? 300);
const ms = (v: number): string => v.toFixed(v < 10 ? 2 : 1);

// The generated Cypher: @neo4j/graphql logs it with `debug`; keep the last statement and its params.
// Logging is on only while capturing (captureGenerated): left on, @neo4j/graphql's debug lines cost
// ≈ 0.5 ms on every custom resolver's request, which the timed runs once counted as GraphQL's.
let captured: { cypher: string; params: string } = { cypher: "", params: "" };
let expecting = false;
createDebug.formatters.O = (v: unknown) => JSON.stringify(v);
createDebug.log = (...args: unknown[]) => {
  // Each line: "<time or colour> <namespace> <message> [+Nms]".
  const text = args
    .map(String)
    .join(" ")
    .replace(/\x1b\[[0-9;]*m/g, "");
  const message = text.replace(/^\s*(\S+Z\s+)?@neo4j\/graphql:\S+\s/, "").replace(/\s\+\d+m?s\s*$/, "");
  if (message.trim() === "executing cypher") expecting = true;
  else if (expecting) {
    captured.cypher = message;
    expecting = false;
  } else if (message.startsWith("cypher params: ")) captured.params = message.slice("cypher params: ".length);
};

// Simple reads skip the library (server/graphql/fast-read.ts): their statement comes on a channel.
const onFastRead = (message: unknown): void => {
  const { cypher, params } = message as { cypher: string; params: Record<string, unknown> };
  captured = { cypher, params: JSON.stringify(params) };
};

/** The statement (and its params) that answering `graphql` ran: logged and published only meanwhile. */
async function captureGenerated(url: string, graphql: string): Promise<typeof captured> {
  captured = { cypher: "", params: "" };
  createDebug.enable("@neo4j/graphql:*");
  diagnostics.subscribe(FAST_READ_CHANNEL, onFastRead);
  try {
    await post(url, graphql);
  } finally {
    diagnostics.unsubscribe(FAST_READ_CHANNEL, onFastRead);
    createDebug.enable(""); // debug's disable(), which its types lack
  }
  return captured;
}

interface Case {
  name: string;
  graphql: string;
  direct: (db: Database) => Promise<unknown>;
  hand?: { cypher: string; params: Record<string, unknown> };
}

/** None of the queries below selects the edges' citations, so GraphQL leaves that read out; so does the baseline. */
const NO_CITATIONS = { citations: false };

function cases(hub: string, small: string): Case[] {
  const lookupCypher = "MATCH (n:Entity {id: $id}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases";
  const pageCypher =
    "MATCH (n:Organisation) WHERE n.kind = $kind AND n.name IS NOT NULL RETURN n.id AS id, n.name AS name, n.kind AS kind ORDER BY n.name LIMIT $limit";
  return [
    {
      name: "lookup by id",
      graphql: `{ entities(where: { id: { eq: "${hub}" } }) { id name aliases } }`,
      hand: { cypher: lookupCypher, params: { id: hub } },
      direct: (db) => db.read(lookupCypher, { id: hub }),
    },
    {
      name: "page of 50 (filter + sort)",
      graphql: `{ organisations(where: { kind: { eq: "company" } }, sort: [{ name: ASC }], limit: 50) { id name kind } }`,
      hand: { cypher: pageCypher, params: { kind: "company", limit: int(50) } },
      direct: (db) => db.read(pageCypher, { kind: "company", limit: int(50) }),
    },
    {
      name: "neighbourhood depth 2 (largest cluster)",
      graphql: `{ neighbourhood(id: "${GEN_IDS.cluster}", depth: 2) { nodes { id name type } edges { id type source target } truncated } }`,
      direct: (db) => neighbourhood(db, { id: GEN_IDS.cluster, depth: 2 }, NO_CITATIONS),
    },
    {
      name: "neighbourhood depth 2 (small organisation)",
      graphql: `{ neighbourhood(id: "${small}", depth: 2) { nodes { id name type } edges { id type source target } truncated } }`,
      direct: (db) => neighbourhood(db, { id: small, depth: 2 }, NO_CITATIONS),
    },
    {
      name: "shortestPaths",
      graphql: `{ shortestPaths(fromId: "${small}", toId: "${GEN_IDS.person}") { length nodes { id name } edges { id type } } }`,
      direct: (db) => shortestPaths(db, { fromId: small, toId: GEN_IDS.person }, NO_CITATIONS),
    },
    {
      // A path into the busiest hub: the search that once expanded its tens of thousands of links.
      name: "shortestPaths to the hub",
      graphql: `{ shortestPaths(fromId: "${small}", toId: "${GEN_IDS.hub}") { length nodes { id name } edges { id type } } }`,
      direct: (db) => shortestPaths(db, { fromId: small, toId: GEN_IDS.hub }, NO_CITATIONS),
    },
    {
      name: "fundingFlows (Land, depth 2)",
      graphql: `{ fundingFlows(funderId: "${GEN_IDS.land}") { totals { currency status amount count } unknownAmounts recipients { recipient { id } amount currency } } }`,
      direct: (db) => fundingFlows(db, { funderId: GEN_IDS.land }, NO_CITATIONS),
    },
    {
      // Counts from the count store; the ten most connected rank every entity by degree (a label scan).
      name: "stats",
      graphql: `{ stats { nodes relationships labels { label count } relationshipTypes { label count } mostConnected { node { id name } degree } } }`,
      direct: (db) => stats(db, {}),
    },
  ];
}

const post = (url: string, query: string): Promise<unknown> => postGraphql(url, query);

const time = async (f: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

type Plan = { operatorType: string; dbHits: number; children: Plan[] };
const hits = (p: Plan): number => p.dbHits + p.children.reduce((a, c) => a + hits(c), 0);
/** The plan's scans of a whole label or of all nodes or relationships, each with the db hits it made (0: planned, not run). */
const scans = (p: Plan): string[] => [
  ...(/NodeByLabelScan|AllNodesScan|AllRelationshipsScan|RelationshipTypeScan/.test(p.operatorType)
    ? [`${p.operatorType.replace(/@.*/, "")} (${p.dbHits.toLocaleString("en")} db hits)`]
    : []),
  ...p.children.flatMap(scans),
];

async function profile(db: Database, cypher: string, params: Record<string, unknown>): Promise<{ hits: number; scans: string[] }> {
  const session = db.driver.session();
  try {
    const r = await session.run(`PROFILE ${cypher}`, params);
    const plan = r.summary.profile as unknown as Plan;
    return {
      hits: hits(plan),
      scans: scans(plan),
    };
  } finally {
    await session.close();
  }
}

/** Parses the params @neo4j/graphql logged (JSON, integers as {low, high}) back into driver values. */
function reviveParams(text: string): Record<string, unknown> {
  const revive = (v: unknown): unknown => {
    if (v && typeof v === "object" && "low" in v && "high" in v && Object.keys(v).length === 2) return int((v as { low: number }).low);
    if (Array.isArray(v)) return v.map(revive);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
    return v;
  };
  return revive(JSON.parse(text || "{}")) as Record<string, unknown>;
}

async function main(): Promise<void> {
  // KEEP_DIR: a folder kept after the run; scales already imported there (in this order) are not imported again.
  const keep = process.env.KEEP_DIR ? path.resolve(process.env.KEEP_DIR) : undefined;
  if (keep) await mkdir(keep, { recursive: true });
  const dataDir = keep ?? (await mkdtemp(path.join(os.tmpdir(), "innograph-bench-api-")));
  const password = "innograph-bench";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "2g", pageCache: "1g" });
  const db = await Database.connect({ uri: local.uri, user: "neo4j", password, timeoutMs: 600000 });
  const config = loadConfig({ PORT: "0", NEO4J_URI: local.uri, NEO4J_PASSWORD: password, QUERY_TIMEOUT_MS: "60000" });
  const http = await startHttp(db, config);
  // The same Database with every read in a managed transaction (BEGIN + RUN + PULL, then COMMIT).
  const managed = db.through((cypher, params) => db.inTransaction("READ", (tx) => tx.run(cypher, params)) as never);
  const bare = await bareServer();
  const floorServer = await bareServer();
  const latency: (string | number)[][] = [];
  const profiles: (string | number)[][] = [];
  const growth = new Map<string, number[]>();
  try {
    await applySchema(db);
    for (const scale of SCALES) {
      const graph = generateEcosystem({ relationships: scale, seed: 1 });
      const dir = path.join(dataDir, `gen-${scale}`);
      const done = path.join(dataDir, `gen-${scale}.imported`);
      const larger = (await readdir(dataDir)).map((f) => /^gen-(\d+)\.imported$/.exec(f)?.[1]).find((n) => n && Number(n) > scale);
      if (larger) throw new Error(`KEEP_DIR ${dataDir} already holds the ${larger}-relationship graph; measure ${scale} in a new folder`);
      if (existsSync(done)) console.error(`api bench: ${scale} already imported in ${dataDir}`);
      else {
        await writeEcosystem(dir, graph);
        const t0 = performance.now();
        const s = await runImport(db, await readJsonSeed([dir]));
        console.error(`api bench: loaded ${scale} (+${s.rowsLoaded} rows) in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
        await rm(dir, { recursive: true, force: true });
        if (keep) await writeFile(done, new Date().toISOString());
      }
      const small = graph.nodes.filter((n) => n.label === "Organisation").at(-1)!.id;
      for (const c of cases(GEN_IDS.hub, small)) {
        // The quickest of a few first runs: on a cold JVM (the first scale) the first ones are slow.
        let warm = Infinity;
        for (let i = 0; i < 5; i++) {
          warm = Math.min(warm, await time(() => post(http.url, c.graphql)));
          await c.direct(db);
          await c.direct(managed);
          if (warm > 1000) break;
        }
        const fast = warm < 20 && FAST_ITER > ITER;
        // The bare server sends back the bytes the API sends for this query.
        const bytes = (await postRaw(http.url, JSON.stringify({ query: c.graphql }))).body;
        bare.answer(bytes);
        // The floor: an HTTP server that makes the baseline's reads, then sends those bytes.
        floorServer.answer(bytes, () => c.direct(db));
        for (let i = 0; fast && i < FAST_ITER; i++) {
          await post(http.url, c.graphql);
          await c.direct(db);
          await c.direct(managed);
          await post(bare.url, c.graphql);
          await post(floorServer.url, c.graphql);
        }
        const runs = warm > 1000 ? SLOW_ITER : fast ? FAST_ITER : ITER;
        const viaGraphql: number[] = [];
        // The API's reads run in auto-commit transactions (one round trip each): the same reads so
        // are the strict baseline; the same in managed transactions, the driver's usual way, beside it.
        const viaDriver: number[] = [];
        const viaManaged: number[] = [];
        const viaBare: number[] = [];
        const viaFloor: number[] = [];
        for (let i = 0; i < runs; i++) {
          viaGraphql.push(await time(() => post(http.url, c.graphql)));
          viaDriver.push(await time(() => c.direct(db)));
          viaManaged.push(await time(() => c.direct(managed)));
          viaBare.push(await time(() => post(bare.url, c.graphql)));
          viaFloor.push(await time(() => post(floorServer.url, c.graphql)));
        }
        const ratio = median(viaGraphql) / median(viaDriver);
        const floor = median(viaBare);
        latency.push([
          scale.toLocaleString("en"),
          c.name,
          ms(median(viaGraphql)),
          ms(percentile(viaGraphql, 95)),
          ms(median(viaDriver)),
          ms(percentile(viaDriver, 95)),
          `${ratio.toFixed(2)}×`,
          ms(floor),
          ms(median(viaGraphql) - median(viaDriver) - floor),
          ms(median(viaFloor)),
          `${(median(viaFloor) / median(viaDriver)).toFixed(2)}×`,
          `${(median(viaGraphql) / median(viaFloor)).toFixed(2)}×`,
          ms(median(viaManaged)),
          `${(median(viaGraphql) / median(viaManaged)).toFixed(2)}×`,
          runs,
        ]);
        growth.set(c.name, [...(growth.get(c.name) ?? []), median(viaGraphql)]);
        if (c.hand) {
          const captured = await captureGenerated(http.url, c.graphql);
          const gen = captured.cypher
            ? await profile(db, captured.cypher, reviveParams(captured.params))
            : { hits: NaN, scans: ["(not captured)"] };
          const hand = await profile(db, c.hand.cypher, c.hand.params);
          profiles.push([
            scale.toLocaleString("en"),
            c.name,
            gen.hits,
            hand.hits,
            gen.scans.join(", ") || "none",
            hand.scans.join(", ") || "none",
          ]);
        }
      }
      const nb = await profile(db, query("neighbours"), {
        sized: { frontier: [GEN_IDS.cluster], seen: [GEN_IDS.cluster], relationshipTypes: [], labels: [], rootId: GEN_IDS.cluster },
        budget: int(100),
        levelsLeft: int(1),
        citations: false,
      });
      for (const name of ["stats-labels", "stats-types", "most-connected"]) {
        const p = await profile(db, query(name), name === "most-connected" ? { limit: int(10) } : {});
        // The ranking (most-connected) is read once per version of the graph, not per request (stats.ts).
        const what =
          name === "most-connected" ? `stats (named query ${name}, once per change of the graph)` : `stats (named query ${name})`;
        profiles.push([scale.toLocaleString("en"), what, "—", p.hits, "—", p.scans.join(", ") || "none"]);
      }
      profiles.push([
        scale.toLocaleString("en"),
        "neighbourhood depth 1 (named query neighbours: the level and its edges)",
        "—",
        nb.hits,
        "—",
        nb.scans.join(", ") || "none",
      ]);
    }
  } finally {
    closeClients();
    await bare.close();
    await floorServer.close();
    await http.close();
    await db.close();
    await local.stop();
    if (!keep) await rm(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nAPI latency, ms — ${machine()}; alternating runs (ITER=${ITER}, SLOW_ITER=${SLOW_ITER}, FAST_ITER=${FAST_ITER}); command: npm run bench:api (SCALES=${SCALES.join(",")})\n`,
  );
  console.log(
    table(
      [
        "relationships",
        "query",
        "GraphQL median",
        "GraphQL p95",
        "driver median (auto-commit)",
        "driver p95",
        "GraphQL ÷ driver",
        "bare HTTP round trip median",
        "GraphQL − driver − bare HTTP",
        "floor: HTTP + driver median",
        "floor ÷ driver",
        "GraphQL ÷ floor",
        "driver managed-transaction median",
        "GraphQL ÷ managed",
        "runs",
      ],
      latency,
    ),
  );
  console.log(`\nDb hits (PROFILE) and label scans\n`);
  console.log(
    table(
      ["relationships", "query", "generated Cypher db hits", "hand-written db hits", "label scans (generated)", "label scans (hand)"],
      profiles,
    ),
  );
  if (SCALES.length > 1) {
    console.log(
      `\nGrowth of the GraphQL median from ${SCALES[0]!.toLocaleString("en")} to ${SCALES.at(-1)!.toLocaleString("en")} relationships\n`,
    );
    console.log(
      table(
        ["query", ...SCALES.map((s) => `${s.toLocaleString("en")} ms`), "factor"],
        [...growth].map(([q, ms]) => [q, ...ms.map((m) => m.toFixed(1)), `${(ms.at(-1)! / ms[0]!).toFixed(2)}×`]),
      ),
    );
  }
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
