import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import type { Database, Params } from "../../server/db/database.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { connectTestDb, fixtureGraph, wipeGraph } from "../helpers/test-graph.ts";

// What the analyst queries read: the edges' citations only when a query selects them, and a
// neighbourhood in one statement a level (its root, edges and citations with the levels).
const FIXTURE = `
CREATE (src:Source {id: "src:a", title: "Annual report", publisher: "Cluster office"}),
       (m:Entity:Ministry {id: "ministry:m", name: "Ministry"}),
       (c:Entity:Cluster {id: "cluster:c", name: "Cluster"}),
       (a:Entity:Organisation {id: "org:a", name: "A", kind: "company"}),
       (b:Entity:Organisation {id: "org:b", name: "B", kind: "company"}),
       (:Entity:Organisation {id: "org:alone", name: "Alone", kind: "company"}),
       (m)-[:FUNDS {id: "e:funds", amount: 100, currency: "EUR", status: "committed", sources: ["src:a"], evidence: ["fördert mit 100 Euro"]}]->(c),
       (a)-[:MEMBER_OF {id: "e:a", role: "founding member", sources: ["src:a"], evidence: ["A gründete den Cluster"]}]->(c),
       (b)-[:MEMBER_OF {id: "e:b", sources: ["src:a"], evidence: ["B ist Mitglied"]}]->(c)
`;

const CITED = "citations { sourceId title evidence }";

describe("analyst queries read what is asked", () => {
  let db: Database;
  let schema: GraphQLSchema;
  let statements: string[] = [];
  /** For each statement, whether it was sent with `citations: true` (neighbours and shortest-paths read the sources themselves then). */
  let asked: boolean[] = [];

  /** Runs a query as GraphQL does; the statements its resolvers sent to Neo4j, by first words, in `statements`. */
  const run = async (query: string) => {
    statements = [];
    asked = [];
    const traced = db.through((cypher: string, params: Params, read) => {
      statements.push(
        cypher
          .replace(/^(\/\/.*\n)+/, "")
          .replace(/\s+/g, " ")
          .slice(0, 40),
      );
      asked.push(params.citations === true);
      return read(cypher, params);
    });
    const result = await execute({ schema, document: parse(query), contextValue: { db: traced } });
    return result as { data?: Record<string, any>; errors?: readonly { message: string; extensions: Record<string, unknown> }[] };
  };
  /** Reads of the sources alone (sources-by-id). */
  const citationReads = () => statements.filter((s) => s.startsWith("MATCH (s:Source)")).length;
  /** Statements that read the sources with their edges (neighbours, shortest-paths with `citations: true`). */
  const citedWithEdges = () => asked.filter(Boolean).length;

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
    schema = await buildSchema(db.driver, undefined);
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it.each([
    ["neighbourhood", `{ neighbourhood(id: "cluster:c") { edges { id } } }`],
    ["shortestPaths", `{ shortestPaths(fromId: "org:a", toId: "org:b") { edges { id } } }`],
    ["fundingFlows", `{ fundingFlows(funderId: "ministry:m") { flows { edge { id } } subgraph { edges { id } } } }`],
  ])("%s without citations selected makes no citations read", async (_name, query) => {
    const { data, errors } = await run(query);
    expect(errors).toBeUndefined();
    expect(JSON.stringify(data)).toContain('"id":"e:');
    expect(statements.length).toBeGreaterThan(0);
    expect(citationReads()).toBe(0);
    expect(citedWithEdges()).toBe(0);
  });

  it.each([
    ["directly", `{ neighbourhood(id: "cluster:c") { edges { id ${CITED} } } }`],
    ["under an alias", `{ n: neighbourhood(id: "cluster:c") { edges { id quoted: ${CITED} } } }`],
    ["in an inline fragment", `{ neighbourhood(id: "cluster:c") { edges { id ... on GraphEdge { ${CITED} } } } }`],
    [
      "in a named fragment",
      `{ neighbourhood(id: "cluster:c") { ...Sub } } fragment Sub on Subgraph { edges { ...E } } fragment E on GraphEdge { id ${CITED} }`,
    ],
    [
      "under @include",
      `query($on: Boolean = true) { neighbourhood(id: "cluster:c") { edges { id citations @include(if: $on) { sourceId title evidence } } } }`,
    ],
  ])("neighbourhood with citations selected %s fills them in its one statement", async (_how, query) => {
    const { data, errors } = await run(query);
    expect(errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(citedWithEdges()).toBe(1);
    expect(citationReads()).toBe(0);
    const edges = (data!.n ?? data!.neighbourhood).edges as { id: string; citations?: unknown; quoted?: unknown }[];
    const founding = edges.find((e) => e.id === "e:a")!;
    expect(founding.citations ?? founding.quoted).toEqual([
      { sourceId: "src:a", title: "Annual report", evidence: "A gründete den Cluster" },
    ]);
  });

  it("shortestPaths with citations selected fills them in its one statement, fundingFlows with one more read", async () => {
    const paths = await run(`{ shortestPaths(fromId: "org:a", toId: "org:b") { edges { id ${CITED} } } }`);
    expect(paths.errors).toBeUndefined();
    expect(paths.data!.shortestPaths[0].edges.map((e: { citations: { evidence: string }[] }) => e.citations[0]!.evidence).sort()).toEqual([
      "A gründete den Cluster",
      "B ist Mitglied",
    ]);
    expect(statements).toHaveLength(1);
    expect(citedWithEdges()).toBe(1);
    expect(citationReads()).toBe(0);
    const flows = await run(`{ fundingFlows(funderId: "ministry:m") { flows { edge { id ${CITED} } } } }`);
    expect(flows.errors).toBeUndefined();
    expect(flows.data!.fundingFlows.flows).toContainEqual({
      edge: { id: "e:funds", citations: [{ sourceId: "src:a", title: "Annual report", evidence: "fördert mit 100 Euro" }] },
    });
    expect(citationReads()).toBe(1);
  });

  it("reads a neighbourhood of depth 1 (root, first level, edges) in one statement", async () => {
    const { data, errors } = await run(
      `{ neighbourhood(id: "cluster:c") { nodes { id name type } edges { id source target } truncated omittedNodes } }`,
    );
    expect(errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    expect(data!.neighbourhood.nodes[0]).toEqual({ id: "cluster:c", name: "Cluster", type: "Cluster" });
    expect(data!.neighbourhood.nodes.map((n: { id: string }) => n.id).sort()).toEqual(["cluster:c", "ministry:m", "org:a", "org:b"]);
    expect(data!.neighbourhood.edges.map((e: { id: string }) => e.id).sort()).toEqual(["e:a", "e:b", "e:funds"]);
    expect(data!.neighbourhood).toMatchObject({ truncated: false, omittedNodes: 0 });
  });

  it("answers an entity without links with itself, a limit of 1 with the root and the rest counted, and an unknown id NOT_FOUND", async () => {
    const alone = await run(`{ neighbourhood(id: "org:alone", depth: 2) { nodes { id } edges { id } truncated } }`);
    expect(alone.errors).toBeUndefined();
    expect(alone.data!.neighbourhood).toEqual({ nodes: [{ id: "org:alone" }], edges: [], truncated: false });
    // No neighbour at the first level: nothing follows it, so it brings the (no) edges.
    expect(statements).toHaveLength(1);

    const one = await run(`{ neighbourhood(id: "cluster:c", depth: 2, limit: 1) { nodes { id } truncated omittedNodes } }`);
    expect(one.errors).toBeUndefined();
    expect(one.data!.neighbourhood).toEqual({ nodes: [{ id: "cluster:c" }], truncated: true, omittedNodes: 3 });
    // The budget was spent before the first level: that level only counts, and brings the edges.
    expect(statements).toHaveLength(1);

    const unknown = await run(`{ neighbourhood(id: "org:nobody", depth: 2) { nodes { id } } }`);
    expect(unknown.errors?.[0]?.message).toBe('no entity with id "org:nobody" (`id`)');
    expect(statements).toHaveLength(1);
  });

  it("keeps the root out of a second level that links back to it, and reads depth 2 in two statements", async () => {
    const { data, errors } = await run(`{ neighbourhood(id: "org:a", depth: 2) { nodes { id } edges { id } } }`);
    expect(errors).toBeUndefined();
    expect(data!.neighbourhood.nodes.map((n: { id: string }) => n.id)).toEqual(["org:a", "cluster:c", ...["ministry:m", "org:b"]]);
    expect(data!.neighbourhood.edges.map((e: { id: string }) => e.id).sort()).toEqual(["e:a", "e:b", "e:funds"]);
    expect(statements).toHaveLength(2);
  });

  it("counts the level after a full budget and takes the edges from it", async () => {
    const { data, errors } = await run(
      `{ neighbourhood(id: "org:a", depth: 3, limit: 2) { nodes { id } edges { id } truncated omittedNodes } }`,
    );
    expect(errors).toBeUndefined();
    // Level 1 keeps cluster:c (the budget is 1); level 2 has no budget, counts its 2 and brings the edges; no level 3.
    expect(data!.neighbourhood).toEqual({
      nodes: [{ id: "org:a" }, { id: "cluster:c" }],
      edges: [{ id: "e:a" }],
      truncated: true,
      omittedNodes: 2,
    });
    expect(statements).toHaveLength(2);
  });
});
