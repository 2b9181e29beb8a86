/**
 * Exports of what is visible: PNG (Cytoscape's renderer), JSON in the documented plain format
 * ({nodes: [{key, attributes}], edges: [{key, source, target, attributes}]}, as graphology reads it)
 * and CSV (one file per kind, nodes then edges, joined with a blank line).
 */
import type { GraphEdge, GraphNode } from "../api/types.ts";

export function toJsonExport(g: { nodes: GraphNode[]; edges: GraphEdge[] }): string {
  return JSON.stringify(
    {
      attributes: { name: "innograph export", exportedAt: new Date().toISOString() },
      options: { type: "directed", multi: true, allowSelfLoops: true },
      nodes: g.nodes.map((n) => ({
        key: n.id,
        attributes: { type: n.type, name: n.name, kind: n.kind, aliases: n.aliases, ...n.properties },
      })),
      edges: g.edges.map((e) => ({
        key: e.id,
        source: e.source,
        target: e.target,
        attributes: {
          type: e.type,
          role: e.role,
          startDate: e.startDate,
          endDate: e.endDate,
          amount: e.amount,
          currency: e.currency,
          status: e.status,
          citations: e.citations,
        },
      })),
    },
    null,
    2,
  );
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = Array.isArray(v) ? v.join("; ") : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsvExport(g: { nodes: GraphNode[]; edges: GraphEdge[] }): string {
  const nodes = [["id", "type", "name", "kind", "aliases"], ...g.nodes.map((n) => [n.id, n.type, n.name, n.kind, n.aliases])];
  const edges = [
    ["id", "type", "source", "target", "role", "startDate", "endDate", "amount", "currency", "status", "sources"],
    ...g.edges.map((e) => [
      e.id,
      e.type,
      e.source,
      e.target,
      e.role,
      e.startDate,
      e.endDate,
      e.amount,
      e.currency,
      e.status,
      e.citations.map((c) => c.sourceId),
    ]),
  ];
  const rows = (t: unknown[][]) => t.map((r) => r.map(cell).join(",")).join("\n");
  return `${rows(nodes)}\n\n${rows(edges)}\n`;
}

export function download(filename: string, content: string | Blob, type = "text/plain"): void {
  const blob = typeof content === "string" ? new Blob([content], { type }) : content;
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
