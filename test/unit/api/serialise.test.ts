import { describe, expect, it } from "vitest";
import { inflateRawSync } from "node:zlib";
import type { GraphData } from "../../../server/analysis/graph-data.ts";
import { crc32 } from "../../../server/http/api/serialise/crc32.ts";
import { writeZip } from "../../../server/http/api/serialise/write-zip.ts";
import { csvCell, graphToCsv, toCsv } from "../../../server/http/api/serialise/to-csv.ts";
import { toGraphml } from "../../../server/http/api/serialise/to-graphml.ts";
import { toGexf } from "../../../server/http/api/serialise/to-gexf.ts";
import { toNodeLink } from "../../../server/http/api/serialise/to-node-link.ts";
import { propertySchema } from "../../../server/http/api/serialise/property-schema.ts";

const GRAPH: GraphData = {
  nodes: [
    {
      id: "org:a&b",
      type: "Organisation",
      properties: { id: "org:a&b", name: 'A & "B" <GmbH>', aliases: ["A&B", "AB"], degree: 2, pagerank: 0.5 },
      integerKeys: ["degree"],
    },
    {
      id: "cluster:x",
      type: "Cluster",
      properties: { id: "cluster:x", name: "X", aliases: ["X"], degree: 1, active: true },
      integerKeys: ["degree"],
    },
  ],
  edges: [
    {
      id: "e:1",
      type: "FUNDS",
      source: "cluster:x",
      target: "org:a&b",
      properties: { id: "e:1", amount: 15000000, currency: "EUR", sources: ["s1", "s2"], evidence: ["line one\nline two", "b"] },
      integerKeys: [],
    },
  ],
};

describe("property schema", () => {
  it("types each property from its values: INTEGER as long, other numbers double, lists as JSON, mixes widened", () => {
    expect(propertySchema(GRAPH.nodes, ["id"])).toEqual([
      { name: "active", type: "boolean" },
      { name: "aliases", type: "json" },
      { name: "degree", type: "long" },
      { name: "name", type: "string" },
      { name: "pagerank", type: "double" },
    ]);
    const mixed = propertySchema([
      { properties: { n: 1 }, integerKeys: ["n"] },
      { properties: { n: 1.5 }, integerKeys: [] },
      { properties: { s: 1 }, integerKeys: [] },
      { properties: { s: "one" }, integerKeys: [] },
    ]);
    expect(mixed).toEqual([
      { name: "n", type: "double" },
      { name: "s", type: "string" },
    ]);
  });
});

describe("node-link JSON", () => {
  it("has networkx's shape: directed multigraph, nodes with id and type, links with source, target, key and type", () => {
    const data = toNodeLink(GRAPH);
    expect(data).toMatchObject({ directed: true, multigraph: true, graph: { integerProperties: { nodes: ["degree"], links: [] } } });
    expect(data.nodes[0]).toEqual({
      id: "org:a&b",
      type: "Organisation",
      name: 'A & "B" <GmbH>',
      aliases: ["A&B", "AB"],
      degree: 2,
      pagerank: 0.5,
    });
    expect(data.links[0]).toMatchObject({
      source: "cluster:x",
      target: "org:a&b",
      key: "e:1",
      type: "FUNDS",
      id: "e:1",
      sources: ["s1", "s2"],
    });
  });
});

describe("GraphML", () => {
  const xml = [...toGraphml(GRAPH)].join("");
  it("declares every attribute with a GraphML type before the graph", () => {
    expect(xml).toMatch(/<key id="n\d+" for="node" attr.name="degree" attr.type="long"\/>/);
    expect(xml).toMatch(/<key id="n\d+" for="node" attr.name="active" attr.type="boolean"\/>/);
    expect(xml).toMatch(/<key id="e\d+" for="edge" attr.name="amount" attr.type="double"\/>/);
    expect(xml.indexOf("<key")).toBeLessThan(xml.indexOf("<graph "));
    expect(xml).toContain('edgedefault="directed"');
  });
  it("escapes markup in ids and values and writes lists as JSON text", () => {
    expect(xml).toContain('<node id="org:a&amp;b">');
    expect(xml).toContain("A &amp; &quot;B&quot; &lt;GmbH&gt;");
    expect(xml).toContain("[&quot;A&amp;B&quot;,&quot;AB&quot;]");
    expect(xml).toContain("line one\\nline two");
    expect(xml).not.toMatch(/<data key="[^"]+">(?:[^<]*)<GmbH>/);
  });
});

describe("GEXF", () => {
  const xml = [...toGexf(GRAPH)].join("");
  it("declares node and edge attributes and labels nodes by name, edges by type", () => {
    expect(xml).toContain('<gexf xmlns="http://www.gexf.net/1.2draft"');
    expect(xml).toMatch(/<attributes class="node" mode="static">[\s\S]*title="degree" type="long"/);
    expect(xml).toMatch(/<attributes class="edge" mode="static">[\s\S]*title="sources" type="string"/);
    expect(xml).toContain('<node id="org:a&amp;b" label="A &amp; &quot;B&quot; &lt;GmbH&gt;">');
    expect(xml).toContain('<edge id="e:1" source="cluster:x" target="org:a&amp;b" label="FUNDS">');
  });
});

describe("CSV", () => {
  it("quotes cells with commas, quotes or line breaks, and writes lists as JSON", () => {
    expect(csvCell('say "hi", then')).toBe('"say ""hi"", then"');
    expect(csvCell(["a", "b"])).toBe('"[""a"",""b""]"');
    expect(csvCell(null)).toBe("");
    expect(toCsv(["a", "b"], [[1, "x\ny"]])).toBe('a,b\r\n1,"x\ny"\r\n');
  });
  it("writes nodes.csv and edges.csv with fixed leading columns and every property", () => {
    const { nodes, edges } = graphToCsv(GRAPH);
    expect(nodes.split("\r\n")[0]).toBe("id,type,active,aliases,degree,name,pagerank");
    expect(edges.split("\r\n")[0]).toBe("id,type,source,target,amount,currency,evidence,sources");
    expect(edges.split("\r\n")[1]).toMatch(/^e:1,FUNDS,cluster:x,org:a&b,15000000,EUR,/);
  });
});

describe("zip", () => {
  it("computes CRC-32 as zip and gzip do", () => {
    expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
  it("writes deflated entries whose headers, sizes and CRCs a reader can check", () => {
    const zip = writeZip([
      { name: "nodes.csv", data: "id\r\nä,ö\r\n" },
      { name: "edges.csv", data: "x".repeat(10_000) },
    ]);
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(2);
    let at = zip.readUInt32LE(end + 16);
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      const crc = zip.readUInt32LE(at + 16);
      const packed = zip.readUInt32LE(at + 20);
      const size = zip.readUInt32LE(at + 24);
      const nameLength = zip.readUInt16LE(at + 28);
      const local = zip.readUInt32LE(at + 42);
      const name = zip.subarray(at + 46, at + 46 + nameLength).toString();
      const data = inflateRawSync(zip.subarray(local + 30 + nameLength, local + 30 + nameLength + packed));
      expect(data.length).toBe(size);
      expect(crc32(data)).toBe(crc);
      expect(zip.readUInt32LE(local + 14)).toBe(crc);
      seen.push(name);
      at += 46 + nameLength;
    }
    expect(seen).toEqual(["nodes.csv", "edges.csv"]);
  });
});
