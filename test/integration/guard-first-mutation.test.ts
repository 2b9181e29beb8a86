/**
 * @neo4j/graphql reads Neo4j's version (CALL dbms.components()) the first time one of its Query or
 * Mutation fields resolves in a process, through that request's executionContext, before it checks
 * the token. The server has it read while the schema is built (server/graphql/build-schema.ts), so
 * even the very first request of a fresh server — here, in a process of its own (each test file
 * runs in one), a mutation without a token — is refused before any transaction opens: none, read
 * or write.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, fixtureGraph, gql, startTestServer } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";
import { readsDuring } from "../helpers/reads-during.ts";

const SECRET = "test-secret-test-secret-test-secret-0123";

let db: Database;
let http: RunningHttp;

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
    // Every session the driver opens while the request runs, with its statements: none may open.
    const { result, reads } = await readsDuring(db, () =>
      gql(
        http.url,
        `mutation { updateOrganisations(where: { id: { eq: "org:first-a" } }, update: { memberOf: [{ connect: [{ where: { node: { id: { eq: "cluster:first-x" } } }, edge: { id: "e:first-anon", sources: [], evidence: [] } }] }] }) { info { relationshipsCreated } } }`,
      ),
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(reads).toEqual([]);
    expect(await holdersOf(db, "e:first-anon")).toEqual([]);
  });
});
