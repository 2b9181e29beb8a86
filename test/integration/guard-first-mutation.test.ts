/**
 * @neo4j/graphql reads Neo4j's version (CALL dbms.components()) the first time one of its Query or
 * Mutation fields resolves in a process, through that request's executionContext, before it checks
 * the token. The server has it read while the schema is built (server/graphql/build-schema.ts), so
 * even the very first request of a fresh server — here, in a process of its own (each test file
 * runs in one), a mutation without a token — is refused before any transaction opens: none, read
 * or write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Session, SessionConfig } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, fixtureGraph, gql, startTestServer } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

const SECRET = "test-secret-test-secret-test-secret-0123";

let db: Database;
let http: RunningHttp;

/** How many sessions — and so transactions, of any kind — the shared driver opens while `work` runs. */
async function sessionsDuring(work: () => Promise<unknown>): Promise<number> {
  const driver = db.driver as unknown as { session: (config?: SessionConfig) => Session };
  const session = driver.session.bind(driver);
  let opened = 0;
  driver.session = (config?: SessionConfig) => {
    opened++;
    return session(config);
  };
  try {
    await work();
  } finally {
    delete (driver as { session?: unknown }).session;
  }
  return opened;
}

beforeAll(async () => {
  db = await connectTestDb();
  await fixtureGraph(
    db,
    `CREATE (:Entity:Organisation {id: 'org:first-a', name: 'First A', aliases: []}),
      (:Entity:Cluster {id: 'cluster:first-x', name: 'First X', aliases: []})`,
  );
  http = await startTestServer(db, { JWT_SECRET: SECRET });
});
afterAll(async () => {
  await http.close();
  await db.close();
});

describe("a fresh server's first request", () => {
  it("is a mutation without a token, setting a relationship id, refused before any transaction opens", async () => {
    let r: Awaited<ReturnType<typeof gql>> | undefined;
    const opened = await sessionsDuring(
      async () =>
        (r = await gql(
          http.url,
          `mutation { updateOrganisations(where: { id: { eq: "org:first-a" } }, update: { memberOf: [{ connect: [{ where: { node: { id: { eq: "cluster:first-x" } } }, edge: { id: "e:first-anon", sources: [], evidence: [] } }] }] }) { info { relationshipsCreated } } }`,
        )),
    );
    expect(r?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(opened).toBe(0);
    expect(await holdersOf(db, "e:first-anon")).toEqual([]);
  });
});
