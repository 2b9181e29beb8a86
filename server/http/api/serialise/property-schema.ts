/**
 * The attribute declarations of a GraphML or GEXF file: one per property name, typed from the
 * values met (long, double, boolean, string). Lists and maps are written as JSON text and declared
 * string, since neither format has a list type that Gephi and networkx both read.
 */
export type AttrType = "long" | "double" | "boolean" | "string" | "json";

export interface AttrSpec {
  name: string;
  type: AttrType;
}

interface Item {
  properties: Record<string, unknown>;
  integerKeys: string[];
}

function typeOf(value: unknown, integer: boolean): AttrType {
  if (Array.isArray(value) || (value !== null && typeof value === "object")) return "json";
  if (typeof value === "number") return integer ? "long" : "double";
  if (typeof value === "boolean") return "boolean";
  return "string";
}

function merge(a: AttrType, b: AttrType): AttrType {
  if (a === b) return a;
  if (a === "json" || b === "json") return "json";
  if ((a === "long" && b === "double") || (a === "double" && b === "long")) return "double";
  return "string";
}

/** One spec per property name, sorted by name; names in `skip` (carried elsewhere) are left out. */
export function propertySchema(items: Item[], skip: string[] = []): AttrSpec[] {
  const types = new Map<string, AttrType>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item.properties)) {
      if (value === null || value === undefined || skip.includes(name)) continue;
      const t = typeOf(value, item.integerKeys.includes(name));
      const seen = types.get(name);
      types.set(name, seen ? merge(seen, t) : t);
    }
  }
  return [...types].map(([name, type]) => ({ name, type })).sort((a, b) => a.name.localeCompare(b.name));
}

/** The text of one value under its declared type. */
export function attrText(type: AttrType, value: unknown): string {
  if (type === "json") return JSON.stringify(value);
  if (type === "boolean") return value ? "true" : "false";
  return String(value);
}

/** The names of properties stored as INTEGER everywhere they occur (for restoring them on import). */
export function integerProperties(items: Item[]): string[] {
  const ints = new Set<string>();
  const other = new Set<string>();
  for (const item of items) {
    for (const [name, value] of Object.entries(item.properties)) {
      if (value === null || value === undefined) continue;
      (item.integerKeys.includes(name) ? ints : other).add(name);
    }
  }
  return [...ints].filter((n) => !other.has(n)).sort();
}
