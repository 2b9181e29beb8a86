import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { int, type Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import { neighbourhood } from "../../server/graphql/resolvers/neighbourhood.ts";
import { RELATIONSHIP_TYPES } from "../../seed/model.ts";
import { connectTestDb, fixtureGraph, wipeGraph } from "../helpers/test-graph.ts";

// neighbours, at a neighbourhood's last level, reads the edges among the entities kept; it reads the links of an entity with more than 50 of them (a dense node) by type and
// direction, and those of a sparser one whole. This graph has three such hubs linked to each other and to
// small entities, so that each way of finding an edge is taken: hub→hub from the start (MEMBER_OF: the cluster
// has more members than the hub memberships), hub→hub from the end (FUNDS: the ministry funds more than the
// hub receives), small→hub, hub→small, small→small, a loop, and a type the model does not know.
const FIXTURE = `
CREATE (hub:Entity:Organisation {id: 'org:hub', name: 'Hub'}),
       (cluster:Entity:Cluster {id: 'cluster:big', name: 'Big cluster'}),
       (ministry:Entity:Ministry {id: 'ministry:big', name: 'Big ministry'}),
       (small:Entity:Organisation {id: 'org:small', name: 'Small'}),
       (twin:Entity:Organisation {id: 'org:twin', name: 'Twin'}),
       (place:Entity:Place {id: 'place:town', name: 'Town'})
CREATE (hub)-[:MEMBER_OF {id: 'e:hub-cluster'}]->(cluster),
       (ministry)-[:FUNDS {id: 'e:ministry-hub', amount: 5}]->(hub),
       (ministry)-[:FUNDS {id: 'e:ministry-cluster'}]->(cluster),
       (small)-[:MEMBER_OF {id: 'e:small-cluster'}]->(cluster),
       (hub)-[:SUPPORTS {id: 'e:hub-small'}]->(small),
       (small)-[:SIMILAR_TO {id: 'e:small-twin'}]->(twin),
       (twin)-[:SIMILAR_TO {id: 'e:twin-twin'}]->(twin),
       (cluster)-[:LOCATED_IN {id: 'e:cluster-place'}]->(place),
       (hub)-[:LINKED_TO {id: 'e:hub-ministry-unknown'}]->(ministry)
WITH hub, cluster, ministry
UNWIND range(1, 60) AS i
CREATE (hub)-[:PARTICIPATES_IN {id: 'e:hub-p' + i}]->(:Entity:Project {id: 'project:p' + i, name: 'P' + i}),
       (:Entity:Organisation {id: 'org:m' + i, name: 'M' + i})-[:MEMBER_OF {id: 'e:m-cluster' + i}]->(cluster),
       (ministry)-[:FUNDS {id: 'e:ministry-q' + i}]->(:Entity:Project {id: 'project:q' + i, name: 'Q' + i})
`;

const EDGES_AMONG_KEPT = [
  "e:hub-cluster",
  "e:ministry-hub",
  "e:ministry-cluster",
  "e:small-cluster",
  "e:hub-small",
  "e:small-twin",
  "e:twin-twin",
  "e:cluster-place",
  "e:hub-ministry-unknown",
];
const KEPT = ["org:hub", "cluster:big", "ministry:big", "org:small", "org:twin", "place:town", "project:p1", "org:m1", "project:q1"];

type Row = Record<string, unknown>;
const byId = (rows: Row[]) => [...rows].sort((a, b) => String(a.id).localeCompare(String(b.id)));

/** neighbours with nothing to expand: only the edges among `seen` (what a neighbourhood's last level adds). */
const edgesOnly = (ids: string[], relationshipTypes: string[]) => ({
  sized: { frontier: [], seen: ids, relationshipTypes, labels: [], rootId: null },
  budget: int(0),
  levelsLeft: int(1),
  citations: false,
});

describe("neighbours: the edges among a neighbourhood's entities", () => {
  let db: Database;
  const both = async (ids: string[], relationshipTypes: string[] = []) => {
    const [plain, [row]] = await Promise.all([
      db.read(query("edges-among"), { ids, relationshipTypes }),
      db.read(query("neighbours"), edgesOnly(ids, relationshipTypes)),
    ]);
    return { plain: byId(plain), read: byId(row!.edges as Row[]) };
  };

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it("names every relationship type of the model, so that none is read the slow way", () => {
    const text = query("neighbours");
    // The types read by name are the ones the fallback for other types leaves out (else an edge comes twice).
    const named = /NOT relationshipType IN \[([^\]]*)\]/
      .exec(text)?.[1]
      ?.split(",")
      .map((t) => t.trim().replaceAll("'", ""));
    expect(named?.sort()).toEqual([...RELATIONSHIP_TYPES].sort());
    for (const type of RELATIONSHIP_TYPES) {
      expect(text, type).toContain(`COUNT { (n)-[:${type}]->() }, COUNT { (n)<-[:${type}]-() }`);
      expect(text, type).toContain(`MATCH (a)-[r:${type}]->(far)`);
      expect(text, type).toContain(`MATCH (far)-[r:${type}]->(b)`);
    }
  });

  it("returns edges-among's rows: hub→hub either way, hub↔small, small→small, a loop and an unknown type", async () => {
    const { plain, read } = await both(KEPT);
    expect(read).toEqual(plain);
    expect(read.map((r) => r.id).sort()).toEqual([...EDGES_AMONG_KEPT, "e:hub-p1", "e:m-cluster1", "e:ministry-q1"].sort());
    expect(read.find((r) => r.id === "e:ministry-hub")).toMatchObject({
      type: "FUNDS",
      source: "ministry:big",
      target: "org:hub",
      properties: { amount: 5 },
    });
  });

  it("returns the same rows for every subset of the hubs and small entities, and for each relationship type", async () => {
    const pool = ["org:hub", "cluster:big", "ministry:big", "org:small", "org:twin", "place:town"];
    for (let mask = 1; mask < 1 << pool.length; mask++) {
      const ids = pool.filter((_, i) => mask & (1 << i));
      const { plain, read } = await both(ids);
      expect(read, ids.join(" ")).toEqual(plain);
    }
    for (const type of [...RELATIONSHIP_TYPES, "LINKED_TO"]) {
      const { plain, read } = await both(KEPT, [type]);
      expect(read, type).toEqual(plain);
    }
    const { plain, read } = await both(KEPT, ["FUNDS", "MEMBER_OF"]);
    expect(read).toEqual(plain);
  });

  it("gives a neighbourhood the hub–hub and small–hub edges among the entities it keeps", async () => {
    const hood = await neighbourhood(db, { id: "org:small", depth: 2, limit: 8 });
    const ids = hood.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining(["org:hub", "cluster:big", "ministry:big"]));
    const edges = hood.edges.map((e) => e.id);
    expect(edges).toEqual(expect.arrayContaining(["e:hub-cluster", "e:small-cluster", "e:hub-small", "e:ministry-hub"]));
    const plain = await db.read(query("edges-among"), { ids, relationshipTypes: [] });
    expect([...edges].sort()).toEqual(plain.map((r) => String(r.id)).sort());
  });

  it("is planned from the id index, without a label scan", async () => {
    const session = db.driver.session();
    try {
      const { summary } = await session.run(`EXPLAIN ${query("neighbours")}`, edgesOnly(KEPT, []));
      type Plan = { operatorType: string; children: Plan[] };
      const operators = (p: Plan): string[] => [p.operatorType.replace(/@.*/, ""), ...p.children.flatMap(operators)];
      const planned = operators(summary.plan as unknown as Plan);
      expect(planned).toContain("NodeUniqueIndexSeek");
      expect(planned.filter((o) => /NodeByLabelScan|AllNodesScan|RelationshipTypeScan|AllRelationshipsScan/.test(o))).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
