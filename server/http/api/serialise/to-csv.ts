/**
 * CSV (RFC 4180, UTF-8, CRLF): a table of rows, and nodes.csv / edges.csv for a graph. Lists and
 * maps are JSON text; null is an empty cell. `pandas.read_csv` and spreadsheets read it as is.
 */
import type { GraphData } from "../../../analysis/graph-data.ts";
import { propertySchema } from "./property-schema.ts";

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(columns: string[], rows: unknown[][]): string {
  return [columns, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}

/** nodes.csv: id, type, then every property; edges.csv: id, type, source, target, then every property. */
export function graphToCsv(graph: GraphData): { nodes: string; edges: string } {
  const nodeProps = propertySchema(graph.nodes, ["id", "type"]).map((s) => s.name);
  const edgeProps = propertySchema(graph.edges, ["id", "type", "source", "target"]).map((s) => s.name);
  return {
    nodes: toCsv(
      ["id", "type", ...nodeProps],
      graph.nodes.map((n) => [n.id, n.type, ...nodeProps.map((p) => n.properties[p])]),
    ),
    edges: toCsv(
      ["id", "type", "source", "target", ...edgeProps],
      graph.edges.map((e) => [e.id, e.type, e.source, e.target, ...edgeProps.map((p) => e.properties[p])]),
    ),
  };
}
