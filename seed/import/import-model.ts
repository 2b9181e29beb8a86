/**
 * The importer's intermediate graph: what a reader makes of its files before entity resolution and
 * loading. Every node and edge names the record it came from; bad rows become issues, never rows.
 */
import type { NodeLabel } from "../model.ts";

/** One bad row: where (file, line, column) and why. */
export interface Issue {
  file: string;
  line: number;
  column?: string;
  reason: string;
}

/** A citation: the source that asserts a fact and the passage or record reference that says so. */
export interface Cite {
  source: string;
  evidence: string;
}

export interface ImportNode {
  id: string;
  label: NodeLabel;
  name: string;
  /** Full-name spellings (the name included); shortNames are kept apart for resolution. */
  aliases: string[];
  shortNames: string[];
  /** Properties set when the node is created (never overwrite an existing node's). */
  props: Record<string, unknown>;
  /** "cordis:999984059" … — ids in other registries, used to recognise the entity again. */
  externalIds: string[];
  /** Sources the record itself names (json format); the run's own source is added when loading. */
  sources: string[];
  /** Record reference, e.g. "organizations.tsv line 12". */
  ref: string;
}

export interface ImportEdge {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  /** Citations the record itself carries (json format) … */
  cites: Cite[];
  /** … and the record reference for the run's source: "edges.tsv line 12". */
  ref: string;
}

export interface ParsedImport {
  /** "cordis", "csv", "json". */
  format: string;
  /** "h2020-2016", "bulk", "fp7-links", "mapping", "seed". */
  layout: string;
  /** Slug for the run's Source id: "cordis-h2020-2016". */
  slug: string;
  /** A readable default name for the run's Source node. */
  title: string;
  publisher?: string;
  files: string[];
  nodes: ImportNode[];
  edges: ImportEdge[];
  issues: Issue[];
  /** Data rows read (header lines not counted) and rows that passed validation. */
  rowsRead: number;
  rowsGood: number;
}

export function formatIssue(i: Issue): string {
  return `${i.file} line ${i.line}${i.column ? `, column "${i.column}"` : ""}: ${i.reason}`;
}

/** The entries of `o` that hold a value (not undefined, null or ""), in order. */
export function defined(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) {
    const v = o[k];
    if (v === undefined || v === null || v === "") continue;
    // As Object.fromEntries would: an own "__proto__" property, not the prototype.
    if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}
