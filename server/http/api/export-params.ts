/**
 * Reads GET /api/export's query string: format (graphml, gexf, json, csv), ids (comma-separated),
 * depth (0 to 3, with ids), types (entity labels). Throws a ValidationError naming the parameter.
 */
import { NODE_LABELS } from "../../../seed/model.ts";
import { ValidationError } from "../../errors.ts";
import type { GraphSelection } from "../../analysis/read-graph.ts";

export const EXPORT_FORMATS = ["graphml", "gexf", "json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  format: ExportFormat;
  selection: GraphSelection;
}

function one(query: Record<string, unknown>, name: string): string | undefined {
  const v = query[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string") throw new ValidationError(`export: give \`${name}\` once, as text`);
  return v;
}

function list(raw: string | undefined): string[] | undefined {
  return raw === undefined
    ? undefined
    : raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
}

export function parseExportRequest(query: Record<string, unknown>): ExportRequest {
  const known = ["format", "ids", "depth", "types"];
  const unknown = Object.keys(query).filter((k) => !known.includes(k));
  if (unknown.length)
    throw new ValidationError(`export: unknown parameter \`${unknown[0]}\`; expecting ${known.map((k) => `\`${k}\``).join(", ")}`);
  const format = (one(query, "format") ?? "json").toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new ValidationError(`export: unknown format ${JSON.stringify(format)}; expecting one of ${EXPORT_FORMATS.join(", ")}`);
  }
  const ids = list(one(query, "ids"));
  if (ids !== undefined && ids.length === 0)
    throw new ValidationError("export: `ids` is empty; give entity ids separated by commas, or leave it out for the whole graph");
  if (ids && ids.length > 1000) throw new ValidationError(`export: \`ids\` names ${ids.length} entities; the limit is 1000`);
  const rawDepth = one(query, "depth");
  let depth = 0;
  if (rawDepth !== undefined) {
    if (!ids) throw new ValidationError("export: `depth` needs `ids`, the entities whose neighbourhood to export");
    depth = Number(rawDepth);
    if (!/^\d+$/.test(rawDepth) || depth > 3)
      throw new ValidationError(`export: \`depth\` must be a whole number from 0 to 3, got ${JSON.stringify(rawDepth)}`);
  }
  const types = list(one(query, "types")) ?? [];
  const bad = types.filter((t) => !(NODE_LABELS as readonly string[]).includes(t));
  if (bad.length)
    throw new ValidationError(`export: unknown type ${JSON.stringify(bad[0])} in \`types\`; expecting some of ${NODE_LABELS.join(", ")}`);
  return { format: format as ExportFormat, selection: { ...(ids ? { ids } : {}), depth, types } };
}
