/**
 * Reviews likely duplicates (SIMILAR_TO links made by the importer): list the open ones, reject one,
 * accept one (merge the new node into the existing one, recorded on a MergeRecord), or undo a merge.
 * Each command runs in one transaction: it lands whole or not at all.
 *
 * A relationship id names one relationship graph-wide. Accepting moves the merged node's relationships
 * to the kept node with their ids in the same transaction that deletes the originals: no id is created
 * or changed. The relationships between the two nodes (other than the link) and the merged node's
 * relationships with itself would become the kept node's relationships with itself, which the model
 * has no use for ("X PART_OF X"): accept deletes them, records them on the MergeRecord and names them,
 * and undo recreates them. Undo undoes the merge, not the edits made since: it takes off the kept node
 * only what the merge added to it, moves back the copies the merge made that are still there, with
 * their properties as they are now, and leaves out — and names — those deleted since (or given another
 * id, which undo cannot tell from a deletion): recreating them would bring back what an editor removed.
 *
 * The ids accept and undo move get other ends (and those undo recreates were free since the merge), and
 * an import planned before may have judged its rows by the old ones: so both take the importers'
 * relationship lock (server/db/relationship-write-turn.ts) before reading the relationships, and mark
 * the review as the last writer so that an import running at the same time looks its ids up again.
 * Undo also refuses — nothing written — an id another relationship holds besides the copy.
 *
 * Relationships move in batches of BATCH, one statement each (review-move-relationships,
 * review-undo-take-copies), all in the command's one transaction: merging a hub of thousands of
 * relationships is a few statements, not one round trip per relationship.
 *
 * Properties keep their Neo4j types: what is read to be written back (runTyped) stays the driver's
 * values (an INTEGER an Integer, a DATE a Date …), and the merge record keeps them as typed JSON
 * (typed-json.ts; `encoding: "typed-json"` on the record). A record without that encoding is plain
 * JSON, written before: it is read as such, as it always was.
 */
import type { Integer, ManagedTransaction } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import { int, run, runTyped } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import {
  describeRelationship,
  markRelationshipWriter,
  relationshipsHolding,
  takeRelationshipTurn,
} from "../../server/db/relationship-write-turn.ts";
import { ConflictError, NotFoundError } from "../../server/errors.ts";
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../model.ts";
import { batches } from "../batches.ts";
import { fromTypedJson, toTypedJson } from "./typed-json.ts";

/** Relationships per statement when accept or undo moves them. */
const BATCH = 1000;

/** The merge record's `encoding` when its JSON fields are typed JSON (typed-json.ts); without it, plain JSON. */
const TYPED_JSON = "typed-json";

/** The review's Source node, counted as a writer of relationships (markRelationshipWriter). */
const REVIEW_WRITER = ["source:review", { name: "review", aliases: ["review"], format: "review" }] as const;

export interface OpenCandidate {
  id: string;
  score: number;
  reason: string;
  evidence: string[];
  candidate: { id: string; name: string; country?: string };
  existing: { id: string; name: string; country?: string };
}

interface MovedRel {
  type: string;
  outgoing: boolean;
  other: string;
  props: Record<string, unknown>;
}

export async function listOpen(db: Database, limit = 100): Promise<OpenCandidate[]> {
  return (await db.read(query("review-open"), { limit: int(limit) }, { what: "review: list" })) as unknown as OpenCandidate[];
}

async function link(tx: ManagedTransaction, id: string): Promise<{ link: Record<string, unknown>; from: string; to: string }> {
  const [row] = await runTyped(tx, query("review-similar"), { id });
  if (!row) throw new NotFoundError(`review: no SIMILAR_TO link "${id}"; \`npm run review\` lists the open ones`);
  return row as { link: Record<string, unknown>; from: string; to: string };
}

export async function reject(db: Database, id: string): Promise<void> {
  await db.inTransaction(
    "WRITE",
    async (tx) => {
      const l = await link(tx, id);
      if (l.link.status !== "open") throw new ConflictError(`review: "${id}" is ${String(l.link.status)}, not open`);
      await run(tx, query("review-set-status"), { id, status: "rejected" });
    },
    { what: "review: reject" },
  );
}

const checkType = (t: string): void => {
  if (!(RELATIONSHIP_TYPES as readonly string[]).includes(t))
    throw new ConflictError(`review: the node has a relationship of unknown type ${t}; merge it by hand`);
};

/** Recreates `rels` on `node` (the kept node, or on undo the restored one), BATCH to a statement. */
async function moveRelationships(tx: ManagedTransaction, node: string, rels: MovedRel[]): Promise<void> {
  for (const part of batches(rels, BATCH)) await run(tx, query("review-move-relationships"), { node, rels: part });
}

/** What accept did: the merge record, the two nodes, and the relationships between them it deleted (undo recreates them). */
export interface AcceptResult {
  recordId: string;
  kept: string;
  merged: string;
  /** The merged node's relationships with the kept node (other than the link) or with itself, as it had them. */
  dropped: string[];
}

/** Merges the link's start (the imported node) into its end (the node the graph held). */
export async function accept(db: Database, id: string): Promise<AcceptResult> {
  return db.inTransaction(
    "WRITE",
    async (tx) => {
      // First, so that what is read stays as read until the merge commits, for the writers that take the lock
      // (imports' relationship batches, editors' mutations, another accept or undo).
      await takeRelationshipTurn(tx);
      const l = await link(tx, id);
      if (l.link.status !== "open") throw new ConflictError(`review: "${id}" is ${String(l.link.status)}, not open`);
      const [snap] = await runTyped(tx, query("review-merge-snapshot"), { from: l.from, to: l.to, id });
      const all = (snap?.rels as MovedRel[] | undefined) ?? [];
      all.forEach((r) => checkType(r.type));
      const isBetween = (r: MovedRel): boolean => r.other === l.to || r.other === l.from;
      const rels = all.filter((r) => !isBetween(r));
      const between = all.filter(isBetween);
      if (all.length) await markRelationshipWriter(tx, ...REVIEW_WRITER);
      await moveRelationships(tx, l.to, rels);
      const recordId = `merge:${id}`;
      const record = {
        id: recordId,
        similarId: id,
        keptId: l.to,
        mergedId: l.from,
        encoding: TYPED_JSON,
        mergedLabels: JSON.stringify(snap?.labels ?? []),
        mergedProps: toTypedJson(snap?.props ?? {}),
        keptPropsBefore: toTypedJson(snap?.keptProps ?? {}),
        rels: toTypedJson(rels),
        betweenRels: toTypedJson(between),
        link: toTypedJson({ ...l.link, status: "accepted", reviewedAt: new Date().toISOString() }),
      };
      await run(tx, query("review-merge-into"), { from: l.from, to: l.to, record });
      return { recordId, kept: l.to, merged: l.from, dropped: between.map((r) => describeMoved(l.from, r)) };
    },
    { what: "review: accept" },
  );
}

/** What undo did: the node restored beside the kept one, how many relationships moved back or recreated, and the ones left out. */
export interface UndoResult {
  restored: string;
  kept: string;
  moved: number;
  /** The relationships between the two nodes (or of the merged node with itself) that the merge deleted, recreated. */
  recreated: number;
  /** The merged node's relationships whose copy on the kept node was deleted (or given another id) since the merge. */
  skipped: string[];
}

/**
 * What review-merge-into added to the kept node, from the merge record: the items it added to each
 * list, and the country and city it filled. Undo takes off only these, so that the kept node keeps
 * the edits made since the merge (restoring its properties from before the merge would undo them).
 */
function mergeAdditions(
  merged: Record<string, unknown>,
  before: Record<string, unknown>,
  mergedId: string,
): { added: Record<string, unknown[]>; filled: Record<string, unknown> } {
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  const extended: Record<string, unknown[]> = {
    aliases: [...list(merged.aliases), merged.name],
    searchKeys: list(merged.searchKeys),
    externalIds: list(merged.externalIds),
    sources: list(merged.sources),
    mergedIds: [mergedId],
  };
  const added: Record<string, unknown[]> = {};
  for (const [k, items] of Object.entries(extended))
    added[k] = items.filter((x) => x !== null && x !== undefined && !list(before[k]).includes(x));
  const filled: Record<string, unknown> = {};
  for (const k of ["country", "city"]) if ((before[k] ?? null) === null && (merged[k] ?? null) !== null) filled[k] = merged[k];
  return { added, filled };
}

/** "MEMBER_OF org:dup → cluster:x (id "e:…")", as the merged node had it. */
const describeMoved = (merged: string, r: MovedRel): string =>
  `${describeRelationship({ type: r.type, from: r.outgoing ? merged : r.other, to: r.outgoing ? r.other : merged })}${typeof r.props.id === "string" ? ` (id "${r.props.id}")` : ""}`;

/**
 * Undoes a merge (by merge record id or SIMILAR_TO id): the merged node restored, the copies of its
 * relationships that the kept node still has moved back to it as they are now, those between the two
 * nodes that the merge deleted recreated as recorded, what the merge added to the kept node taken off
 * (mergeAdditions), the link open again.
 */
export async function undo(db: Database, id: string): Promise<UndoResult> {
  return db.inTransaction(
    "WRITE",
    async (tx) => {
      const [row] = await run(tx, query("review-merge-record"), { id });
      const m = row?.record as Record<string, string> | undefined;
      if (!m) throw new NotFoundError(`review: no merge "${id}" to undo`);
      if (m.status !== "merged") throw new ConflictError(`review: merge "${m.id}" is already ${m.status}`);
      const labels = JSON.parse(m.mergedLabels!) as string[];
      if (!labels.every((l) => l === "Entity" || (NODE_LABELS as readonly string[]).includes(l)))
        throw new ConflictError(`review: merge "${m.id}" names unknown labels ${labels.join(", ")}`);
      const [present] = await run(tx, query("entity-by-id"), { id: m.mergedId });
      if (present)
        throw new ConflictError(`review: "${m.mergedId}" exists again (re-imported?); delete or merge it before undoing "${m.id}"`);
      const parse: (text: string) => unknown = m.encoding === TYPED_JSON ? fromTypedJson : JSON.parse;
      const rels = parse(m.rels!) as MovedRel[];
      // A merge recorded before accept kept these has none.
      const between = parse(m.betweenRels ?? "[]") as MovedRel[];
      [...rels, ...between].forEach((r) => checkType(r.type));
      await takeRelationshipTurn(tx);
      const back: MovedRel[] = [];
      const skipped: string[] = [];
      for (const part of batches(rels, BATCH)) {
        const taken = new Map<number, Record<string, unknown>>();
        for (const copy of await runTyped(tx, query("review-undo-take-copies"), { keptId: m.keptId, rels: part }))
          taken.set((copy.i as Integer).toNumber(), copy.props as Record<string, unknown>);
        part.forEach((rel, i) => {
          const props = taken.get(i);
          if (props) back.push({ ...rel, props });
          else skipped.push(describeMoved(m.mergedId!, rel));
        });
      }
      // The copies deleted, an id still held is another relationship's too (a duplicate written by
      // something that does not check ids, such as a Cypher statement): moving the copy back would keep it
      // twice. The ids of the relationships between the two nodes were free since the merge: one held now
      // was given to another relationship since.
      const ids = [...back, ...between].map((r) => r.props.id).filter((x): x is string => typeof x === "string");
      const taken = [...(await relationshipsHolding(tx, ids))].map(
        ([relId, holders]) => `relationship id "${relId}" is held by ${holders.map(describeRelationship).join(" and ")}`,
      );
      if (taken.length) {
        throw new ConflictError(
          `review: undoing "${m.id}" would move or recreate relationships of "${m.mergedId}" whose ids other relationships hold; nothing was undone. Give those other relationships other ids, or delete them, first:\n  ${taken.join("\n  ")}`,
        );
      }
      if (back.length || between.length) await markRelationshipWriter(tx, ...REVIEW_WRITER);
      const mergedProps = parse(m.mergedProps!) as Record<string, unknown>;
      const keptProps = parse(m.keptPropsBefore!) as Record<string, unknown>;
      const [restored] = await run(tx, query("review-undo-restore-node"), {
        labels,
        props: mergedProps,
        keptId: m.keptId,
        keptProps,
        ...mergeAdditions(mergedProps, keptProps, m.mergedId!),
      });
      // The statement matches the kept node first: deleted since the merge, nothing would be restored.
      if (!restored)
        throw new NotFoundError(
          `review: the kept node "${m.keptId}" of "${m.id}" is gone (deleted since the merge); nothing was undone. Recreate "${m.keptId}" first, or leave the merge as it is`,
        );
      await moveRelationships(tx, m.mergedId!, [...back, ...between]);
      const linkProps = parse(m.link!) as Record<string, unknown>;
      delete linkProps.reviewedAt;
      await run(tx, query("review-undo-finish"), { recordId: m.id, from: m.mergedId, to: m.keptId, link: linkProps });
      return { restored: m.mergedId!, kept: m.keptId!, moved: back.length, recreated: between.length, skipped };
    },
    { what: "review: undo" },
  );
}
