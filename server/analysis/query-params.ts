/**
 * Parameters of named queries: the expected type of each (from its `// param:` doc or its name),
 * validation of what a client sent, conversion to Cypher values (whole numbers → INTEGER), and
 * parsing of `key=value` words from the command line.
 */
import { int } from "../db/database.ts";
import type { NamedQuery } from "../db/named-queries.ts";
import { ValidationError } from "../errors.ts";

export type ParamType = "string" | "integer" | "float" | "boolean" | "list" | "map" | "any";

/** The most rows one request may ask for; `limit` parameters are checked against it. */
export const MAX_ROWS = 10_000;

const LIST_NAMES = /^(ids|frontier|seen|labels|relationshipTypes|rows|types|statuses)$/;
const INTEGER_NAMES = /^(limit|budget|maxLength|depth|batchSize|skip|offset|min[A-Z]\w*)$/;

/** A doc that starts with a type word says the type; otherwise well-known names do; else any. */
export function paramType(name: string, doc: string): ParamType {
  const word = /^(string|integer|float|number|boolean|list|map)\b/i.exec(doc.trim())?.[1]?.toLowerCase();
  if (word) return word === "number" ? "float" : (word as ParamType);
  if (LIST_NAMES.test(name)) return "list";
  if (INTEGER_NAMES.test(name)) return "integer";
  return "any";
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a float";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}

function fits(type: ParamType, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    case "float":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "list":
      return Array.isArray(value);
    case "map":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "any":
      return value !== undefined;
  }
}

/**
 * Checks the parameters sent for a named query: every documented one present and of its type, no
 * unknown ones, `limit` within MAX_ROWS. Returns them unchanged; throws a ValidationError naming the problem.
 */
export function checkParams(q: NamedQuery, given: Record<string, unknown>): Record<string, unknown> {
  const where = `query "${q.name}"`;
  const known = q.params.map((p) => p.name);
  const unknown = Object.keys(given).filter((k) => !known.includes(k));
  if (unknown.length) {
    throw new ValidationError(
      `${where}: unknown parameter ${unknown.map((u) => `\`${u}\``).join(", ")}; it takes ${known.length ? known.map((k) => `\`${k}\``).join(", ") : "no parameters"}`,
    );
  }
  for (const p of q.params) {
    const value = given[p.name];
    const hint = p.doc ? ` (${p.doc})` : "";
    if (value === undefined) throw new ValidationError(`${where}: missing parameter \`${p.name}\`${hint}`);
    const type = paramType(p.name, p.doc);
    if (!fits(type, value))
      throw new ValidationError(
        `${where}: parameter \`${p.name}\` must be ${type === "any" ? "a value" : `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`}, got ${kindOf(value)}${hint}`,
      );
    if (p.name === "limit" && type === "integer" && ((value as number) < 0 || (value as number) > MAX_ROWS)) {
      throw new ValidationError(`${where}: parameter \`limit\` must be a whole number from 0 to ${MAX_ROWS}, got ${String(value)}`);
    }
  }
  return given;
}

/** JSON values to Cypher values: whole numbers become INTEGER (LIMIT and ranges need it), other numbers FLOAT. */
export function toCypherValue(value: unknown): unknown {
  if (typeof value === "number") return Number.isSafeInteger(value) ? int(value) : value;
  if (Array.isArray(value)) return value.map(toCypherValue);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toCypherValue(v)]));
  return value;
}

export function toCypherParams(params: Record<string, unknown>): Record<string, unknown> {
  return toCypherValue(params) as Record<string, unknown>;
}

/**
 * One command-line value: JSON when it parses as a list or map (`'["a","b"]'`), `[a,b]` a list of
 * words, `12` an integer, `2.5` a float, true/false/null as such, anything else a string.
 */
export function parseCliValue(raw: string): unknown {
  const text = raw.trim();
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      if (text.startsWith("[") && text.endsWith("]")) {
        const inner = text.slice(1, -1).trim();
        return inner ? inner.split(",").map((item) => parseCliValue(item)) : [];
      }
    }
  }
  if (/^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  if (/^-?(\d+\.\d*|\.\d+|\d+)(e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (text === "true" || text === "false") return text === "true";
  if (text === "null") return null;
  return text;
}

/** `key=value` words to a parameter map; a word without `=` is an error naming it. */
export function parseCliParams(words: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of words) {
    const at = word.indexOf("=");
    if (at <= 0) throw new ValidationError(`query: expecting key=value, got ${JSON.stringify(word)}`);
    out[word.slice(0, at)] = parseCliValue(word.slice(at + 1));
  }
  return out;
}
