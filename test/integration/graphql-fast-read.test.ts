import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import { Database, type Params } from "../../server/db/database.ts";
import { startHttp, type RunningHttp } from "../../server/start-http.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { fastOperations, type FastOperations, type GraphqlRequest } from "../../server/graphql/fast-operation.ts";
import { createApi } from "../../client/api/operations.ts";
import { connectTestDb, gql, seededGraph, signedToken, startTestServer, testConfig } from "../helpers/test-graph.ts";
import { post } from "../helpers/post-graphql.ts";
import { asApolloAlone, readsDuring } from "../helpers/reads-during.ts";

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

// Our own read resolvers, which the lane runs through graphql-js's execute: [query, variables, operation name].
const EDGE =
  "id type source target role startDate endDate amount currency amountEur status period purpose properties citations { sourceId title publisher date evidence }";
const NODE = "id type name kind aliases properties";
const CUSTOM: [string, Record<string, unknown>?, string?][] = [
  [`{ shortestPaths(fromId: "org:aurubis", toId: "org:thyssenkrupp") { length nodes { ${NODE} } edges { ${EDGE} } } }`],
  [
    `query Paths($from: ID!, $to: ID!, $n: Int) { shortestPaths(fromId: $from, toId: $to, limit: $n) { length nodes { id } edges { id type } } }`,
    { from: "org:aurubis", to: "cluster:spin", n: 2 },
    "Paths",
  ],
  [`{ neighbourhood(id: "cluster:spin", depth: 2) { nodes { ${NODE} } edges { ${EDGE} } truncated omittedNodes } }`],
  [
    `query N($id: ID!, $types: [EntityType!]) { neighbourhood(id: $id, types: $types, limit: 5) { nodes { ...N } truncated } } fragment N on GraphNode { id name __typename }`,
    { id: "cluster:spin", types: ["Organisation"] },
  ],
  [
    `{ fundingFlows(funderId: "ministry:land-nrw") { root { id } direction funders { id } totals { currency status amount count } unknownAmounts flows { level edge { ${EDGE} } funder { id } recipient { id } via { id } amount currency amountKnown status startDate endDate } recipients { recipient { id } currency amount flows unknownAmounts } subgraph { nodes { id } edges { id } truncated omittedNodes } } }`,
  ],
  [
    `{ a: fundingFlows(funderId: "ministry:mwide", depth: 1) { unknownAmounts } b: fundingFlows(recipientId: "cluster:spin") { totals { amount } } }`,
  ],
  [`{ search(query: "Lunen", limit: 3) { node { id name } score matched } }`],
  [
    `query S($q: String!) { search(query: $q) { node { id } } stats(limit: 3) { nodes relationships labels { label count } mostConnected { node { id } degree } } }`,
    { q: "spin" },
  ],
  [`{ neighbourhood(id: "cluster:spin") @include(if: false) { truncated } stats { nodes } }`],
  [
    `{ p: shortestPaths(fromId: "org:aurubis", toId: "cluster:spin") { __typename len: length nodes { key: id t: __typename type } } s: stats(limit: 2) { n: nodes mostConnected { d: degree } } }`,
  ],
];

const token = (roles: string[]): Promise<string> => signedToken(SECRET, roles);

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

  describe("whole operations without Apollo (fast-operation.ts, graphql-fast-lane.ts)", () => {
    let lane: FastOperations;
    let executions = 0;
    beforeAll(() => {
      const read = (cypher: string, params: Params) => {
        statements++;
        return db.readOnce(cypher, params, { database: "neo4j" });
      };
      // As server/http/mount-graphql.ts builds it for an anonymous query.
      lane = fastOperations(fast, read, {
        context: () => {
          executions++;
          return { ...context(), token: undefined, executionContext: { run: read } };
        },
      });
    });

    // Over the server's page limit (500) is Apollo's to refuse; see "leaves … to Apollo" below.
    const withinLimits = QUERIES.filter((q) => !q.includes("limit: 900"));
    it.each(withinLimits)("answers %s byte for byte as graphql-js, and so does the server", async (query) => {
      const viaLibrary = await execute({ schema: library, document: parse(query), contextValue: context() });
      const before = statements;
      const answer = await lane.answer({ query });
      expect(statements - before).toBeGreaterThan(0);
      expect(answer).toBe(JSON.stringify(viaLibrary));
      const body = JSON.stringify({ query });
      const [laneRes, apolloRes] = await Promise.all([post(http.url, body), post(http.url, body, { chunked: true })]);
      expect(laneRes).toEqual(apolloRes);
      expect(laneRes).toMatchObject({ status: 200, type: "application/json; charset=utf-8", cache: "no-store" });
    });

    it("coerces variables and picks the named operation", async () => {
      const query = `query Two($ids: [ID!], $n: Int) { entities(where: { id: { in: $ids } }, sort: [{ id: ASC }], limit: $n) { __typename id name } }
        query One { people(where: { id: { eq: "person:eric-swehla" } }) { id } }`;
      const variables = { ids: ["org:aurubis", "cluster:spin"], n: 1 };
      const answer = await lane.answer({ query, variables, operationName: "Two" });
      const viaLibrary = await execute({
        schema: library,
        document: parse(query),
        variableValues: variables,
        operationName: "Two",
        contextValue: context(),
      });
      expect(answer).toBe(JSON.stringify(viaLibrary));
      expect(JSON.parse(answer!)).toEqual({
        data: { entities: [{ __typename: "Cluster", id: "cluster:spin", name: expect.any(String) }] },
      });
      expect(await lane.answer({ query, operationName: "One" })).toBe(`{"data":{"people":[{"id":"person:eric-swehla"}]}}`);
    });

    // What the lane leaves to Apollo: whatever is not a plain read of scalars, or would be an error.
    it.each([
      [`mutation { deleteTopics(where: { id: { eq: "x" } }) { nodesDeleted } }`, {}],
      [`{ organisations(limit: 2) { id memberOf { id } } }`, {}],
      [`{ organisations(limit: 2) { ...F } } fragment F on Organisation { id }`, {}],
      [`{ organisations(where: { name: { contains: "Fraun" } }) { id } }`, {}],
      [`{ organisations(limit: 501) { id } }`, {}],
      [`query($n: Int) { organisations(limit: $n) { id } }`, { n: 501 }],
      [`query($n: Int) { organisations(limit: $n) { id } }`, { n: "five" }],
      [`{ organisations(limit: 2) { id nosuchfield } }`, {}],
      [`{ organisations(limit: 2) { id `, {}],
      [`{ organisations(limit: 2) @include(if: true) { id } }`, {}],
      [`{ a: organisations(limit: 1) { id } a: people(limit: 1) { id } }`, {}],
      // Our resolvers: mixed with generated fields, introspection, fragments at the root, a limit.
      [`{ search(query: "Lünen") { node { id } } organisations(limit: 1) { id } }`, {}],
      [`{ __typename }`, {}],
      [`{ ...Q } fragment Q on Query { stats { nodes } }`, {}],
      [`query($n: Int) { search(query: "spin", limit: $n) { node { id } } organisations(limit: $n) { id } }`, { n: 501 }],
    ])("leaves %s to Apollo", async (query, variables) => {
      expect(await lane.answer({ query, variables })).toBeUndefined();
    });

    it('leaves an operation named "" to Apollo', async () => {
      expect(await lane.answer({ query: `{ stats { nodes } }`, operationName: "" })).toBeUndefined();
      expect(await lane.answer({ query: `{ organisations(limit: 1) { id } }`, operationName: "" })).toBeUndefined();
    });

    it.each(CUSTOM)("runs our resolver %s, byte for byte as graphql-js and Apollo answer it", async (query, variables, operationName) => {
      const request = { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) };
      // Written along a plan (fast-complete.ts) unless a fragment or a directive asks for graphql-js.
      expect(lane.way(request)).toBe(/\.\.\.|@include/.test(query) ? "executed" : "written");
      const viaExecute = await execute({
        schema: fast,
        document: parse(query),
        ...(variables ? { variableValues: variables } : {}),
        ...(operationName ? { operationName } : {}),
        contextValue: context(),
      });
      expect(viaExecute.errors).toBeUndefined();
      const before = executions;
      const answer = await lane.answer(request);
      expect(executions - before).toBe(1);
      expect(answer).toBe(JSON.stringify(viaExecute));
      const body = JSON.stringify(request);
      const [laneRes, apolloRes] = await Promise.all([post(http.url, body), post(http.url, body, { chunked: true })]);
      expect(laneRes).toEqual(apolloRes);
      expect(laneRes.status).toBe(200);
      expect(laneRes.body).toBe(`${answer}\n`);
    });

    it("writes the page's own requests (client/api/operations.ts), byte for byte as graphql-js and Apollo answer them", async () => {
      // The page's request bodies, as its api sends them.
      const bodies: GraphqlRequest[] = [];
      vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
        bodies.push(JSON.parse(init.body as string) as GraphqlRequest);
        return new Response(JSON.stringify({ data: {} }), { headers: { "content-type": "application/json" } });
      });
      try {
        const api = createApi("http://page.invalid/graphql");
        await Promise.allSettled([
          api.stats(),
          api.search("spin"),
          api.neighbourhood("cluster:spin", 2),
          api.shortestPaths("org:aurubis", "org:thyssenkrupp"),
          api.fundingFlows({ funderId: "ministry:land-nrw" }),
          api.fundingFlows({ recipientId: "cluster:spin", from: "2019" }),
        ]);
      } finally {
        vi.unstubAllGlobals();
      }
      expect(bodies).toHaveLength(6);
      for (const request of bodies) {
        expect(lane.way(request)).toBe("written");
        const viaExecute = await execute({
          schema: fast,
          document: parse(request.query),
          variableValues: request.variables ?? {},
          contextValue: context(),
        });
        expect(viaExecute.errors).toBeUndefined();
        const answer = await lane.answer(request);
        expect(answer).toBe(JSON.stringify(viaExecute));
        const body = JSON.stringify(request);
        const [laneRes, apolloRes] = await Promise.all([post(http.url, body), post(http.url, body, { chunked: true })]);
        expect(laneRes).toEqual(apolloRes);
        expect(laneRes.body).toBe(`${answer}\n`);
      }
    });

    // An execution with any error is Apollo's to answer: the lane runs it, finds the error, steps aside,
    // and hands Apollo the reads it made, so that Neo4j does the request's work once.
    it.each([
      [`{ shortestPaths(fromId: "org:aurubis", toId: "org:nobody") { length } }`, {}, "NOT_FOUND"],
      [`{ neighbourhood(id: "org:nobody", depth: 2) { truncated } }`, {}, "NOT_FOUND"],
      [`query($id: ID!) { neighbourhood(id: $id, depth: 5) { truncated } }`, { id: "cluster:spin" }, "BAD_USER_INPUT"],
      [`query($id: ID!) { neighbourhood(id: $id) { truncated } }`, {}, null],
      [`query($id: ID!) { neighbourhood(id: $id) { truncated } }`, { id: true }, null],
      [`{ fundingFlows(funderId: "ministry:mwide", from: "01.01.2019") { unknownAmounts } }`, {}, "BAD_USER_INPUT"],
      [`{ fundingFlows(funderId: "ministry:nobody") { unknownAmounts } }`, {}, "NOT_FOUND"],
      [`{ ok: stats { nodes } bad: search(query: "   ") { node { id } } }`, {}, "BAD_USER_INPUT"],
      // The error ends the execution while shortestPaths is between its reads: the lane's copy reads no more.
      [
        `{ a: shortestPaths(fromId: "org:aurubis", toId: "cluster:spin") { length } b: search(query: "   ") { node { id } } }`,
        {},
        "BAD_USER_INPUT",
      ],
    ])("leaves %s with an error to Apollo, which answers from the lane's reads", async (query, variables, code) => {
      // Waited for until its last read: a resolver left running must not read while the server is counted.
      expect((await readsDuring(db, () => lane.answer({ query, variables }))).result).toBeUndefined();
      const { response } = await asApolloAlone(db, http.url, JSON.stringify({ query, variables }));
      const errors = (JSON.parse(response.body) as { errors?: { extensions?: { code?: string } }[] }).errors;
      expect(errors?.length).toBeGreaterThan(0);
      if (code) expect(errors![0]!.extensions?.code).toBe(code);
    });

    it("leaves a null where the schema says non-null to Apollo, which answers from the lane's read", async () => {
      await db.write(`CREATE (:Entity:Organisation {id: "org:lane-nameless", aliases: []})`);
      try {
        const query = `{ organisations(where: { id: { eq: "org:lane-nameless" } }) { id name } }`;
        expect(await lane.answer({ query })).toBeUndefined();
        const { response, reads } = await asApolloAlone(db, http.url, JSON.stringify({ query }));
        expect(reads).toHaveLength(1);
        expect(JSON.parse(response.body)).toMatchObject({ data: null, errors: [{ path: ["organisations", 0, "name"] }] });
      } finally {
        await db.write(`MATCH (n:Entity {id: "org:lane-nameless"}) DELETE n`);
      }
    });

    it("sends the rest on to Apollo with the body it read, and refuses a body that is not JSON as the app does", async () => {
      const over = await post(http.url, JSON.stringify({ query: `{ organisations(limit: 501) { id } }` }));
      expect(over.status).toBe(400);
      expect(JSON.parse(over.body).errors[0].extensions.code).toBe("PAGE_TOO_LARGE");
      const search = await post(http.url, JSON.stringify({ query: `{ search(query: "Lunen", limit: 1) { node { id } } }` }));
      expect(JSON.parse(search.body).data.search).toHaveLength(1);
      const brokenBody = `{"query": "{ organisations { id } }"`;
      const [broken, brokenViaExpress] = await Promise.all([post(http.url, brokenBody), post(http.url, brokenBody, { chunked: true })]);
      expect(broken).toEqual(brokenViaExpress);
      expect(broken.status).toBe(400);
      // Bodies express.json() reads its own way: the lane answers (or hands on) as the app does.
      for (const odd of [
        `"abc"`,
        `  x`,
        `   `,
        `\uFEFF{"query":"{ stats { nodes } }"}`,
        `[1]`,
        `123`,
        `nul`,
        `{}`,
        `{"query":"{ stats { nodes } }"} x`,
      ]) {
        const [viaLane, viaExpress] = await Promise.all([post(http.url, odd), post(http.url, odd, { chunked: true })]);
        expect(viaLane, odd).toEqual(viaExpress);
      }
      expect(JSON.parse(broken.body).error).toMatchObject({
        code: "BAD_USER_INPUT",
        message: expect.stringContaining("in JSON at position"),
      });
      const viaToken = await post(http.url, JSON.stringify({ query: `{ organisations(where: { id: { eq: "org:aurubis" } }) { id } }` }), {
        headers: { authorization: `Bearer ${await token(["reader"])}` },
      });
      expect(JSON.parse(viaToken.body)).toEqual({ data: { organisations: [{ id: "org:aurubis" }] } });
    });
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

  describe("a read that runs out of time", () => {
    // A server whose transactions may take 200 ms, over its own connection with that limit (the
    // analyst resolvers' reads take the Database's), and an index being created in a transaction
    // left open: it holds the schema lock every read through the Entity index waits for, so such a
    // read cannot finish in time, on any machine.
    let slowDb: Database;
    let slow: RunningHttp;
    beforeAll(async () => {
      slowDb = await Database.connect({ ...inject("neo4j"), timeoutMs: 200 });
      slow = await startHttp(slowDb, testConfig({ QUERY_TIMEOUT_MS: "200" }));
      // @neo4j/graphql asks Neo4j its version (dbms.components) the first time one of its resolvers
      // runs; done here, so that the reads counted below are the requests' own.
      const warm = JSON.stringify({ query: `{ shortestPaths(fromId: "org:aurubis", toId: "cluster:spin") { length } }` });
      expect((await post(slow.url, warm, { chunked: true })).status).toBe(200);
    });
    afterAll(async () => {
      await slow.close();
      await slowDb.close();
    });

    it.each([
      `{ entities(where: { id: { eq: "org:aurubis" } }) { id name } }`,
      `{ shortestPaths(fromId: "org:aurubis", toId: "cluster:spin") { length } }`,
    ])("%s: the lane waits for it once and hands its error to Apollo", async (query) => {
      const session = db.driver.session();
      const tx = await session.beginTransaction();
      try {
        await tx.run("CREATE INDEX lane_test_lock IF NOT EXISTS FOR (n:Entity) ON (n.laneTestLock)");
        const { response, reads } = await asApolloAlone(slowDb, slow.url, JSON.stringify({ query }));
        expect(reads).toHaveLength(1);
        expect(JSON.parse(response.body)).toMatchObject({
          data: null,
          errors: [{ extensions: { code: "TIMEOUT" }, message: expect.stringContaining("ran past its time limit") }],
        });
      } finally {
        await tx.rollback();
        await session.close();
      }
    });
  });
});
