import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Database, type ReaderOptions } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, gql, seededGraph, startTestServer } from "../helpers/test-graph.ts";

// Every way a query reads: the fast lane's own statements (a lookup), graphql-js running our resolvers
// (neighbourhood, fundingFlows, shortestPaths, search), and Apollo with @neo4j/graphql (a nested page).
const READS = [
  `{ entities(where: { id: { eq: "org:aurubis" } }) { id name } }`,
  `{ neighbourhood(id: "cluster:spin", depth: 2) { nodes { id } edges { id } } }`,
  `{ fundingFlows(funderId: "ministry:land-nrw") { totals { amount } flows { amount } subgraph { edges { id } } } }`,
  `{ shortestPaths(fromId: "org:aurubis", toId: "org:thyssenkrupp") { length } }`,
  `{ search(query: "Lunen", limit: 3) { node { id } } }`,
  `{ organisations(limit: 5, sort: [{ id: ASC }]) { id memberOf(limit: 2) { id } } }`,
];

function deep(levels: number): string {
  let nested = "id";
  for (let i = 0; i < levels; i++) nested = `id ... on Organisation { memberOf(limit: 1) { ${nested} } }`;
  return `{ organisations(limit: 1) { id memberOf(limit: 1) { ${nested} } } }`;
}

/** Fewer than the default 8, so that 60 queries wait for slots even on the small seed graph. */
const SLOTS = 3;

describe("read slots (READ_SLOTS): reads under load wait for a slot, refusals never do", () => {
  let db: Database;
  let server: RunningHttp;
  let running = 0;
  let most = 0;

  beforeAll(async () => {
    db = await connectTestDb();
    await seededGraph(db);
    // Counts the statements running in Neo4j at once: every read of the server goes through a reader.
    const reader = Database.prototype.reader;
    vi.spyOn(Database.prototype, "reader").mockImplementation(function (this: Database, options?: ReaderOptions) {
      const read = reader.call(this, options);
      return async (query, params) => {
        most = Math.max(most, ++running);
        try {
          return await read(query, params);
        } finally {
          running--;
        }
      };
    });
    server = await startTestServer(db, { READ_SLOTS: String(SLOTS) });
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await server?.close();
    await db?.close();
  });

  it("runs at most READ_SLOTS statements at once when 60 queries of every kind come together", async () => {
    most = 0;
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => gql(server.url, READS[i % READS.length]!)));
    expect(answers.filter((a) => a.status !== 200 || a.errors)).toEqual([]);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(SLOTS);
  });

  it("refuses over-limit queries with their codes while reads wait for slots", async () => {
    let done = 0;
    const load = Promise.all(Array.from({ length: 60 }, (_, i) => gql(server.url, READS[i % READS.length]!).finally(() => done++)));
    const refusals = await Promise.all([
      gql(server.url, deep(14)),
      gql(server.url, "{ organisations(limit: 100000) { id } }"),
      gql(server.url, "query($q: String!) { search(query: $q) { node { id } } }", { q: "Rheinruhr ".repeat(500) }),
    ]);
    const doneAtRefusal = done;
    await load;
    expect(refusals.map((r) => r.errors?.map((e) => e.extensions?.code))).toEqual([
      ["QUERY_TOO_DEEP"],
      ["PAGE_TOO_LARGE"],
      ["BAD_USER_INPUT"],
    ]);
    expect(refusals.every((r) => r.data === undefined || r.data === null)).toBe(true);
    // Answered while queries were still waiting for their reads.
    expect(doneAtRefusal).toBeLessThan(60);
  });
});
