/** Turns validated seed records into the rows the loader writes: properties flattened, provenance as lists. */
import type { EdgeRecord, NodeRecord, SourceRecord } from "./validate-seed.ts";
import { normaliseName, searchKeys } from "./normalise.ts";

export interface NodeRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
}
export interface EdgeRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

const defined = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function nodeRow(record: NodeRecord | SourceRecord): NodeRow {
  const { label, ...rest } = record;
  const aliases = [...new Set([record.name, ...record.aliases])];
  return {
    id: record.id,
    label,
    props: defined({
      ...rest,
      aliases,
      searchKeys: searchKeys(aliases),
      normalisedName: normaliseName(record.name),
    }),
  };
}

export function edgeRow(record: EdgeRecord): EdgeRow {
  const { type, from, to, sources, ...rest } = record;
  return {
    id: record.id,
    type,
    from,
    to,
    props: defined({
      ...rest,
      sources: sources.map((s) => s.source),
      evidence: sources.map((s) => s.evidence),
    }),
  };
}
