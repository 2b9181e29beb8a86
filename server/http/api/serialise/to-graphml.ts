/**
 * GraphML for Gephi, yEd and networkx (`nx.read_graphml`): a directed graph whose nodes and edges
 * carry the XML id and every property as a declared, typed <data> value (lists as JSON text).
 * `label` (the name; the type for edges) is added for Gephi's display.
 */
import type { GraphData } from "../../../analysis/graph-data.ts";
import { attrText, propertySchema, type AttrSpec } from "./property-schema.ts";
import { xmlText } from "./xml-text.ts";

const GRAPHML_TYPE = { long: "long", double: "double", boolean: "boolean", string: "string", json: "string" } as const;

function keys(specs: AttrSpec[], domain: "node" | "edge", prefix: string): string[] {
  return specs.map(
    (s, i) => `  <key id="${prefix}${i}" for="${domain}" attr.name="${xmlText(s.name)}" attr.type="${GRAPHML_TYPE[s.type]}"/>`,
  );
}

function data(specs: AttrSpec[], prefix: string, props: Record<string, unknown>): string {
  return specs
    .map((s, i) => {
      const v = props[s.name];
      return v === null || v === undefined ? "" : `<data key="${prefix}${i}">${xmlText(attrText(s.type, v))}</data>`;
    })
    .join("");
}

export function* toGraphml(graph: GraphData): Generator<string> {
  const nodeSpecs: AttrSpec[] = [
    { name: "label", type: "string" },
    { name: "type", type: "string" },
    ...propertySchema(graph.nodes, ["id", "label", "type"]),
  ];
  const edgeSpecs: AttrSpec[] = [
    { name: "label", type: "string" },
    { name: "type", type: "string" },
    ...propertySchema(graph.edges, ["id", "label", "type"]),
  ];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ';
  yield 'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  yield [...keys(nodeSpecs, "node", "n"), ...keys(edgeSpecs, "edge", "e")].join("\n") + "\n";
  yield '  <graph id="innograph" edgedefault="directed">\n';
  for (const n of graph.nodes) {
    const props = { ...n.properties, label: n.properties.name ?? n.id, type: n.type };
    yield `    <node id="${xmlText(n.id)}">${data(nodeSpecs, "n", props)}</node>\n`;
  }
  for (const e of graph.edges) {
    const props = { ...e.properties, label: e.type, type: e.type };
    yield `    <edge id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}">${data(edgeSpecs, "e", props)}</edge>\n`;
  }
  yield "  </graph>\n</graphml>\n";
}
