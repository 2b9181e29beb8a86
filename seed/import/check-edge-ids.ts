/**
 * A relationship id names one relationship, graph-wide. These checks find the import's rows that
 * would break that: a later row of the same import that uses an earlier row's id for another
 * relationship (other ends or another type), and a row whose id the graph already gives to another
 * relationship, of any type. Such rows are bad rows, reported like the readers' issues (file, line,
 * column "id"), skipped, and refuse the whole file under --strict; nothing stored is touched.
 * The same id with the same type and ends is the same relationship: confirmed, as before.
 */
import type { Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import { RELATIONSHIP_TYPES } from "../model.ts";
import type { ImportEdge, Issue } from "./import-model.ts";
import { describeRelationship, type HeldRelationship } from "../../server/db/relationship-write-turn.ts";

/** A relationship as the graph holds it. */
export type HeldEdge = HeldRelationship;

const CHUNK = 5000;

/** "edges.tsv line 12" or "grants.csv line 3: the quote" → file and line. */
export function refLocation(ref: string): { file: string; line: number } {
  const m = /^(.*?) line (\d+)\b/.exec(ref);
  return m ? { file: m[1]!, line: Number(m[2]) } : { file: ref, line: 0 };
}

const describe = describeRelationship;

/**
 * The first row of each id, in order; a later row with the same id is the same relationship again
 * (same type and ends: dropped, as before) or an issue naming the row that holds the id.
 */
export function firstRowOfEachId(edges: ImportEdge[]): { unique: ImportEdge[]; issues: Issue[] } {
  const first = new Map<string, ImportEdge>();
  const unique: ImportEdge[] = [];
  const issues: Issue[] = [];
  for (const e of edges) {
    const held = first.get(e.id);
    if (held === undefined) {
      first.set(e.id, e);
      unique.push(e);
    } else if (held.type !== e.type || held.from !== e.from || held.to !== e.to) {
      const at = refLocation(held.ref);
      issues.push({
        ...refLocation(e.ref),
        column: "id",
        reason:
          `relationship id "${e.id}" is already used by ${at.file} line ${at.line} for ${describe(held)}; ` +
          `this row (${describe(e)}) is another relationship, and an id names one: give it its own id`,
      });
    }
  }
  return { unique, issues };
}

/**
 * Every relationship of the model's types holding one of the ids, by id, at the cost of about
 * min(relationships of the type, ids) index entries per type (import-relationship-counts: from the
 * count store): a type the graph holds none of is skipped; a type holding fewer relationships than
 * there are ids is read whole from its id index (import-relationship-ids) and only the ids found in it
 * are sought; in any other type every id is sought (import-edges-by-id, which gives the ends).
 */
export async function edgesHoldingIds(db: Database, ids: string[]): Promise<Map<string, HeldEdge[]>> {
  const out = new Map<string, HeldEdge[]>();
  if (ids.length === 0) return out;
  const what = { what: "import: existing edges", timeoutMs: 120000 };
  const [counts = {}] = await db.read(query("import-relationship-counts"), {}, what);
  const count = (t: string): number => Number(counts[t] ?? 0);
  const types = RELATIONSHIP_TYPES.filter((t) => count(t) > 0);
  if (types.length === 0) return out;
  const read = types.filter((t) => count(t) <= ids.length);
  // Per type read whole: the ids it holds that the import has too.
  const found = new Map<string, Set<string>>(read.map((t) => [t, new Set<string>()]));
  if (read.length > 0) {
    const wanted = new Set(ids);
    for (const r of await db.read(query("import-relationship-ids"), { types: read }, what)) {
      const id = r.id as string;
      if (wanted.has(id)) found.get(r.type as string)!.add(id);
    }
  }
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    const byType: Record<string, string[]> = {};
    for (const t of RELATIONSHIP_TYPES) {
      const inType = found.get(t);
      byType[t] = !types.includes(t) ? [] : inType ? part.filter((id) => inType.has(id)) : part;
    }
    if (Object.values(byType).every((list) => list.length === 0)) continue;
    for (const r of await db.read(query("import-edges-by-id"), { ids: byType }, what)) {
      const edge = { id: String(r.id), type: String(r.type), from: String(r.from), to: String(r.to) };
      const list = out.get(edge.id);
      if (list) list.push(edge);
      else out.set(edge.id, [edge]);
    }
  }
  return out;
}

/**
 * Whether the graph holds a row's relationship: "new" (no relationship has its id), "present" (one
 * relationship has it, with the row's type and ends — after resolution) or an issue naming the
 * relationship(s) that hold the id.
 */
export function againstGraph(
  edge: ImportEdge,
  row: { type: string; from: string; to: string },
  held: HeldEdge[] | undefined,
): "new" | "present" | Issue {
  if (held === undefined || held.length === 0) return "new";
  const other = held.find((h) => h.type !== row.type || h.from !== row.from || h.to !== row.to);
  if (held.length === 1 && other === undefined) return "present";
  const end = (resolved: string, own: string): string => (resolved === own ? own : `${own} (resolved to ${resolved})`);
  const mine = `${row.type} ${end(row.from, edge.from)} → ${end(row.to, edge.to)}`;
  const holders = held.map(describe).join(" and ");
  return {
    ...refLocation(edge.ref),
    column: "id",
    reason:
      held.length > 1
        ? `relationship id "${edge.id}" is already held in the graph by ${held.length} relationships (${holders}); this row (${mine}) is not loaded until the graph's duplicate is resolved`
        : `relationship id "${edge.id}" is already held in the graph by ${holders}; this row (${mine}) is another relationship, and an id names one: give it its own id`,
  };
}
