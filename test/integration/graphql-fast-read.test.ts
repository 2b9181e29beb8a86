import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import { SignJWT } from "jose";
import type { Database, Params } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { connectTestDb, gql, seededGraph, startTestServer } from "../helpers/test-graph.ts";

const SECRET = "fast-read-secret-fast-read-secret-0123";

// Each query the fast path answers, against the same query answered by @neo4j/graphql alone.
const QUERIES = [
  `{ entities(where: { id: { eq: "org:aurubis" } }) { id name aliases } }`,
  `{ entities(where: { id: { eq: "cluster:spin" } }) { __typename id name aliases sources description } }`,
  `{ entities(where: { id: { eq: "org:nobody" } }) { id } }`,
  `{ entities(where: { id: { in: ["org:aurubis", "cluster:spin", "person:eric-swehla"] } }, sort: [{ id: ASC }]) { __typename id name } }`,
  `{ entities(where: { id: { in: ["org:aurubis", "cluster:spin", "person:eric-swehla"] } }, sort: [{ id: DESC }], offset: 1, limit: 1) { t: __typename id label: name } }`,
  `{ organisations(where: { kind: { eq: "company" } }, sort: [{ name: ASC }], limit: 50) { id name kind } }`,
  `{ organisations(where: { kind: { eq: "company" } }, sort: [{ name: DESC }, { id: ASC }], offset: 3, limit: 4) { __typename id name aliases sources kind url city country foundedDate memberCount memberCountQualifier projectVolume degree pagerank community } }`,
  `{ organisations(sort: [{ id: ASC }]) { id } }`,
  `{ organisations(sort: [{ id: ASC }], limit: 900) { id } }`,
  `{ clusters(sort: [{ name: ASC }]) { id name memberCount projectVolume projectVolumeCurrency } ministries(sort: [{ id: ASC }]) { id name } }`,
  `{ people(where: { id: { eq: "person:eric-swehla" } }) { id name title aliases } }`,
  `{ projects(sort: [{ id: ASC }], limit: 5) { id name } sources(sort: [{ id: ASC }], limit: 3) { id name } topics(sort: [{ id: ASC }]) { id } places(sort: [{ name: ASC }]) { id name } }`,
];

function token(roles: string[]): Promise<string> {
  return new SignJWT({ roles })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("10m")
    .sign(new TextEncoder().encode(SECRET));
}

describe("fast reads answer as @neo4j/graphql does", () => {
  let db: Database;
  let fast: GraphQLSchema;
  let library: GraphQLSchema;
  let http: RunningHttp;
  let statements = 0;

  beforeAll(async () => {
    db = await connectTestDb();
    await seededGraph(db);
    [fast, library] = await Promise.all([buildSchema(db.driver, SECRET), buildSchema(db.driver, SECRET, { fastReads: false })]);
    http = await startTestServer(db, { JWT_SECRET: SECRET });
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  const context = () => ({
    db,
    executionContext: db.driver,
    sessionConfig: {},
    transaction: { timeout: 15000 },
    fastRead: (cypher: string, params: Params) => {
      statements++;
      return db.readOnce(cypher, params, { database: "neo4j" });
    },
  });

  it.each(QUERIES)("%s", async (query) => {
    const before = statements;
    const viaFast = await execute({ schema: fast, document: parse(query), contextValue: context() });
    const taken = statements - before;
    const viaLibrary = await execute({ schema: library, document: parse(query), contextValue: context() });
    expect(viaFast.errors).toBeUndefined();
    expect(JSON.parse(JSON.stringify(viaFast))).toEqual(JSON.parse(JSON.stringify(viaLibrary)));
    expect(taken).toBeGreaterThan(0);
  });

  it("reads what a mutation just wrote, and answers uncacheable", async () => {
    const auth = { authorization: `Bearer ${await token(["editor"])}` };
    const created = await gql(
      http.url,
      `mutation { createTopics(input: [{ id: "topic:fast-read", name: "Fast read", aliases: [] }]) { topics { id } } }`,
      {},
      auth,
    );
    expect(created.errors).toBeUndefined();
    const read = await gql<{ entities: { __typename: string; id: string }[] }>(
      http.url,
      `{ entities(where: { id: { eq: "topic:fast-read" } }) { __typename id } }`,
    );
    expect(read.data?.entities).toEqual([{ __typename: "Topic", id: "topic:fast-read" }]);
    await gql(http.url, `mutation { deleteTopics(where: { id: { eq: "topic:fast-read" } }) { nodesDeleted } }`, {}, auth);
    const res = await fetch(`${http.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ entities(where: { id: { eq: "topic:fast-read" } }) { id } }` }),
    });
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ data: { entities: [] } });
  });

  it("checks a repeated query's limits each time, also with other variables", async () => {
    const query = `query($n: Int) { organisations(limit: $n) { id } }`;
    expect((await gql(http.url, query, { n: 5 })).errors).toBeUndefined();
    expect((await gql(http.url, query, { n: 501 })).errors?.[0]?.extensions?.code).toBe("PAGE_TOO_LARGE");
    const literal = `{ organisations(limit: 501) { id } }`;
    for (let i = 0; i < 2; i++) expect((await gql(http.url, literal)).errors?.[0]?.extensions?.code).toBe("PAGE_TOO_LARGE");
  });
});
