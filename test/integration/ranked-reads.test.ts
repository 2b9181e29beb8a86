import { describe, expect, it } from "vitest";
import { execute, parse } from "graphql";
import type { QueryResult } from "neo4j-driver";
import type { Params } from "../../server/db/database.ts";
import { fastAndLibrary } from "../helpers/fast-and-library.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";
import { startTestServer } from "../helpers/test-graph.ts";
import { explainReads } from "../helpers/explain-reads.ts";
import { post } from "../helpers/post-graphql.ts";

/**
 * Rankings by a network measure without a bound (`organisations(sort: [{ degree: DESC }], limit: 20)`): on the
 * 1M-relationship bench graph they read the whole type (270,041 db hits, 30–40 ms), because Cypher orders a
 * missing measure first when descending and no index holds the nodes that lack one. The fast path reads the
 * measure's index in order when no node of the type lacks it (or, ascending, when a row follows the page), and
 * leaves the page to the library on a tie or where a node without the measure may belong on it.
 *
 * Organisations and people all have their measures; one project has none. Organisations' degree and
 * betweenness tie everywhere, their pagerank nowhere; people's degree is unique, their pagerank ties in fours.
 */
const FIXTURE = `
UNWIND range(0, 199) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Organisation " + i, aliases: [], degree: i % 17, betweenness: toFloat(i % 13), pagerank: i / 200.0}),
       (:Entity:Person {id: "person:" + i, name: "Person " + i, aliases: [], degree: i, betweenness: toFloat(i % 3), pagerank: (i % 50) / 100.0}),
       (:Entity:Project {id: "project:" + i, name: "Project " + i, aliases: [], degree: 1000 - i, betweenness: 0.0, pagerank: i / 900.0})
WITH i WHERE i = 0
CREATE (:Entity:Project {id: "project:unranked", name: "Unranked", aliases: []})`;

/** The check of whether a label has a node lacking the measure (ranked-reads.ts, confirmed). */
const isCheck = (cypher: string) => cypher.startsWith("CALL () { MATCH (n:");

describe("rankings by a measure read its index in order", () => {
  const t = fastAndLibrary(FIXTURE);
  const { statements, run, context } = t;

  const answer = async (query: string) => {
    const result = await t.answer(query);
    expect(result.viaFast.errors).toBeUndefined();
    return result;
  };

  it("ranks each large type by each measure from the measure's index, without reading the type", async () => {
    for (const [field, label] of [
      ["organisations", "Organisation"],
      ["people", "Person"],
      ["projects", "Project"],
    ]) {
      for (const measure of ["degree", "betweenness", "pagerank"]) {
        for (const direction of ["DESC", "ASC"]) {
          const query = `{ ${field}(sort: [{ ${measure}: ${direction} }], limit: 20) { id } }`;
          const { ran } = await answer(query);
          const page = ran.filter((s) => !s.cypher.startsWith("CYPHER") && !isCheck(s.cypher));
          expect(page, query).toHaveLength(1);
          expect(await explainReads(t.db, page[0]!), query).toEqual([
            `NodeIndexScan RANGE INDEX this:${label}(${measure}) WHERE ${measure} IS NOT NULL, cache[this.${measure}]`,
          ]);
        }
      }
    }
  });

  it("counts a type's nodes and its measure's values from the count store and the index", async () => {
    // A write (of anything) makes a new version of the graph: the next ranking checks again.
    await t.db.write(`MATCH (o:Organisation {id: "org:0"}) SET o.touched = true`);
    const { ran } = await answer(`{ organisations(sort: [{ pagerank: DESC }], limit: 1) { id } }`);
    const checks = ran.filter((s) => isCheck(s.cypher));
    expect(checks).toHaveLength(1);
    // The label's count comes from the count store (NodeCountFromCountStore), which reads no node.
    expect(await explainReads(t.db, checks[0]!)).toEqual(["NodeIndexScan RANGE INDEX n:Organisation(pagerank) WHERE pagerank IS NOT NULL"]);
  });

  // [query, answered by the library (a tie, or a node without the measure may be on the page)]
  const QUERIES: [string, boolean][] = [
    [`{ organisations(sort: [{ pagerank: DESC }], limit: 10) { __typename id pagerank degree } }`, false],
    [`{ organisations(sort: [{ pagerank: DESC }], offset: 5, limit: 10) { id name pagerank } }`, false],
    [`{ organisations(sort: [{ pagerank: ASC }], offset: 190, limit: 20) { id pagerank } }`, false],
    [`{ organisations(sort: [{ pagerank: DESC }], offset: 500) { id } }`, false],
    [`{ organisations(where: { id: { in: ["org:3", "org:150", "org:77"] } }, sort: [{ pagerank: DESC }]) { id } }`, false],
    [`{ organisations(sort: [{ degree: DESC }], limit: 5) { id degree } }`, true],
    [`{ organisations(sort: [{ betweenness: ASC }], offset: 20, limit: 5) { id betweenness } }`, true],
    [`{ organisations(sort: [{ degree: DESC }, { id: ASC }], limit: 10) { id degree } }`, false],
    [`{ people(sort: [{ degree: DESC }], limit: 10) { id degree } }`, false],
    [`{ people(sort: [{ pagerank: DESC }], limit: 10) { id pagerank } }`, true],
    [`{ people(sort: [{ pagerank: DESC }, { degree: DESC }], offset: 3, limit: 10) { id pagerank degree } }`, false],
    [`{ projects(sort: [{ pagerank: DESC }], limit: 10) { id pagerank } }`, true],
    [`{ projects(sort: [{ degree: ASC }], limit: 10) { id degree } }`, false],
    [`{ projects(sort: [{ degree: ASC }], offset: 195, limit: 10) { id degree } }`, true],
    [`{ projects(sort: [{ degree: ASC }], offset: 300) { id } }`, true],
  ];

  it.each(QUERIES)("answers %s as the library does (by the library: %s)", async (query, byLibrary) => {
    const result = await answer(query);
    expect(JSON.stringify(result.viaFast)).toBe(JSON.stringify(result.viaLibrary));
    expect(result.byLibrary).toBe(byLibrary);
    // The lane gives the same bytes, or leaves the query to Apollo when the library must answer it.
    const lane = await fastOperations(t.fast, run).answer({ query });
    expect(lane).toBe(byLibrary ? undefined : JSON.stringify({ data: result.viaLibrary.data }));
  });

  it("leaves a descending ranking to the library when the read's version of the graph is unknown", async () => {
    const unversioned = async (cypher: string, params: Params): Promise<QueryResult> => {
      statements.push({ cypher, params });
      const session = t.db.driver.session();
      try {
        return await session.run(cypher, params);
      } finally {
        await session.close();
      }
    };
    const contextValue = { executionContext: { run: unversioned }, fastRead: unversioned, sessionConfig: {} };
    for (const [query, byLibrary] of [
      [`{ people(sort: [{ degree: DESC }], limit: 10) { id } }`, true],
      [`{ people(sort: [{ degree: ASC }], limit: 10) { id } }`, false],
    ] as const) {
      statements.length = 0;
      const viaFast = await execute({ schema: t.fast, document: parse(query), contextValue });
      expect(
        statements.some((s) => s.cypher.startsWith("CYPHER")),
        query,
      ).toBe(byLibrary);
      const viaLibrary = await execute({ schema: t.library, document: parse(query), contextValue: context() });
      expect(JSON.stringify(viaFast), query).toBe(JSON.stringify(viaLibrary));
    }
  });

  it("after a write adds a node without the measure, ranks through the library, and from the index again once it has one", async () => {
    const query = `{ organisations(sort: [{ pagerank: DESC }], limit: 5) { id pagerank } }`;
    const lane = fastOperations(t.fast, run);
    const ids = (r: Awaited<ReturnType<typeof answer>>) =>
      (r.viaFast.data as { organisations: { id: string }[] }).organisations.map((o) => o.id);
    try {
      const before = await answer(query);
      expect(before.byLibrary).toBe(false);
      expect(ids(before)).toEqual(["org:199", "org:198", "org:197", "org:196", "org:195"]);

      await t.db.write(`CREATE (:Entity:Organisation {id: "org:new", name: "New", aliases: []})`);
      const lacking = await answer(query);
      expect(JSON.stringify(lacking.viaFast)).toBe(JSON.stringify(lacking.viaLibrary));
      expect(lacking.byLibrary).toBe(true);
      expect(ids(lacking)[0]).toBe("org:new");
      expect(await lane.answer({ query })).toBeUndefined();

      await t.db.write(`MATCH (o:Organisation {id: "org:new"}) SET o.pagerank = 2.0`);
      const ranked = await answer(query);
      expect(JSON.stringify(ranked.viaFast)).toBe(JSON.stringify(ranked.viaLibrary));
      expect(ranked.byLibrary).toBe(false);
      expect(ids(ranked)).toEqual(["org:new", "org:199", "org:198", "org:197", "org:196"]);
      expect(await lane.answer({ query })).toBe(JSON.stringify({ data: ranked.viaLibrary.data }));

      // A measure removed from a node that had one: no count changes, the version does.
      await t.db.write(`MATCH (o:Organisation {id: "org:42"}) REMOVE o.pagerank`);
      const removed = await answer(query);
      expect(JSON.stringify(removed.viaFast)).toBe(JSON.stringify(removed.viaLibrary));
      expect(removed.byLibrary).toBe(true);
      expect(ids(removed)[0]).toBe("org:42");
    } finally {
      await t.db.write(`MATCH (o:Organisation {id: "org:new"}) DETACH DELETE o`);
      await t.db.write(`MATCH (o:Organisation {id: "org:42"}) SET o.pagerank = 42 / 200.0`);
    }
  });

  it("answers over HTTP as Apollo does, to the byte, before and after a write adds a node without the measure", async () => {
    const http = await startTestServer(t.db);
    try {
      const body = JSON.stringify({ query: `{ organisations(sort: [{ pagerank: DESC }], limit: 3) { id pagerank } }` });
      const same = async () => {
        const [lane, apollo] = [await post(http.url, body), await post(http.url, body, { chunked: true })];
        expect(lane).toEqual(apollo);
        return JSON.parse(lane.body) as { data: { organisations: { id: string }[] } };
      };
      expect((await same()).data.organisations.map((o) => o.id)).toEqual(["org:199", "org:198", "org:197"]);
      await t.db.write(`CREATE (:Entity:Organisation {id: "org:new", name: "New", aliases: []})`);
      expect((await same()).data.organisations[0]!.id).toBe("org:new");
    } finally {
      await http.close();
      await t.db.write(`MATCH (o:Organisation {id: "org:new"}) DETACH DELETE o`);
    }
  });
});
