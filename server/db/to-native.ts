/** Converts driver values (Integer, temporal types, nodes, relationships) into plain JSON-friendly values. */
import neo4j from "neo4j-driver";

/** A plain object's copy, each value converted: rows (record.toObject()), maps and properties. */
function copyObject(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = toNative(v[k]);
  return out;
}

export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans as they are; plain objects and lists copied without asking which
  // driver type they are (most of a result's values: a page of 10,000 flows is mostly these).
  if (typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(toNative);
  if (Object.getPrototypeOf(value) === Object.prototype) return copyObject(value as Record<string, unknown>);
  if (neo4j.isInt(value)) {
    const int = value as unknown as { inSafeRange(): boolean; toNumber(): number; toString(): string };
    return int.inSafeRange() ? int.toNumber() : int.toString();
  }
  const v = value as Record<string, unknown>;
  if (
    neo4j.isDate(v) ||
    neo4j.isDateTime(v) ||
    neo4j.isLocalDateTime(v) ||
    neo4j.isTime(v) ||
    neo4j.isLocalTime(v) ||
    neo4j.isDuration(v)
  ) {
    return String(v);
  }
  if (neo4j.isNode(v)) {
    const n = v as unknown as { labels: string[]; properties: Record<string, unknown>; elementId: string };
    return { labels: n.labels, properties: toNative(n.properties), elementId: n.elementId };
  }
  if (neo4j.isRelationship(v)) {
    const r = v as unknown as {
      type: string;
      properties: Record<string, unknown>;
      elementId: string;
      startNodeElementId: string;
      endNodeElementId: string;
    };
    return {
      type: r.type,
      properties: toNative(r.properties),
      elementId: r.elementId,
      start: r.startNodeElementId,
      end: r.endNodeElementId,
    };
  }
  return copyObject(v);
}
