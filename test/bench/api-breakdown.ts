/**
 * `npm run bench:api-breakdown`: where a GraphQL entity lookup's time goes, side by side in one run
 * on the seed graph, medians of 200 sequential requests, the cases alternating:
 * - the whole request (POST /graphql from a kept-alive node:http client, and from fetch, `entities(where: { id: { eq } })`, as `npm run bench:api`),
 *   answered by the fast lane (server/http/graphql-fast-lane.ts), and the same request sent without a
 *   length (chunked), which the lane leaves to Express and Apollo;
 * - the floor of any HTTP API for it: a bare node:http server that makes the fast path's read and
 *   sends the same bytes (what is left between it and the lane is GraphQL's own cost);
 * - Apollo alone (`{ __typename }`: HTTP, Express, Apollo, no resolver) and /healthz (two driver
 *   queries over HTTP);
 * - the lookup answered in-process without HTTP: by the fast lane's engine (fast-operation.ts), by
 *   graphql `execute` through the fast-read resolver (server/graphql/fast-read.ts) and through
 *   @neo4j/graphql's translation (fast reads off);
 * - the same lookup hand-written through the driver: a managed transaction (`db.read`, the baseline of
 *   `npm run bench:api`) and an auto-commit one (`db.readOnce`, what GraphQL queries use), and the
 *   fast path's own statement for the lookup in an auto-commit transaction;
 * - a custom resolver, shortestPaths: through the lane (graphql-js `execute` on its checked document),
 *   through Apollo (chunked), and the resolver called directly (the baseline of `npm run bench:api`).
 */
import diagnostics from "node:diagnostics_channel";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { execute, parse } from "graphql";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database, type Params } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { loadConfig } from "../../server/config.ts";
import { startHttp } from "../../server/start-http.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";
import { shortestPaths } from "../../server/graphql/resolvers/shortest-paths.ts";
import { FAST_READ_CHANNEL } from "../../server/graphql/fast-read-channel.ts";
import { closeClients, postGraphql } from "./post-graphql.ts";
import { bareServer } from "./bare-server.ts";
import { seedDatabase } from "../../seed/seed-database.ts";

const RUNS = 200;
const password = "breakdown-bench";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs the cases in turn, RUNS times; the median of each. */
async function alternate(cases: Record<string, () => Promise<unknown>>): Promise<Record<string, number>> {
  const times = Object.fromEntries(Object.keys(cases).map((k) => [k, [] as number[]]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, work] of Object.entries(cases)) {
      const start = performance.now();
      await work();
      times[name]!.push(performance.now() - start);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-breakdown-"));
const neo4j = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "1g", pageCache: "256m" });
const db = await Database.connect({ uri: neo4j.uri, user: "neo4j", password });
try {
  await applySchema(db);
  await seedDatabase(db, path.join(import.meta.dirname, "..", "..", "seed"));
  const http = await startHttp(db, loadConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: password, PORT: "0" }));
  /** A stream is sent chunked, without content-length: the fast lane leaves it to Express and Apollo. */
  const viaApollo = async (query: string) => {
    // A stream is sent chunked (no content-length), which the lane leaves to Express and Apollo.
    const body = (await fetch(`${http.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: new Blob([JSON.stringify({ query })]).stream(),
      duplex: "half",
    } as RequestInit).then((r) => r.json())) as { errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`breakdown: ${body.errors[0]!.message}`);
  };
  const id = "org:aurubis";
  const lookup = `{ entities(where: { id: { eq: "${id}" } }) { id name aliases } }`;
  const paths = `{ shortestPaths(fromId: "org:aurubis", toId: "org:thyssenkrupp") { length nodes { id name } edges { id type } } }`;
  const hand = "MATCH (n:Entity {id: $id}) RETURN n.id AS id, n.name AS name, n.aliases AS aliases";
  const [fast, library] = await Promise.all([buildSchema(db.driver, undefined), buildSchema(db.driver, undefined, { fastReads: false })]);
  const document = parse(lookup);
  const context = () => ({
    db,
    executionContext: db.driver,
    sessionConfig: {},
    transaction: { timeout: 15000 },
    fastRead: (cypher: string, params: Params) => db.readOnce(cypher, params, { database: "neo4j" }),
  });
  const run = (schema: typeof fast) => async () => {
    const r = await execute({ schema, document, contextValue: context() });
    if (r.errors?.length) throw r.errors[0];
  };
  // As server/http/mount-graphql.ts makes it: the lane's own reads, and Apollo's context for our resolvers.
  const lane = fastOperations(fast, db.reader({ database: "neo4j", timeoutMs: 15000, withoutStacks: true }), {
    context: () => ({ ...context(), token: undefined, executionContext: { run: context().fastRead } }),
  });
  // The statement the fast path runs for the lookup, to time it bare.
  let laneStatement: { cypher: string; params: Params } | undefined;
  const capture = (plan: unknown) => void (laneStatement ??= plan as { cypher: string; params: Params });
  diagnostics.subscribe(FAST_READ_CHANNEL, capture);
  await lane.answer({ query: lookup });
  diagnostics.unsubscribe(FAST_READ_CHANNEL, capture);
  if (!laneStatement) throw new Error("breakdown: the fast lane ran no statement for the lookup");
  const { cypher: laneCypher, params: laneParams } = laneStatement;
  // The floor of any HTTP API for the lookup: a bare node:http server that makes the fast path's own
  // read, then sends the lane's answer bytes.
  const floor = await bareServer();
  floor.answer(`${await lane.answer({ query: lookup })}\n`, () =>
    db.readOnce(laneCypher, laneParams, { database: "neo4j", withoutStacks: true }),
  );
  const cases = {
    "GraphQL lookup (fast lane)": () => postGraphql(http.url, lookup),
    "floor: node:http + the fast path's read": () => postGraphql(floor.url, lookup),
    "GraphQL lookup (fast lane), fetch client": () => postGraphql(http.url, lookup, "fetch"),
    "GraphQL lookup via Apollo (chunked, fetch)": () => viaApollo(lookup),
    "Apollo alone": () => postGraphql(http.url, "{ __typename }"),
    "/healthz": () => fetch(`${http.url}/healthz`).then((r) => r.json()),
    "fast lane, no HTTP": async () => {
      if (!(await lane.answer({ query: lookup }))) throw new Error("breakdown: the fast lane did not answer the lookup");
    },
    "execute, fast path": run(fast),
    "execute, @neo4j/graphql": run(library),
    "driver, managed tx": () => db.read(hand, { id }),
    "driver, auto-commit": () => db.readOnce(hand, { id }),
    "driver, auto-commit, fast path's statement": () => db.readOnce(laneCypher, laneParams, { database: "neo4j" }),
    "shortestPaths (fast lane)": () => postGraphql(http.url, paths),
    "shortestPaths via Apollo (chunked, fetch)": () => viaApollo(paths),
    // The query selects no citations, so GraphQL leaves that read out; so does the direct call.
    "shortestPaths, resolver called directly": () =>
      shortestPaths(db, { fromId: "org:aurubis", toId: "org:thyssenkrupp" }, { citations: false }),
  };
  console.log(`API breakdown, ms (median of ${RUNS}, alternating; ${os.cpus().length} cores; load ${os.loadavg()[0]!.toFixed(1)})`);
  console.log(`| round | ${Object.keys(cases).join(" | ")} |\n| ---: |${" ---: |".repeat(Object.keys(cases).length)}`);
  for (let round = 1; round <= 3; round++) {
    const m = await alternate(cases);
    console.log(
      `| ${round} | ${Object.values(m)
        .map((v) => v.toFixed(2))
        .join(" | ")} |`,
    );
  }
  console.log(`load at the end ${os.loadavg()[0]!.toFixed(1)}`);
  closeClients();
  await floor.close();
  await http.close();
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
