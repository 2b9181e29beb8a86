import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, Params } from "../../server/db/database.ts";
import { int } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";

/**
 * Named queries that once read every entity (or every LOCATED_IN, or every two-hop path) to answer about a few:
 * each is PROFILEd on a small fixture, where the old statement's scans showed the whole graph, and its answer
 * is checked.
 */
const FIXTURE = `
CREATE (c1:Entity:Cluster {id: "cluster:one", name: "Cluster One"}),
       (c2:Entity:Cluster {id: "cluster:two", name: "Cluster Two"}),
       (c3:Entity:Cluster {id: "cluster:three", name: "Cluster Three"}),
       (c4:Entity:Cluster {id: "cluster:one-again", name: "Cluster One"}),
       (h:Entity:Organisation {id: "org:h", name: "Broker H", betweenness: 0.5}),
       (a:Entity:Organisation {id: "org:a", name: "Broker A"}),
       (e:Entity:Organisation {id: "org:e", name: "Duplicate E"}),
       (f:Entity:Organisation {id: "org:f", name: "Topical F"}),
       (g:Entity:Organisation {id: "org:g", name: "Member G"}),
       (k:Entity:Organisation {id: "org:k", name: "Member K"}),
       (p:Entity:Project {id: "project:p", name: "Project P"}),
       (q:Entity:Person {id: "person:q", name: "Person Q"}),
       (m:Entity:Ministry {id: "ministry:m", name: "Ministry M"}),
       (t:Entity:Topic {id: "topic:t", name: "Topic T"}),
       (region:Entity:Place {id: "place:region", name: "Region", kind: "region"}),
       (town:Entity:Place {id: "place:town", name: "Town", kind: "city"}),
       (h)-[:MEMBER_OF {id: "r1"}]->(c1), (h)-[:MEMBER_OF {id: "r2"}]->(c2),
       (a)-[:MEMBER_OF {id: "r3"}]->(c3), (a)-[:PARTICIPATES_IN {id: "r4"}]->(p), (p)-[:PART_OF {id: "r5"}]->(c1),
       (q)-[:BOARD_MEMBER_OF {id: "r6"}]->(h),
       (e)-[:SIMILAR_TO {id: "r7"}]->(h),
       (c1)-[:FOCUSES_ON {id: "r8"}]->(t), (f)-[:FOCUSES_ON {id: "r9"}]->(t),
       (g)-[:MEMBER_OF {id: "r10"}]->(c2), (g)-[:SIMILAR_TO {id: "r11"}]->(c3),
       (m)-[:FUNDS {id: "r12"}]->(c1), (m)-[:FUNDS {id: "r13"}]->(c2),
       (k)-[:MEMBER_OF {id: "r14"}]->(c1), (k)-[:MEMBER_OF {id: "r15"}]->(c4),
       (h)-[:LOCATED_IN {id: "r16"}]->(town), (town)-[:PART_OF {id: "r17"}]->(region),
       (a)-[:LOCATED_IN {id: "r18"}]->(region), (c1)-[:LOCATED_IN {id: "r19"}]->(town)`;

type Plan = { operatorType: string; rows?: number; arguments: { Details?: string }; children: Plan[] };
const flatten = (p: Plan): Plan[] => [p, ...p.children.flatMap(flatten)];
const isScan = (p: Plan): boolean => /Scan/.test(p.operatorType);
const describeScan = (p: Plan): string => `${p.operatorType.replace(/@.*/, "")} ${p.arguments.Details ?? ""}`;

describe("named queries that read only what they answer about", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
  });
  afterAll(async () => db.close());

  const plan = async (mode: "EXPLAIN" | "PROFILE", name: string, params: Params): Promise<Plan[]> => {
    const session = db.driver.session();
    try {
      const { summary } = await session.run(`${mode} ${query(name)}`, params);
      return flatten((mode === "PROFILE" ? summary.profile : summary.plan) as unknown as Plan);
    } finally {
      await session.close();
    }
  };
  /** The scans that produced rows, with what they read. */
  const scansThatRead = async (name: string, params: Params): Promise<string[]> =>
    (await plan("PROFILE", name, params)).filter((p) => isScan(p) && (p.rows ?? 0) > 0).map(describeScan);

  // Starting from every actor and walking two hops read a hub's links once for each of its neighbours: 49M db hits,
  // 4.6 s on the 100k-relationship benchmark graph (0.3M from the clusters out).
  it("cluster-brokers starts from the clusters, not from every entity", async () => {
    const scans = (await plan("EXPLAIN", "cluster-brokers", { minClusters: int(2), limit: int(10) })).filter(isScan).map(describeScan);
    expect(scans).toEqual(["NodeByLabelScan c:Cluster"]);
  });

  it("cluster-brokers finds actors tied to clusters directly or through one actor, not through a topic or a likely duplicate", async () => {
    const rows = await db.read(query("cluster-brokers"), { minClusters: int(1), limit: int(100) });
    const found = rows.map((r) => [r.id, r.clusterCount, [...(r.clusters as string[])].sort()]);
    expect(found).toEqual([
      // Ranked by betweenness first, then by the number of clusters and the name.
      ["org:h", 2, ["Cluster One", "Cluster Two"]],
      ["org:a", 2, ["Cluster One", "Cluster Three"]],
      ["ministry:m", 2, ["Cluster One", "Cluster Two"]],
      ["person:q", 2, ["Cluster One", "Cluster Two"]],
      ["project:p", 2, ["Cluster One", "Cluster Three"]],
      // Two clusters of one name count once; a SIMILAR_TO to a cluster is no tie.
      ["org:g", 1, ["Cluster Two"]],
      ["org:k", 1, ["Cluster One"]],
    ]);
    const two = await db.read(query("cluster-brokers"), { minClusters: int(2), limit: int(2) });
    expect(two.map((r) => r.id)).toEqual(["org:h", "org:a"]);
  });

  // A type given as a value made Neo4j read every entity and test its labels: exporting the 25 clusters of the
  // 1M-relationship benchmark graph read its 220,000 entities.
  it("graph-nodes, graph-edges and central-entities read only the entities of the types asked for", async () => {
    const clustersAndMinistries = { labels: ["Cluster", "Ministry"], limit: int(1000) };
    for (const name of ["graph-nodes", "graph-edges", "central-entities"]) {
      const scans = await scansThatRead(name, clustersAndMinistries);
      expect(scans.length, name).toBeGreaterThan(0);
      for (const scan of scans) expect(scan, name).toMatch(/ n:(Cluster|Ministry)&Entity$| a:(Cluster|Ministry)&Entity$/);
    }
    const nodes = await db.read(query("graph-nodes"), clustersAndMinistries);
    expect(nodes.map((n) => [n.id, n.type])).toEqual([
      ["cluster:one", "Cluster"],
      ["cluster:one-again", "Cluster"],
      ["cluster:three", "Cluster"],
      ["cluster:two", "Cluster"],
      ["ministry:m", "Ministry"],
    ]);
    const edges = await db.read(query("graph-edges"), clustersAndMinistries);
    expect(edges.map((e) => [e.id, e.type, e.source, e.target])).toEqual([
      ["r12", "FUNDS", "ministry:m", "cluster:one"],
      ["r13", "FUNDS", "ministry:m", "cluster:two"],
    ]);
    const central = await db.read(query("central-entities"), { labels: ["Ministry", "Topic"], limit: int(10) });
    expect(central.map((n) => n.id)).toEqual(["ministry:m", "topic:t"]);
  });

  it("graph-nodes, graph-edges and central-entities still read every entity for all types, or for a type outside the model", async () => {
    const all = await db.read(query("graph-nodes"), { labels: [], limit: int(1000) });
    expect(all).toHaveLength(16);
    expect(await db.read(query("graph-edges"), { labels: [], limit: int(1000) })).toHaveLength(19);
    expect(await db.read(query("central-entities"), { labels: [], limit: int(1000) })).toHaveLength(16);
    const outside = await db.read(query("graph-nodes"), { labels: ["Topic", "NotAType"], limit: int(1000) });
    expect(outside.map((n) => n.id)).toEqual(["topic:t"]);
  });

  // One OPTIONAL MATCH joined a cluster's members with every entity located in any place: one small cluster read
  // every LOCATED_IN of the graph (and every place and cluster).
  it("members-by-region seeks the clusters asked for and follows their members' places from the members", async () => {
    expect(await scansThatRead("members-by-region", { ids: ["cluster:one"], limit: int(100) })).toEqual([]);
    const rows = await db.read(query("members-by-region"), { ids: ["cluster:one"], limit: int(100) });
    expect(rows.map((r) => [r.clusterId, r.region, r.memberCount, [...(r.members as string[])].sort()])).toEqual([
      ["cluster:one", "Region", 1, ["Broker H"]],
      ["cluster:one", "Town", 1, ["Broker H"]],
      ["cluster:one", "unknown", 1, ["Member K"]],
    ]);
    const all = await db.read(query("members-by-region"), { ids: [], limit: int(100) });
    expect(all.map((r) => [r.clusterId, r.region, r.memberCount])).toEqual([
      ["cluster:one", "Region", 1],
      ["cluster:one", "Town", 1],
      ["cluster:one", "unknown", 1],
      ["cluster:one-again", "unknown", 1],
      ["cluster:three", "Region", 1],
      ["cluster:two", "Region", 1],
      ["cluster:two", "Town", 1],
      ["cluster:two", "unknown", 1],
    ]);
  });
});
