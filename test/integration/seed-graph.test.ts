import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { seedDatabase } from "../../seed/seed-database.ts";
import { connectTestDb, seededGraph, SEED_DIR, wipeGraph } from "../helpers/test-graph.ts";

/** Every node and relationship with all properties, sorted: equal snapshots mean an unchanged graph. */
async function snapshot(db: Database): Promise<string> {
  const nodes = await db.read("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS p ORDER BY id");
  const rels = await db.read("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS p ORDER BY r.id, a, t, b");
  const sortKeys = (o: unknown) =>
    JSON.stringify(o, (_k, v) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort()) : v));
  return sortKeys({ nodes: nodes.map((n) => ({ ...n, labels: (n.labels as string[]).sort() })), rels });
}

describe("the seed graph in a real Neo4j", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
    await seededGraph(db);
  });
  afterAll(async () => db.close());

  it("refuses a seed with a bad record and leaves the database exactly as it was", async () => {
    const before = await snapshot(db);
    const dir = await mkdtemp(path.join(os.tmpdir(), "innograph-bad-seed-"));
    try {
      await cp(SEED_DIR, dir, { recursive: true });
      const edgesFile = path.join(dir, "data", "edges.json");
      const edges = JSON.parse(await readFile(edgesFile, "utf8")) as Record<string, unknown>[];
      edges.push({ ...edges[0], id: "e:broken", to: "org:does-not-exist" });
      edges[1] = { ...edges[1], startDate: "im Juni" };
      await writeFile(edgesFile, JSON.stringify(edges));
      await expect(seedDatabase(db, dir)).rejects.toMatchObject({
        code: "BAD_USER_INPUT",
        message: expect.stringContaining('edge "e:broken"'),
      });
      await expect(seedDatabase(db, dir)).rejects.toThrow(/field "to": points at unknown node "org:does-not-exist"/);
      await expect(seedDatabase(db, dir)).rejects.toThrow(/field "startDate"/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await snapshot(db)).toBe(before);
  });

  it("refuses a seed file that is not JSON, naming the file", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "innograph-bad-json-"));
    try {
      await cp(SEED_DIR, dir, { recursive: true });
      await writeFile(path.join(dir, "data", "nodes.json"), '[{"id": "org:x",');
      await expect(seedDatabase(db, dir)).rejects.toThrow(/nodes\.json is not valid JSON/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("applies the schema twice without error or change", async () => {
    const indexes = async () => (await db.read("SHOW INDEXES YIELD name RETURN name ORDER BY name")).map((r) => r.name);
    const first = await indexes();
    await applySchema(db);
    expect(await applySchema(db)).toMatchObject({ created: 0 });
    expect(await indexes()).toEqual(first);
    expect(first).toEqual(expect.arrayContaining(["entity_id", "entity_search", "organisation_id", "source_id"]));
  });

  it("creates only what is missing: a dropped index comes back, nothing else is run", async () => {
    await db.autoCommit("DROP INDEX organisation_kind");
    const { statements, created } = await applySchema(db);
    expect(created).toBe(1);
    expect(statements).toBeGreaterThan(10);
    const [row] = await db.read("SHOW INDEXES YIELD name, state WHERE name = 'organisation_kind' RETURN state");
    expect(row?.state).toBe("ONLINE");
  });

  it("loads the seed twice with equal counts and equal properties", async () => {
    const before = await snapshot(db);
    const counts = await countGraph(db);
    await seedDatabase(db, SEED_DIR);
    expect(await countGraph(db)).toEqual(counts);
    expect(await snapshot(db)).toBe(before);
  });

  it("knows who chairs smart vaLUE's association, with the quoted evidence", async () => {
    const rows = await db.read(
      "MATCH (p:Person)-[r:BOARD_MEMBER_OF]->(o:Organisation {id: 'org:smart-value-ev'}) RETURN p.name AS name, r.role AS role, r.evidence AS evidence ORDER BY r.role, name",
    );
    expect(rows.find((r) => r.role === "chair")).toMatchObject({ name: "Eric Swehla" });
    expect((rows.find((r) => r.role === "chair")!.evidence as string[]).join(" ")).toContain(
      "Zum Vorsitzenden des Trägervereins wurde WZL-Geschäftsführer Eric Swehla gewählt.",
    );
    expect(rows.filter((r) => r.role === "vice-chair").map((r) => r.name)).toEqual(["Michael Simon", "Wolfgang Neuhaus"]);
  });

  it("holds SPIN's state funding with amount, currency, period, status and both quotes", async () => {
    const [row] = await db.read("MATCH (m:Ministry)-[r:FUNDS]->(:Cluster {id: 'cluster:spin'}) RETURN m.id AS funder, properties(r) AS r");
    expect(row?.funder).toBe("ministry:mwide");
    expect(row?.r).toMatchObject({ amount: 15000000, currency: "EUR", status: "committed", period: "im ersten Jahr" });
    expect((row?.r as { evidence: string[] }).evidence).toContain(
      "Das Wirtschaftsministerium fördert die neue Plattform im ersten Jahr mit 15 Millionen Euro.",
    );
  });

  it("keeps intended funding apart from committed funding", async () => {
    const rows = await db.read(
      "MATCH (:Ministry {id: 'ministry:mwide'})-[r:FUNDS]->(:Cluster {id: 'cluster:smart-value'}) RETURN r.status AS status, r.amount AS amount ORDER BY status",
    );
    expect(rows).toEqual([
      { status: "intended", amount: null },
      { status: "proposed", amount: null },
    ]);
  });

  it("knows the nine organisations that founded SPIN", async () => {
    const rows = await db.read(
      "MATCH (o:Organisation)-[r:MEMBER_OF]->(:Cluster {id: 'cluster:spin'}) WHERE r.role CONTAINS 'founding' RETURN o.name AS name ORDER BY name",
    );
    expect(rows.map((r) => r.name)).toHaveLength(9);
    expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(["Siemens", "STEAG", "Thyssenkrupp", "Zenit"]));
  });

  it("finds Lünen for Lunen and REMONDIS for remondis through the full-text index", async () => {
    const find = async (q: string) =>
      (await db.read("CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.id AS id", { q })).map((r) => r.id);
    expect(await find("lunen")).toContain("place:luenen");
    expect(await find("luenen")).toContain("place:luenen");
    expect(await find("remondis")).toContain("org:remondis-production");
  });

  it("records every variant spelling as an alias of one node", async () => {
    const [row] = await db.read("MATCH (n:Entity) WHERE 'REMONDIS Productions' IN n.aliases RETURN n.id AS id, n.aliases AS aliases");
    expect(row?.id).toBe("org:remondis-production");
    expect(row?.aliases).toEqual(expect.arrayContaining(["Remondis Production"]));
    const [value] = await db.read("MATCH (n:Cluster {id: 'cluster:smart-value'}) RETURN n.aliases AS aliases");
    expect(value?.aliases).toEqual(expect.arrayContaining(["smart vaLUE", "smart vaLue", "vaLUE"]));
  });

  it("starts empty after a wipe and fills again from the seed", async () => {
    await wipeGraph(db);
    expect(await countGraph(db)).toEqual({ nodes: 0, relationships: 0 });
    const loaded = await seedDatabase(db, SEED_DIR);
    expect(await countGraph(db)).toEqual({ nodes: loaded.nodes, relationships: loaded.relationships });
  });
});
