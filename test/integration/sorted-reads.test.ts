import { describe, expect, it } from "vitest";
import { execute, parse } from "graphql";
import { fastAndLibrary } from "../helpers/fast-and-library.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";
import { explainReads } from "../helpers/explain-reads.ts";

/**
 * Sorted pages that read a whole label on the 1M-relationship bench graph: `entities` sorted by name was a
 * UNION of every type's label scan and a sort of all 219k entities (876,884 db hits, ≈ 0.8 s); a ranking by a
 * network measure scanned the type (270,101 db hits). Each GraphQL query is answered once, its statement kept
 * and EXPLAINed (as schema-indexes.test.ts does); the fast path's answers are compared with the library's.
 */
const FIXTURE = `
UNWIND range(0, 299) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Organisation " + i, aliases: [], degree: i % 17, betweenness: toFloat(i % 13), pagerank: i / 300.0}),
       (:Entity:Person {id: "person:" + i, name: "Person " + i, aliases: [], degree: i % 7, betweenness: 0.0, pagerank: i / 600.0}),
       (:Entity:Project {id: "project:" + i, name: "Project " + i, aliases: [], degree: i % 5, betweenness: 0.0, pagerank: i / 900.0})
WITH i WHERE i < 20
CREATE (:Entity:Cluster {id: "cluster:" + i, name: "Cluster " + i, aliases: []}),
       (:Entity:Topic {id: "topic:" + i, name: "Topic " + i, aliases: []})
WITH i WHERE i = 0
// Two entities of different types with one name: where they meet on a page, the order between them is the
// library's (label order), which one statement over the shared label would not reproduce.
CREATE (:Entity:Person {id: "person:twin", name: "Organisation 150", aliases: []}),
       (:Entity:Topic {id: "topic:twin", name: "Organisation 150", aliases: []}),
       (:Entity:Organisation {id: "org:unranked", name: "Unranked", aliases: []})`;

describe("sorted pages read an index in order", () => {
  const t = fastAndLibrary(FIXTURE);
  const { statements, run, context } = t;

  /** The plan of the one statement that answering `query` ran. */
  const planOf = async (query: string): Promise<string[]> => {
    statements.length = 0;
    const result = await execute({ schema: t.fast, document: parse(query), contextValue: context() });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    return explainReads(t.db, statements[0]!);
  };

  it("entities sorted by name or id read the shared Entity index in order, not every type's label and a sort", async () => {
    for (const [field, direction] of [
      ["name", "ASC"],
      ["name", "DESC"],
      ["id", "DESC"],
    ]) {
      expect(await planOf(`{ entities(sort: [{ ${field}: ${direction} }], limit: 50) { id name } }`), `${field} ${direction}`).toEqual([
        `NodeIndexScan RANGE INDEX this:Entity(${field}) WHERE ${field} IS NOT NULL, cache[this.${field}]`,
      ]);
    }
  });

  it("organisations, people and projects ranked by a measure they are bounded by read the measure's index in order", async () => {
    for (const [field, label] of [
      ["organisations", "Organisation"],
      ["people", "Person"],
      ["projects", "Project"],
    ]) {
      for (const measure of ["degree", "betweenness", "pagerank"]) {
        const plan = await planOf(`{ ${field}(where: { ${measure}: { gte: 0 } }, sort: [{ ${measure}: DESC }], limit: 10) { id } }`);
        expect(plan, `${field} ${measure}`).toEqual([
          expect.stringMatching(`^NodeIndexSeekByRange RANGE INDEX this:${label}\\(${measure}\\)`),
        ]);
      }
    }
  });

  // Pages before, on and after the three entities named "Organisation 150" (an organisation, a person and a
  // topic: 79th to 81st by name), past the end, and at the @limit max.
  const QUERIES = [
    `{ entities(sort: [{ name: ASC }], limit: 50) { __typename id name aliases } }`,
    `{ entities(sort: [{ name: DESC }]) { t: __typename id label: name } }`,
    `{ entities(sort: [{ name: ASC }], offset: 10, limit: 5) { __typename id name } }`,
    `{ entities(sort: [{ name: ASC }], offset: 75, limit: 3) { __typename id name } }`,
    `{ entities(sort: [{ name: ASC }], offset: 78, limit: 3) { __typename id name } }`,
    `{ entities(sort: [{ name: ASC }], offset: 81, limit: 3) { __typename id name } }`,
    `{ entities(sort: [{ name: DESC }], offset: 860, limit: 5) { __typename id } }`,
    `{ entities(sort: [{ name: DESC }], offset: 939, limit: 5) { id } }`,
    `{ entities(sort: [{ name: DESC }], offset: 942, limit: 5) { id } }`,
    `{ entities(sort: [{ name: DESC }], offset: 943, limit: 5) { id } }`,
    `{ entities(sort: [{ name: DESC }], offset: 5000) { id } }`,
    `{ entities(sort: [{ name: ASC }, { id: DESC }], offset: 75, limit: 10) { __typename id name } }`,
    `{ entities(sort: [{ name: ASC }], limit: 900) { __typename id } }`,
    `{ entities(sort: [{ id: DESC }], offset: 1, limit: 7) { __typename id sources description } }`,
  ];

  it.each(QUERIES)("answers %s as the library does", async (query) => {
    statements.length = 0;
    const viaFast = await execute({ schema: t.fast, document: parse(query), contextValue: context() });
    const taken = statements.filter((s) => !s.cypher.startsWith("CYPHER")).length;
    const viaLibrary = await execute({ schema: t.library, document: parse(query), contextValue: context() });
    expect(viaFast.errors).toBeUndefined();
    expect(JSON.stringify(viaFast)).toBe(JSON.stringify(viaLibrary));
    expect(taken).toBe(1);
    // The lane (whole operations without Apollo) gives the same bytes, or leaves the query to Apollo.
    const lane = fastOperations(t.fast, run);
    const answer = await lane.answer({ query });
    if (answer !== undefined) expect(answer).toBe(JSON.stringify(viaLibrary));
  });

  it("leaves a page to the library where two rows tie on the sort key, on the page or next to it", async () => {
    const lane = fastOperations(t.fast, run);
    const twins = (rows: { id: string }[]) => rows.filter((r) => r.id.endsWith(":twin") || r.id === "org:150").length;
    for (const [offset, expectLibrary] of [
      [0, false],
      [75, false],
      [76, true],
      [78, true],
      [80, true],
      [81, false],
    ] as const) {
      const query = `{ entities(sort: [{ name: ASC }], offset: ${offset}, limit: 3) { id } }`;
      statements.length = 0;
      const viaFast = await execute({ schema: t.fast, document: parse(query), contextValue: context() });
      const library = statements.filter((s) => s.cypher.startsWith("CYPHER")).length;
      expect(library, `offset ${offset}`).toBe(expectLibrary ? 1 : 0);
      expect(await lane.answer({ query }), `offset ${offset}`).toBe(expectLibrary ? undefined : JSON.stringify(viaFast));
      if (!expectLibrary) expect(twins((viaFast.data as { entities: { id: string }[] }).entities)).toBe(0);
    }
  });
});
