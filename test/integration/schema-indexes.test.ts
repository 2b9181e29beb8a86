import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import type { Database, Params } from "../../server/db/database.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { explainReads } from "../helpers/explain-reads.ts";

/**
 * The name indexes of cypher/schema.cypher against the Cypher the API really runs (@neo4j/graphql's, or the fast
 * path's for a plain sort): each GraphQL query is answered once, its statement kept and EXPLAINed. On the
 * 1M-relationship bench graph a `contains` read the whole organisation name index (90,000 entries) or every
 * person, and 50 people sorted by name read 62,786 entries of the shared Entity name index.
 */
const FIXTURE = `
UNWIND range(0, 299) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Organisation " + i + CASE i % 3 WHEN 0 THEN " GmbH" ELSE " AG" END}),
       (:Entity:Person {id: "person:" + i, name: "Person " + i}),
       (:Entity:Project {id: "project:" + i, name: "Project " + i})
WITH i WHERE i < 20
CREATE (:Entity:Cluster {id: "cluster:" + i, name: "Cluster " + i})`;

describe("name indexes for the API's name filters and sorts", () => {
  let db: Database;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
    // Plans are chosen by the indexes' samples: sampled on this fixture (not on what an earlier test file left), and
    // no plan kept from before it.
    await db.autoCommit("CALL db.prepareForReplanning(60000)");
    schema = await buildSchema(db.driver, undefined);
  });
  afterAll(async () => db.close());

  /** The plan of the one statement that answering `query` ran. */
  const planOf = async (query: string): Promise<string[]> => {
    const statements: { cypher: string; params: Params }[] = [];
    const run = (cypher: string, params: Params = {}) => {
      statements.push({ cypher, params });
      return db.readOnce(cypher, params);
    };
    const result = await execute({
      schema,
      document: parse(query),
      contextValue: { executionContext: { run }, fastRead: run, sessionConfig: {} },
    });
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
    return explainReads(db, statements[0]!);
  };

  it("organisations, people and projects filtered by a name substring seek their type's TEXT index", async () => {
    for (const [field, label] of [
      ["organisations", "Organisation"],
      ["people", "Person"],
      ["projects", "Project"],
    ]) {
      expect(await planOf(`{ ${field}(where: { name: { contains: "12" } }) { id name } }`), field).toEqual([
        `NodeIndexContainsScan TEXT INDEX this:${label}(name) WHERE name CONTAINS $param0`,
      ]);
    }
    expect(await planOf(`{ organisations(where: { name: { endsWith: "7 AG" } }) { id } }`)).toEqual([
      "NodeIndexEndsWithScan TEXT INDEX this:Organisation(name) WHERE name ENDS WITH $param0",
    ]);
  });

  it("entities filtered by a name substring seek the TEXT index in the branch of each large type", async () => {
    const plan = await planOf(`{ entities(where: { name: { contains: "GmbH" } }) { id name } }`);
    expect(plan).toEqual(
      expect.arrayContaining([
        "NodeIndexContainsScan TEXT INDEX this0:Organisation(name) WHERE name CONTAINS $param0",
        "NodeIndexContainsScan TEXT INDEX this1:Person(name) WHERE name CONTAINS $param1",
        "NodeIndexContainsScan TEXT INDEX this4:Project(name) WHERE name CONTAINS $param4",
      ]),
    );
    // No name index read whole; the types without one (a few hundred nodes at most) are scanned.
    expect(plan.filter((r) => !r.startsWith("NodeIndexContainsScan"))).toEqual([
      "NodeByLabelScan this2:Cluster",
      "NodeByLabelScan this3:Ministry",
      "NodeByLabelScan this5:Topic",
      "NodeByLabelScan this6:Place",
      "NodeByLabelScan this7:Source",
    ]);
  });

  it("people, projects and organisations sorted by name read their own type's name index in order, not the shared Entity one", async () => {
    for (const [field, label] of [
      ["people", "Person"],
      ["projects", "Project"],
      ["organisations", "Organisation"],
    ]) {
      for (const direction of ["ASC", "DESC"]) {
        expect(await planOf(`{ ${field}(sort: [{ name: ${direction} }], limit: 50) { id name } }`), `${field} ${direction}`).toEqual([
          `NodeIndexScan RANGE INDEX this:${label}(name) WHERE name IS NOT NULL, cache[this.name]`,
        ]);
      }
    }
  });
});
