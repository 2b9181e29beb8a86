/**
 * search(query, types, limit): full-text over names, aliases and transliterations. The user's text
 * is cut into letter/digit terms (so no Lucene syntax survives), each term matched exactly, as a
 * prefix and with one typo; all terms must match, or failing that any.
 */
import type { Database } from "../../db/database.ts";
import { int } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { ValidationError } from "../../errors.ts";
import { normaliseName, transliterate } from "../../../seed/normalise.ts";
import { toNode, type GraphNode } from "../to-graph.ts";
import { inRange } from "./check-args.ts";

const MAX_QUERY = 200;

export function searchTerms(text: string): string[] {
  return normaliseName(text).split(" ").filter(Boolean).slice(0, 12);
}

/** One Lucene clause per term: exact (boosted), prefix, and fuzzy for longer terms. */
export function luceneQuery(terms: string[], operator: "AND" | "OR"): string {
  return terms
    .map((t) => {
      const parts = [`${t}^3`, `${t}*^2`];
      if (t.length >= 4) parts.push(`${t}~${t.length >= 8 ? 2 : 1}`);
      return `(${parts.join(" OR ")})`;
    })
    .join(` ${operator} `);
}

/** The name or alias closest to what was typed. */
export function bestMatch(node: GraphNode, text: string): string {
  const wanted = normaliseName(text);
  const candidates = [node.name, ...node.aliases];
  let best = node.name;
  let bestScore = -1;
  for (const c of candidates) {
    const n = normaliseName(c);
    const t = normaliseName(transliterate(c));
    const score =
      n === wanted || t === wanted
        ? 3
        : n.includes(wanted) || t.includes(wanted)
          ? 2
          : wanted.split(" ").filter((w) => n.includes(w)).length / 10;
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

export async function search(db: Database, args: { query: string; types?: string[] | null; limit?: number | null }) {
  const limit = inRange("limit", args.limit, 10, 1, 100);
  if (args.query.length > MAX_QUERY) throw new ValidationError(`\`query\` is longer than ${MAX_QUERY} characters`);
  const terms = searchTerms(args.query);
  if (!terms.length) throw new ValidationError("`query` needs at least one letter or digit");
  const labels = args.types ?? [];
  let rows = await db.read(query("search"), { lucene: luceneQuery(terms, "AND"), labels, limit: int(limit) }, { what: "search" });
  if (!rows.length && terms.length > 1) {
    rows = await db.read(query("search"), { lucene: luceneQuery(terms, "OR"), labels, limit: int(limit) }, { what: "search" });
  }
  return rows.map((r) => {
    const node = toNode(r.node as Record<string, unknown>);
    return { node, score: Number(r.score), matched: bestMatch(node, args.query) };
  });
}
