/**
 * Turns resolved import nodes and edges into the rows import.cypher writes: ids replaced by the
 * resolution's targets, provenance as lists, labels and types checked against the model.
 */
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../model.ts";
import { normaliseName, searchKeys } from "../normalise.ts";
import type { ImportEdge, ImportNode } from "./import-model.ts";
import type { Decision } from "./resolve-entities.ts";

export interface NodeWriteRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
  aliases: string[];
  searchKeys: string[];
  externalIds: string[];
  sources: string[];
  fill: { country: string | null; city: string | null };
  similar: { id: string; to: string; score: number; reason: string; evidence: string }[];
}

export interface EdgeWriteRow {
  id: string;
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
  cites: { source: string; evidence: string }[];
}

export function checkLabel(label: string): string {
  if (!(NODE_LABELS as readonly string[]).includes(label)) throw new Error(`import: unknown label ${label}`);
  return label;
}

export function checkType(type: string): string {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`import: unknown relationship type ${type}`);
  return type;
}

/** A node id as one part of a link id: "%" and "~" percent-escaped, so that no part holds a "~". */
const similarIdPart = (id: string): string => id.replaceAll("%", "%25").replaceAll("~", "%7E");

/**
 * The id of the importer's SIMILAR_TO link from `from` to `to`: "e:similar-<from>~<to>", each node id
 * with "%" written "%25" and "~" written "%7E". So the one "~" separates the pair, and two pairs never
 * get one id; an id without "~" and "%" is as it was before the escaping (links already in a graph
 * keep theirs).
 */
export const similarId = (from: string, to: string): string => `e:similar-${similarIdPart(from)}~${similarIdPart(to)}`;

export function nodeWriteRow(node: ImportNode, decision: Decision | undefined, sourceId: string): NodeWriteRow {
  const names = [...new Set([node.name, ...node.aliases, ...node.shortNames])];
  const merging = decision?.kind === "merge";
  const target = decision?.target ?? node.id;
  const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
  return {
    id: target,
    label: checkLabel(node.label),
    // A merge adds spellings, ids and provenance to the existing node, never its name or kind.
    props: merging ? {} : { ...node.props, name: node.name, normalisedName: normaliseName(node.name) },
    aliases: names,
    searchKeys: searchKeys(names),
    externalIds: merging ? [node.id, ...node.externalIds] : node.externalIds,
    sources: [...new Set([...node.sources, sourceId])],
    fill: { country: str(node.props.country), city: str(node.props.city) },
    similar: (decision?.similar ?? []).map((s) => ({
      id: similarId(target, s.to),
      to: s.to,
      score: s.score,
      reason: s.reason,
      evidence: node.ref,
    })),
  };
}

/** The row's record reference ("edges.tsv line 12"): the evidence of the run's own citation, which edgeWriteRow adds last. */
export const edgeRef = (r: EdgeWriteRow): string => r.cites[r.cites.length - 1]?.evidence ?? r.id;

export function edgeWriteRow(edge: ImportEdge, targetOf: (id: string) => string, sourceId: string): EdgeWriteRow {
  return {
    id: edge.id,
    type: checkType(edge.type),
    from: targetOf(edge.from),
    to: targetOf(edge.to),
    props: edge.props,
    cites: [...edge.cites, { source: sourceId, evidence: edge.ref }],
  };
}
