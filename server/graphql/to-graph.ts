/** Maps rows of the named queries (node maps, edge maps) to the API's GraphNode and GraphEdge. */
import { NODE_LABELS } from "../../seed/model.ts";

export interface GraphNode {
  id: string;
  type: string;
  name: string;
  kind: string | null;
  aliases: string[];
  properties: Record<string, unknown>;
}

export interface Citation {
  sourceId: string;
  title: string | null;
  publisher: string | null;
  date: string | null;
  evidence: string;
}

export interface GraphEdge {
  id: string;
  type: string;
  source: string;
  target: string;
  role: string | null;
  startDate: string | null;
  endDate: string | null;
  amount: number | null;
  currency: string | null;
  amountEur: number | null;
  status: string | null;
  period: string | null;
  purpose: string | null;
  citations: Citation[];
  properties: Record<string, unknown>;
}

const HIDDEN = new Set(["labels", "searchKeys", "normalisedName"]);

export function toNode(row: Record<string, unknown>): GraphNode {
  const labels = (row.labels as string[] | undefined) ?? [];
  const type = labels.find((l) => (NODE_LABELS as readonly string[]).includes(l)) ?? "Organisation";
  const properties = Object.fromEntries(Object.entries(row).filter(([k]) => !HIDDEN.has(k)));
  return {
    id: String(row.id),
    type,
    name: String(row.name ?? row.id),
    kind: (row.kind as string | undefined) ?? null,
    aliases: (row.aliases as string[] | undefined) ?? [],
    properties,
  };
}

const str = (v: unknown): string | null => (v === undefined || v === null ? null : String(v));
const num = (v: unknown): number | null => (typeof v === "number" ? v : v === undefined || v === null ? null : Number(v));

/** Citations are filled in afterwards by withCitations (one query for all sources of a response). */
export function toEdge(row: { id: unknown; type: unknown; source: unknown; target: unknown; properties: unknown }): GraphEdge {
  const p = (row.properties ?? {}) as Record<string, unknown>;
  return {
    id: String(row.id),
    type: String(row.type),
    source: String(row.source),
    target: String(row.target),
    role: str(p.role),
    startDate: str(p.startDate),
    endDate: str(p.endDate),
    amount: num(p.amount),
    currency: str(p.currency),
    amountEur: num(p.amountEur),
    status: str(p.status),
    period: str(p.period),
    purpose: str(p.purpose),
    citations: [],
    properties: p,
  };
}
