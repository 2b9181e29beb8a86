/** Converts driver values (Integer, temporal types, nodes, relationships) into plain JSON-friendly values. */
import neo4j from "neo4j-driver";

export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) {
    const int = value as unknown as { inSafeRange(): boolean; toNumber(): number; toString(): string };
    return int.inSafeRange() ? int.toNumber() : int.toString();
  }
  if (Array.isArray(value)) return value.map(toNative);
  if (typeof value === "object") {
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
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) out[k] = toNative(val);
    return out;
  }
  return value;
}
