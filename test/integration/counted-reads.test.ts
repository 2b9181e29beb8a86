import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import type { Database, Params } from "../../server/db/database.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { explainReads } from "../helpers/explain-reads.ts";

/**
 * Counts without a filter (`organisationsConnection { totalCount }`): the library counts the nodes that carry
 * both of a type's labels (`MATCH (this0:Organisation&Entity)`), which the count store cannot, so it reads
 * every one (1M-relationship bench graph: 180,003 db hits). The fast path answers from the count store while
 * every node of the type's own label is known, at that version of the graph, to carry the other labels.
 */
const FIXTURE = `
UNWIND range(0, 119) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Organisation " + i, aliases: []})
WITH i WHERE i < 30
CREATE (:Entity:Person {id: "person:" + i, name: "Person " + i, aliases: []})`;

describe("counts without a filter come from the count store", () => {
  let db: Database;
  let fast: GraphQLSchema;
  let library: GraphQLSchema;
  const statements: { cypher: string; params: Params }[] = [];
  const run = (cypher: string, params: Params = {}) => {
    statements.push({ cypher, params });
    return db.readOnce(cypher, params);
  };
  const context = () => ({ executionContext: { run }, fastRead: run, sessionConfig: {} });

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
    [fast, library] = await Promise.all([buildSchema(db.driver, undefined), buildSchema(db.driver, undefined, { fastReads: false })]);
  });
  afterAll(async () => db.close());

  const answer = async (query: string) => {
    statements.length = 0;
    const viaFast = await execute({ schema: fast, document: parse(query), contextValue: context() });
    const ran = [...statements];
    const viaLibrary = await execute({ schema: library, document: parse(query), contextValue: context() });
    expect(viaFast.errors).toBeUndefined();
    expect(JSON.stringify(viaFast)).toBe(JSON.stringify(viaLibrary));
    return { ran, byLibrary: ran.some((s) => s.cypher.startsWith("CYPHER")), data: viaFast.data };
  };

  it.each([
    `{ organisationsConnection { totalCount } }`,
    `{ organisationsConnection { aggregate { count { nodes } } } }`,
    `{ a: organisationsConnection { __typename n: totalCount aggregate { __typename count { __typename nodes } } } }`,
    `{ peopleConnection { totalCount } projectsConnection { totalCount aggregate { count { nodes } } } }`,
  ])("answers %s as the library does, from the count store", async (query) => {
    // Twice: the first may check the labels (once per version of the graph), the second only counts.
    await answer(query);
    const { ran, byLibrary } = await answer(query);
    expect(byLibrary).toBe(false);
    for (const s of ran) {
      expect(s.cypher).toMatch(/^MATCH \(n:\w+\) RETURN count\(n\) AS count$/);
      expect(await explainReads(db, s)).toEqual([]);
    }
  });

  it.each([
    `{ organisationsConnection(where: { name: { eq: "Organisation 3" } }) { totalCount } }`,
    `{ organisationsConnection(first: 5) { totalCount } }`,
    `{ organisationsConnection { totalCount edges { node { id } } } }`,
    `{ organisationsConnection { aggregate { count { nodes edges } } } }`,
    `{ organisationsConnection { aggregate { node { name { longest } } } } }`,
    `{ entitiesConnection { aggregate { count { nodes } } } }`,
  ])("leaves %s to the library", async (query) => {
    expect((await answer(query)).byLibrary).toBe(true);
  });

  it("leaves counts to the library while a node of the type's label lacks the shared one, and the lane to Apollo", async () => {
    const query = `{ organisationsConnection { totalCount } }`;
    expect(await fastOperations(fast, run).answer({ query })).toBeUndefined();
    try {
      await db.write(`CREATE (:Organisation {id: "org:alone", name: "Alone", aliases: []})`);
      const lacking = await answer(query);
      expect(lacking.byLibrary).toBe(true);
      expect(lacking.data).toEqual({ organisationsConnection: { totalCount: 120 } });
    } finally {
      await db.write(`MATCH (o:Organisation {id: "org:alone"}) DETACH DELETE o`);
    }
    await db.write(`CREATE (:Entity:Organisation {id: "org:new", name: "New", aliases: []})`);
    const counted = await answer(query);
    expect(counted.byLibrary).toBe(false);
    expect(counted.data).toEqual({ organisationsConnection: { totalCount: 121 } });
  });
});
