/**
 * Plans an import against the graph as it is: resolves organisations, checks edge endpoints and
 * relationship ids (an id names one relationship graph-wide: check-edge-ids.ts), and works out what
 * would be created, merged, confirmed and flagged. Reads only; dry-run stops here.
 */
import type { Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import type { ImportEdge, ImportNode, Issue, ParsedImport } from "./import-model.ts";
import { resolveOrganisations, type Candidate, type Decision } from "./resolve-entities.ts";
import { edgeWriteRow, nodeWriteRow, type EdgeWriteRow, type NodeWriteRow } from "./to-import-rows.ts";
import { againstGraph, edgesHoldingIds, firstRowOfEachId, refLocation } from "./check-edge-ids.ts";
import { batches } from "../batches.ts";

export interface ImportPlan {
  sourceId: string;
  nodes: NodeWriteRow[];
  edges: EdgeWriteRow[];
  /** Ids of the nodes the graph held when the import was planned (the rest are created). */
  nodesPresent: ReadonlySet<string>;
  /** Ids of the relationships the graph held, with the row's type and ends, when the import was planned (the rest are created). */
  edgesPresent: ReadonlySet<string>;
  /** Problems found against the graph and across rows (edges to unknown nodes, relationship ids used for another relationship); bad rows like the readers' issues. */
  issues: Issue[];
  counts: { nodesCreated: number; nodesMerged: number; nodesPresent: number; edgesCreated: number; edgesPresent: number; flagged: number };
  merges: { from: string; name: string; into: string; reason: string }[];
  flags: { from: string; name: string; to: string; score: number; reason: string }[];
}

const CHUNK = 5000;

async function existingNodeIds(db: Database, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of batches(ids, CHUNK)) {
    for (const r of await db.read(query("import-existing-nodes"), { ids: part }, { what: "import: existing nodes", timeoutMs: 120000 }))
      found.add(String(r.id));
  }
  return found;
}

/** The first item of each id, in order (one hash look-up per item: FP7 has 160k relationships). */
function dedupe<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const before = seen.size;
    seen.add(item.id);
    if (seen.size !== before) out.push(item);
  }
  return out;
}

export interface PlanOptions {
  /**
   * Settles before the relationship ids are looked up: runImport's read of who wrote relationships
   * last (lastRelationshipWrite), which must come before that look-up, so that a write after it is
   * seen either by the look-up or, when writing, as another writer. The rest of the plan's reads
   * run meanwhile.
   */
  edgeIdsAfter?: Promise<unknown> | undefined;
}

/** Reads still to await; a failure must not go unhandled before it is. */
function started<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}

export async function planImport(db: Database, parsed: ParsedImport, sourceId: string, options: PlanOptions = {}): Promise<ImportPlan> {
  // Any relationship of any type may hold a row's id, whatever its ends: every id is looked up, in
  // Neo4j while entity resolution runs here (it needs no resolved ends; they are compared below).
  const sameIds = firstRowOfEachId(parsed.edges);
  const holdingIds = started(
    (options.edgeIdsAfter ?? Promise.resolve()).then(() =>
      edgesHoldingIds(
        db,
        sameIds.unique.map((e) => e.id),
      ),
    ),
  );
  const nodes: ImportNode[] = dedupe(parsed.nodes);
  const ownIds = new Set(nodes.map((n) => n.id));
  // Edges must point at a node of this import or one the graph holds: the others are looked up meanwhile too.
  const unknownEnds = new Set<string>();
  for (const e of parsed.edges) {
    if (!ownIds.has(e.from)) unknownEnds.add(e.from);
    if (!ownIds.has(e.to)) unknownEnds.add(e.to);
  }
  const endsInGraph = started(existingNodeIds(db, [...unknownEnds]));
  const orgs = nodes.filter((n) => n.label === "Organisation");
  const candidates = (await db.read(
    query("import-organisation-candidates"),
    {},
    { what: "import: candidates", timeoutMs: 120000 },
  )) as unknown as Candidate[];
  const decisions = resolveOrganisations(
    orgs.map((o) => ({
      id: o.id,
      name: o.name,
      aliases: o.aliases,
      shortNames: o.shortNames,
      country: o.props.country as string | undefined,
      externalIds: o.externalIds,
    })),
    candidates.map((c) => ({ ...c, country: c.country ?? undefined })),
    ownIds,
  );
  const targetOf = (id: string): string => decisions.get(id)?.target ?? id;

  const present = await existingNodeIds(db, [...new Set(nodes.map((n) => targetOf(n.id)))]);
  const issues: Issue[] = [];
  const inGraph = await endsInGraph;
  const known = (id: string): boolean => ownIds.has(id) || inGraph.has(id);
  const valid: ImportEdge[] = [];
  issues.push(...sameIds.issues);
  for (const e of sameIds.unique) {
    const missing = !known(e.from) ? e.from : !known(e.to) ? e.to : undefined;
    if (missing !== undefined) {
      issues.push({
        ...refLocation(e.ref),
        column: missing === e.from ? "from" : "to",
        reason: `points at unknown node "${missing}" (neither in this import nor in the graph)`,
      });
      continue;
    }
    valid.push(e);
  }

  const nodeRows = nodes.map((n) => nodeWriteRow(n, decisions.get(n.id), sourceId));
  const holding = await holdingIds;
  const edgeRows: EdgeWriteRow[] = [];
  const edgesPresent = new Set<string>();
  for (const e of valid) {
    const row = edgeWriteRow(e, targetOf, sourceId);
    const found = againstGraph(e, row, holding.get(e.id));
    if (typeof found === "object") {
      issues.push(found);
      continue;
    }
    if (found === "present") edgesPresent.add(e.id);
    edgeRows.push(row);
  }
  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  const created = new Set<string>();
  let merged = 0;
  const merges: ImportPlan["merges"] = [];
  const flags: ImportPlan["flags"] = [];
  for (const n of nodes) {
    const d: Decision | undefined = decisions.get(n.id);
    if (d?.kind === "merge") {
      merged++;
      merges.push({ from: n.id, name: n.name, into: d.target, reason: d.reason });
    } else if (!present.has(n.id)) created.add(n.id);
    for (const s of d?.similar ?? []) flags.push({ from: n.id, name: n.name, to: s.to, score: s.score, reason: s.reason });
  }
  return {
    sourceId,
    nodes: nodeRows,
    edges: edgeRows,
    nodesPresent: present,
    edgesPresent,
    issues,
    counts: {
      nodesCreated: created.size,
      nodesMerged: merged,
      nodesPresent: nodes.length - created.size - merged,
      edgesCreated: edgeRows.length - edgesPresent.size,
      edgesPresent: edgesPresent.size,
      flagged: flags.length,
    },
    merges,
    flags,
  };
}
