import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inflateRawSync } from "node:zlib";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { importNodeLink } from "../../server/analysis/import-node-link.ts";
import { analyseGraph } from "../../server/analysis/analyse-graph.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { connectTestDb, seededGraph, startTestServer, wipeGraph } from "../helpers/test-graph.ts";

type NodeLink = { directed: boolean; multigraph: boolean; nodes: Record<string, unknown>[]; links: Record<string, unknown>[] };

/** Every entity and relationship with all its properties and the type of each value, as Neo4j stores them. */
async function snapshot(db: Database) {
  const nodes = await db.read(`MATCH (n:Entity) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
    [k IN keys(n) | [k, valueType(n[k])]] AS types ORDER BY id`);
  const edges =
    await db.read(`MATCH (a)-[r]->(b) RETURN r.id AS id, type(r) AS type, a.id AS source, b.id AS target, properties(r) AS props,
    [k IN keys(r) | [k, valueType(r[k])]] AS types ORDER BY id`);
  const sortLabels = (rows: Record<string, unknown>[]) =>
    rows.map((r) => ({
      ...r,
      ...(r.labels ? { labels: [...(r.labels as string[])].sort() } : {}),
      types: [...(r.types as string[][])].sort(),
    }));
  return { nodes: sortLabels(nodes), edges: sortLabels(edges) };
}

/** The entries of a zip file, read with its central directory. */
function unzip(buf: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    out.set(name, inflateRawSync(buf.subarray(start, start + size)).toString("utf8"));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return out;
}

describe("GET /api/export and the node-link import", () => {
  let db: Database;
  let http: RunningHttp;
  let counts: { nodes: number; relationships: number };
  const get = (query: string) => fetch(`${http.url}/api/export${query}`);

  beforeAll(async () => {
    db = await connectTestDb();
    counts = await seededGraph(db);
    await analyseGraph(db);
    http = await startTestServer(db);
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  describe("bad input", () => {
    it("answers 400 naming an unknown format, type, depth or parameter, and 404 for unknown ids; then still serves", async () => {
      const cases: [string, number, string][] = [
        ["?format=pdf", 400, 'unknown format "pdf"; expecting one of graphml, gexf, json, csv'],
        ["?types=Company", 400, 'unknown type "Company"'],
        ["?ids=org:aurubis&depth=7", 400, "`depth` must be a whole number from 0 to 3"],
        ["?depth=1", 400, "`depth` needs `ids`"],
        ["?format=json&colour=red", 400, "unknown parameter `colour`"],
        ["?ids=org:aurubis,org:nobody", 404, '"org:nobody"'],
      ];
      for (const [query, status, message] of cases) {
        const res = await get(query);
        expect(res.status, query).toBe(status);
        expect(((await res.json()) as { error: { message: string } }).error.message, query).toContain(message);
      }
      expect((await get("?format=json")).status).toBe(200);
    });
  });

  it("exports node-link JSON in networkx's shape with every property, lists as lists", async () => {
    const res = await get("?format=json");
    expect(res.headers.get("content-disposition")).toContain("innograph.json");
    const data = (await res.json()) as NodeLink;
    expect(data).toMatchObject({ directed: true, multigraph: true });
    expect(data.nodes).toHaveLength(counts.nodes);
    expect(data.links).toHaveLength(counts.relationships);
    const aurubis = data.nodes.find((n) => n.id === "org:aurubis")!;
    expect(aurubis).toMatchObject({ type: "Organisation", name: "Aurubis AG", aliases: expect.any(Array), degree: expect.any(Number) });
    const spin = data.links.find((l) => l.key === "e:mwide-funds-spin")!;
    expect(spin).toMatchObject({
      source: "ministry:mwide",
      target: "cluster:spin",
      type: "FUNDS",
      amount: 15_000_000,
      currency: "EUR",
      sources: expect.any(Array),
      evidence: expect.any(Array),
    });
  });

  it("exports a neighbourhood of given ids to a depth, optionally only some types", async () => {
    const one = (await (await get("?ids=cluster:spin&depth=1")).json()) as NodeLink;
    expect(one.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["cluster:spin", "ministry:mwide"]));
    expect(one.links.every((l) => one.nodes.some((n) => n.id === l.source) && one.nodes.some((n) => n.id === l.target))).toBe(true);
    const two = (await (await get("?ids=cluster:spin&depth=2")).json()) as NodeLink;
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    const typed = (await (await get("?ids=cluster:spin&depth=2&types=Ministry,Cluster")).json()) as NodeLink;
    expect(typed.nodes.every((n) => n.type === "Ministry" || n.type === "Cluster")).toBe(true);
    const only = (await (await get("?ids=org:aurubis,cluster:smart-value")).json()) as NodeLink;
    expect(only.nodes).toHaveLength(2);
    expect(only.links.map((l) => l.key)).toContain("e:aurubis-member-of-smart-value");
  });

  it("exports GraphML and GEXF with declared, typed attributes and escaped text", async () => {
    const graphml = await (await get("?format=graphml&types=Cluster,Ministry")).text();
    expect(graphml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml xmlns="http:\/\/graphml.graphdrawing.org\/xmlns"/);
    expect(graphml).toMatch(/<key id="n\d+" for="node" attr.name="aliases" attr.type="string"\/>/);
    expect(graphml).toMatch(/<key id="e\d+" for="edge" attr.name="amount" attr.type="double"\/>/);
    expect(graphml).toMatch(/<key id="n\d+" for="node" attr.name="degree" attr.type="long"\/>/);
    expect(graphml).toContain('<edge id="e:mwide-funds-spin" source="ministry:mwide" target="cluster:spin">');
    expect(graphml).toContain("[&quot;");
    const gexf = await (await get("?format=gexf")).text();
    expect(gexf).toContain('<gexf xmlns="http://www.gexf.net/1.2draft"');
    expect(gexf).toMatch(/<attribute id="\d+" title="pagerank" type="double"\/>/);
    expect(gexf).toContain('<node id="org:aurubis" label="Aurubis AG">');
  });

  it("exports CSV as a zip of nodes.csv and edges.csv", async () => {
    const res = await get("?format=csv");
    expect(res.headers.get("content-type")).toBe("application/zip");
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    expect([...files.keys()]).toEqual(["nodes.csv", "edges.csv"]);
    const nodes = files.get("nodes.csv")!.trim().split("\r\n");
    expect(nodes[0]!.startsWith("id,type,")).toBe(true);
    expect(files.get("edges.csv")!.split("\r\n")[0]!.startsWith("id,type,source,target,")).toBe(true);
    expect(nodes.some((l) => l.startsWith("org:aurubis,Organisation,"))).toBe(true);
  });

  it("round-trips: an exported graph imported into an empty database is the same graph, every property and type", async () => {
    const before = await snapshot(db);
    const data = (await (await get("?format=json")).json()) as NodeLink;
    await wipeGraph(db);
    expect(await countGraph(db)).toEqual({ nodes: 0, relationships: 0 });
    await expect(importNodeLink(db, data)).resolves.toEqual(counts);
    const after = await snapshot(db);
    expect(after.nodes).toHaveLength(before.nodes.length);
    expect(after).toEqual(before);
  });

  it("refuses an import with an unknown label or relationship type and writes nothing", async () => {
    const before = await countGraph(db);
    await expect(importNodeLink(db, { nodes: [{ id: "x:1", type: "Spaceship" }], links: [] })).rejects.toThrow(
      /type "Spaceship"; expecting one of Organisation/,
    );
    await expect(
      importNodeLink(db, { nodes: [{ id: "x:1", type: "Topic" }], links: [{ source: "x:1", target: "x:1", key: "l1", type: "LIKES" }] }),
    ).rejects.toThrow(/type "LIKES"/);
    await expect(
      importNodeLink(db, {
        nodes: [{ id: "x:1", type: "Topic" }],
        links: [{ source: "x:1", target: "x:nowhere", key: "l1", type: "PART_OF" }],
      }),
    ).rejects.toThrow(/neither in the file nor in the graph; nothing was written/);
    expect(await countGraph(db)).toEqual(before);
  });
});
