import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { analyseGraph } from "../../server/analysis/analyse-graph.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { connectTestDb, gql, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { runCli } from "../helpers/run-cli.ts";

describe("the network measures", () => {
  let db: Database;
  let http: RunningHttp;
  let counts: { nodes: number; relationships: number };
  const measures = (id: string) =>
    db
      .read(
        "MATCH (n:Entity {id: $id}) RETURN n.degree AS degree, n.weightedDegree AS weightedDegree, n.betweenness AS betweenness, n.pagerank AS pagerank, n.community AS community",
        { id },
      )
      .then((r) => r[0]!);

  beforeAll(async () => {
    db = await connectTestDb();
    counts = await seededGraph(db);
    http = await startTestServer(db);
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  it("stores degree, weightedDegree, betweenness, pagerank and community on every entity, adding no node or relationship", async () => {
    const summary = await analyseGraph(db);
    expect(summary.nodes).toBe(counts.nodes);
    expect(summary.betweenness).toMatchObject({ exact: true });
    expect(summary.betweenness.sources).toBeLessThanOrEqual(summary.betweenness.actors);
    expect(summary.communities).toBeGreaterThan(1);
    expect(await countGraph(db)).toEqual(counts);
    const [missing] = await db.read("MATCH (n:Entity) WHERE n.degree IS NULL OR n.weightedDegree IS NULL RETURN count(n) AS n");
    expect(missing?.n).toBe(0);
    const [types] = await db.read(
      "MATCH (n:Entity {id: 'org:aurubis'}) RETURN valueType(n.degree) AS degree, valueType(n.community) AS community, valueType(n.pagerank) AS pagerank",
    );
    expect(types).toEqual({ degree: "INTEGER NOT NULL", community: "INTEGER NOT NULL", pagerank: "FLOAT NOT NULL" });
  });

  it("counts relationships as degree and known EUR funding received as weightedDegree", async () => {
    const [row] = await db.read("MATCH (n:Entity {id: 'cluster:its-owl'}) RETURN COUNT { (n)--() } AS degree");
    expect((await measures("cluster:its-owl")).degree).toBe(row?.degree);
    expect((await measures("cluster:its-owl")).weightedDegree).toBe(53_000_000);
    expect((await measures("cluster:spin")).weightedDegree).toBe(15_000_000);
    expect((await measures("cluster:smart-value")).weightedDegree).toBe(0);
    expect((await measures("ministry:mwide")).weightedDegree).toBe(0);
  });

  it("ranks the smart vaLUE board members as brokers and leaves topics and places out of the actor measures", async () => {
    const eric = await measures("person:eric-swehla");
    const aurubis = await measures("org:aurubis");
    expect(eric.betweenness as number).toBeGreaterThan(0);
    expect(aurubis.betweenness).toBe(0);
    const topic = await db.read("MATCH (n:Topic) RETURN n.betweenness AS b, n.pagerank AS p, n.community AS c LIMIT 1");
    expect(topic[0]).toEqual({ b: null, p: null, c: null });
    const [sum] = await db.read("MATCH (n:Entity) WHERE n.pagerank IS NOT NULL RETURN sum(n.pagerank) AS total");
    expect(sum?.total as number).toBeCloseTo(1, 5);
  });

  it("finds the same communities on every run", async () => {
    const first = await db.read("MATCH (n:Entity) RETURN n.id AS id, n.community AS c ORDER BY id");
    await analyseGraph(db);
    expect(await db.read("MATCH (n:Entity) RETURN n.id AS id, n.community AS c ORDER BY id")).toEqual(first);
  });

  it("exposes the measures through GraphQL and ranks brokers by betweenness in the named query", async () => {
    const r = await gql<{ organisations: { id: string; degree: number; pagerank: number; community: number }[] }>(
      http.url,
      `{ organisations(where: { id: { eq: "org:aurubis" } }) { id degree weightedDegree betweenness pagerank community } }`,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.organisations[0]).toMatchObject({
      id: "org:aurubis",
      degree: expect.any(Number),
      pagerank: expect.any(Number),
      community: expect.any(Number),
    });
    const res = await fetch(`${http.url}/api/queries/cluster-brokers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ minClusters: 1, limit: 5 }),
    });
    const body = (await res.json()) as { rows: unknown[][]; columns: string[] };
    const col = body.columns.indexOf("betweenness");
    const values = body.rows.map((row) => row[col] as number);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it("stores the same sampled betweenness estimate on every run, saying from how many sources", async () => {
    const betweenness = () => db.read("MATCH (n:Entity) WHERE n.betweenness IS NOT NULL RETURN n.id AS id, n.betweenness AS b ORDER BY id");
    const summary = await analyseGraph(db, { betweennessSources: 10 });
    expect(summary.betweenness).toEqual({ actors: summary.betweenness.actors, sources: 10, exact: false });
    const first = await betweenness();
    await analyseGraph(db, { betweennessSources: 10 });
    expect(await betweenness()).toEqual(first);
    await analyseGraph(db);
    expect(await betweenness()).not.toEqual(first);
  });

  it("runs as npm run analyse against the given Neo4j", async () => {
    await db.write("MATCH (n:Entity) REMOVE n.degree, n.pagerank");
    const { uri, user, password } = inject("neo4j");
    const r = await runCli("server/analyse-cli.ts", [], { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/analyse: stored degree, weightedDegree, betweenness, pagerank and community on \d+ nodes/);
    expect(r.stdout).toMatch(/betweenness exact \(\d+ sources\)/);
    expect((await measures("org:aurubis")).degree).toEqual(expect.any(Number));
  });
});
