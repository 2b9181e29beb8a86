/**
 * GEXF 1.2 for Gephi and networkx (`nx.read_gexf`): a static directed graph; node label = name,
 * edge label = relationship type; every property a declared, typed attribute (lists as JSON text).
 * The node id and edge id travel as the XML ids.
 */
import type { GraphData } from "../../../analysis/graph-data.ts";
import { attrText, propertySchema, type AttrSpec } from "./property-schema.ts";
import { xmlText } from "./xml-text.ts";

const GEXF_TYPE = { long: "long", double: "double", boolean: "boolean", string: "string", json: "string" } as const;

function declarations(specs: AttrSpec[], cls: "node" | "edge"): string {
  const lines = specs.map((s, i) => `      <attribute id="${i}" title="${xmlText(s.name)}" type="${GEXF_TYPE[s.type]}"/>`);
  return `    <attributes class="${cls}" mode="static">\n${lines.join("\n")}\n    </attributes>\n`;
}

function attvalues(specs: AttrSpec[], props: Record<string, unknown>): string {
  const values = specs
    .map((s, i) => {
      const v = props[s.name];
      return v === null || v === undefined ? "" : `<attvalue for="${i}" value="${xmlText(attrText(s.type, v))}"/>`;
    })
    .join("");
  return values ? `<attvalues>${values}</attvalues>` : "";
}

export function* toGexf(graph: GraphData): Generator<string> {
  const nodeSpecs: AttrSpec[] = [{ name: "type", type: "string" }, ...propertySchema(graph.nodes, ["id", "type"])];
  const edgeSpecs: AttrSpec[] = [{ name: "type", type: "string" }, ...propertySchema(graph.edges, ["id", "type"])];
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ';
  yield 'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n';
  yield "  <meta><creator>innograph</creator><description>North Rhine-Westphalia's innovation clusters</description></meta>\n";
  yield '  <graph mode="static" defaultedgetype="directed">\n';
  yield declarations(nodeSpecs, "node") + declarations(edgeSpecs, "edge");
  yield "    <nodes>\n";
  for (const n of graph.nodes) {
    const label = xmlText(String(n.properties.name ?? n.id));
    yield `      <node id="${xmlText(n.id)}" label="${label}">${attvalues(nodeSpecs, { ...n.properties, type: n.type })}</node>\n`;
  }
  yield "    </nodes>\n    <edges>\n";
  for (const e of graph.edges) {
    const attrs = `id="${xmlText(e.id)}" source="${xmlText(e.source)}" target="${xmlText(e.target)}" label="${xmlText(e.type)}"`;
    yield `      <edge ${attrs}>${attvalues(edgeSpecs, { ...e.properties, type: e.type })}</edge>\n`;
  }
  yield "    </edges>\n  </graph>\n</gexf>\n";
}
