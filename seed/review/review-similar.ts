/**
 * Reviews likely duplicates (SIMILAR_TO links made by the importer): list the open ones, reject one,
 * accept one (merge the new node into the existing one, recorded on a MergeRecord), or undo a merge.
 * Each command runs in one transaction: it lands whole or not at all.
 *
 * A relationship id names one relationship graph-wide. Accepting moves the merged node's relationships
 * to the kept node with their ids in the same transaction that deletes the originals: no id is created
 * or changed. Undoing recreates them with their recorded ids, which a change since the merge may have
 * freed (the kept node's copy deleted or given another id) and another writer taken: so undo takes the
 * importers' relationship lock (server/db/relationship-write-turn.ts), refuses — nothing written — an
 * id another relationship holds, and, when it takes back an id that was free, marks the review as the
 * last writer so that an import running at the same time looks its ids up again.
 */
import type { ManagedTransaction } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import { int, run } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import {
  describeRelationship,
  markRelationshipWriter,
  relationshipsHolding,
  takeRelationshipTurn,
} from "../../server/db/relationship-write-turn.ts";
import { ConflictError, NotFoundError } from "../../server/errors.ts";
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../model.ts";

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
  const [row] = await run(tx, query("review-similar"), { id });
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

/** Merges the link's start (the imported node) into its end (the node the graph held). */
export async function accept(db: Database, id: string): Promise<{ recordId: string; kept: string; merged: string }> {
  return db.inTransaction(
    "WRITE",
    async (tx) => {
      const l = await link(tx, id);
      if (l.link.status !== "open") throw new ConflictError(`review: "${id}" is ${String(l.link.status)}, not open`);
      const [snap] = await run(tx, query("review-merge-snapshot"), { from: l.from, to: l.to });
      const rels = ((snap?.rels as MovedRel[] | undefined) ?? []).filter((r) => r.other !== l.to);
      rels.forEach((r) => checkType(r.type));
      for (const rel of rels) await run(tx, query("review-move-relationship"), { node: l.to, rel });
      const recordId = `merge:${id}`;
      const record = {
        id: recordId,
        similarId: id,
        keptId: l.to,
        mergedId: l.from,
        mergedLabels: JSON.stringify(snap?.labels ?? []),
        mergedProps: JSON.stringify(snap?.props ?? {}),
        keptPropsBefore: JSON.stringify(snap?.keptProps ?? {}),
        rels: JSON.stringify(rels),
        link: JSON.stringify({ ...l.link, status: "accepted", reviewedAt: new Date().toISOString() }),
      };
      await run(tx, query("review-merge-into"), { from: l.from, to: l.to, record });
      return { recordId, kept: l.to, merged: l.from };
    },
    { what: "review: accept" },
  );
}

/** Undoes a merge (by merge record id or SIMILAR_TO id): both nodes and their relationships as before, the link open again. */
export async function undo(db: Database, id: string): Promise<{ restored: string; kept: string }> {
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
      const rels = JSON.parse(m.rels!) as MovedRel[];
      rels.forEach((r) => checkType(r.type));
      await takeRelationshipTurn(tx);
      const ids = rels.map((r) => r.props.id).filter((x): x is string => typeof x === "string");
      const held = await relationshipsHolding(tx, ids);
      await run(tx, query("review-undo-remove-moved"), {
        keptId: m.keptId,
        rels: rels.map((r) => ({ type: r.type, other: r.other, id: r.props.id ?? null })),
      });
      // The copies removed, an id still held is another relationship's: recreating it would give the id twice.
      const taken = [...(await relationshipsHolding(tx, ids))].map(
        ([relId, holders]) => `relationship id "${relId}" is held by ${holders.map(describeRelationship).join(" and ")}`,
      );
      if (taken.length) {
        throw new ConflictError(
          `review: undoing "${m.id}" would recreate relationships whose ids other relationships hold now (the merge's copies were changed or deleted since); nothing was undone. Give those relationships other ids, or delete them, first:\n  ${taken.join("\n  ")}`,
        );
      }
      if (ids.some((relId) => !held.has(relId))) {
        await markRelationshipWriter(tx, "source:review", { name: "review", aliases: ["review"], format: "review" });
      }
      await run(tx, query("review-undo-restore-node"), {
        labels,
        props: JSON.parse(m.mergedProps!),
        keptId: m.keptId,
        keptProps: JSON.parse(m.keptPropsBefore!),
      });
      for (const rel of rels) await run(tx, query("review-move-relationship"), { node: m.mergedId, rel });
      const linkProps = JSON.parse(m.link!) as Record<string, unknown>;
      delete linkProps.reviewedAt;
      await run(tx, query("review-undo-finish"), { recordId: m.id, from: m.mergedId, to: m.keptId, link: linkProps });
      return { restored: m.mergedId!, kept: m.keptId! };
    },
    { what: "review: undo" },
  );
}
