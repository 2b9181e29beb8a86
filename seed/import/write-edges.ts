/**
 * Writes an import's relationships, each batch one transaction, so that no relationship id ever
 * names two relationships, however many imports run at once. The plan looked every id up
 * (check-edge-ids.ts), but another import may have planned the same id as free and written it since.
 *
 * Each transaction starts with import-relationship-write-turn: it takes the importers' relationship
 * lock (held until commit, so the relationship batches of concurrent imports run one at a time, and
 * each sees all that the others committed), learns which import wrote relationships last, and marks
 * this run as the next. If no other import has written since this one read the same before it
 * planned, its plan's check still holds: the batch is written as planned. Otherwise — and for every
 * later batch of the run — the batch's ids are looked up again in every type that holds any
 * (import-edges-by-id) before writing: a row whose id another relationship holds is a bad row, as at
 * planning time (under --strict the run stops, this batch unwritten); a row whose relationship is
 * there already is confirmed (import-upsert-edges); the rest are created (import-create-edges).
 * Looking every batch up again regardless cost 20–50 ms per 2,000 rows (CORDIS on 2 busy cores).
 */
import type { ManagedTransaction } from "neo4j-driver";
import { run, type Database } from "../../server/db/database.ts";
import { ValidationError } from "../../server/errors.ts";
import { query } from "../../server/db/named-queries.ts";
import { relationshipsHolding, takeRelationshipTurn } from "../../server/db/relationship-write-turn.ts";
import { againstGraph, type HeldEdge } from "./check-edge-ids.ts";
import { formatIssue, type Issue } from "./import-model.ts";
import { edgeRef, type EdgeWriteRow } from "./to-import-rows.ts";

/** A relationship the graph lacks, as import-create-edges writes it: what import-upsert-edges would create. */
export function createEdgeRow(r: EdgeWriteRow): { type: string; from: string; to: string; props: Record<string, unknown> } {
  return {
    type: r.type,
    from: r.from,
    to: r.to,
    props: { ...r.props, id: r.id, sources: r.cites.map((c) => c.source), evidence: r.cites.map((c) => c.evidence) },
  };
}

export interface EdgeBatchResult {
  created: number;
  present: number;
  /** Rows whose id another relationship held when the batch was written: bad rows. */
  issues: Issue[];
  /** Whether the batch's ids were looked up again (another import wrote since `lastWrite`, or none was given). */
  checked: boolean;
  /** Who wrote relationships last once this batch commits: this run, unless it has no Source node. */
  lastWrite: string;
}

/** "who wrote last, how many" as import-relationship-write-turn returns it. */
const turnOf = (row: Record<string, unknown> | undefined): string => `${String(row?.writer ?? "")} #${Number(row?.writes ?? 0)}`;

/**
 * Which import wrote relationships last, read under the lock (so that its last batch is wholly
 * visible to what is read after): an import reads it before planning and hands it to writePlan.
 */
export async function lastRelationshipWrite(db: Database): Promise<string> {
  return db.inTransaction(
    "WRITE",
    async (tx) => {
      return turnOf(await takeRelationshipTurn(tx));
    },
    { what: "import: relationship lock" },
  );
}

/** A row's refusal found when writing: the planning-time message, saying when it was found. */
function lateIssue(row: EdgeWriteRow, held: HeldEdge[]): Issue | undefined {
  const edge = { id: row.id, type: row.type, from: row.from, to: row.to, props: {}, cites: [], ref: edgeRef(row) };
  const found = againstGraph(edge, row, held);
  if (typeof found !== "object") return undefined;
  return { ...found, reason: `${found.reason} (found when writing: written by another import after this one was planned)` };
}

export interface EdgeBatchOptions {
  sourceId: string;
  /** What the plan found for these rows: no relationship with their ids ("create"), or theirs ("confirm"). */
  planned: "create" | "confirm";
  /** Who wrote relationships last as this run knows it; undefined: look the ids up again regardless. */
  lastWrite: string | undefined;
  strict?: boolean | undefined;
  timeoutMs: number;
}

/** One batch in one transaction: lock, look the ids up again if another import wrote since, then create, confirm or refuse each row. */
export async function writeEdgeBatch(db: Database, rows: EdgeWriteRow[], options: EdgeBatchOptions): Promise<EdgeBatchResult> {
  const work = async (tx: ManagedTransaction): Promise<EdgeBatchResult> => {
    const [turn] = await run(tx, query("import-relationship-write-turn"), { sourceId: options.sourceId });
    const checked = options.lastWrite === undefined || turnOf(turn) !== options.lastWrite;
    const lastWrite = turn?.marked ? turnOf({ writer: options.sourceId, writes: Number(turn.writes ?? 0) + 1 }) : "";
    const held = checked
      ? await relationshipsHolding(
          tx,
          rows.map((r) => r.id),
        )
      : new Map<string, HeldEdge[]>();
    const create: EdgeWriteRow[] = [];
    const confirm: EdgeWriteRow[] = [];
    const issues: Issue[] = [];
    for (const row of rows) {
      if (!checked) (options.planned === "create" ? create : confirm).push(row);
      else {
        const holders = held.get(row.id);
        const issue = holders === undefined ? undefined : lateIssue(row, holders);
        if (issue) issues.push(issue);
        else (holders === undefined ? create : confirm).push(row);
      }
    }
    if (options.strict && issues.length) {
      throw new ValidationError(
        `import: --strict: ${issues.length} bad row(s) found when writing; the run stopped, this batch unwritten (batches before it stay, as for an interrupted run; importing again refuses the file):\n  ${issues.map(formatIssue).join("\n  ")}`,
      );
    }
    const check = (written: unknown, expected: number): void => {
      if (Number(written ?? 0) !== expected) {
        throw new Error(
          `import: wrote ${String(written)} of ${expected} relationships in a batch; an endpoint vanished while importing — run the import again`,
        );
      }
    };
    if (create.length) {
      const [r] = await run(tx, query("import-create-edges"), { rows: create.map(createEdgeRow) });
      check(r?.written, create.length);
    }
    if (confirm.length) {
      const [r] = await run(tx, query("import-upsert-edges"), { rows: confirm });
      check(r?.written, confirm.length);
    }
    return { created: create.length, present: confirm.length, issues, checked, lastWrite };
  };
  return db.inTransaction("WRITE", work, { what: "import: relationships", timeoutMs: options.timeoutMs });
}
