/**
 * What an import leaves, to compare two databases: nodes per label, relationships per type,
 * duplicate node and relationship ids, and a digest of every node id and relationship id.
 */
import { createHash } from "node:crypto";
import type { Database } from "../../../server/db/database.ts";

export interface GraphSnapshot {
  nodes: number;
  relationships: number;
  byLabel: Record<string, number>;
  byType: Record<string, number>;
  duplicateNodeIds: number;
  duplicateRelationshipIds: number;
  nodesWithoutId: number;
  nodeIdDigest: string;
  relationshipIdDigest: string;
}

const digest = (ids: string[]): string => createHash("sha256").update(ids.sort().join("\n")).digest("hex").slice(0, 16);

export async function snapshotGraph(db: Database): Promise<GraphSnapshot> {
  const read = (q: string) => db.read(q, {}, { what: "soak: snapshot", timeoutMs: 120_000 });
  const byLabel = Object.fromEntries(
    (await read("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n ORDER BY label")).map((r) => [
      String(r.label),
      Number(r.n),
    ]),
  );
  const byType = Object.fromEntries(
    (await read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type")).map((r) => [String(r.type), Number(r.n)]),
  );
  const [counts] = await read(
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels",
  );
  const [dupNodes] = await read("MATCH (n) WHERE n.id IS NOT NULL WITH n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n");
  const [dupRels] = await read("MATCH ()-[r]->() WHERE r.id IS NOT NULL WITH r.id AS id, count(*) AS c WHERE c > 1 RETURN count(*) AS n");
  const [noId] = await read("MATCH (n) WHERE n.id IS NULL RETURN count(n) AS n");
  const nodeIds = (await read("MATCH (n) RETURN n.id AS id")).map((r) => String(r.id));
  const relIds = (await read("MATCH ()-[r]->() RETURN coalesce(r.id, type(r) + ':' + startNode(r).id + '>' + endNode(r).id) AS id")).map(
    (r) => String(r.id),
  );
  return {
    nodes: Number(counts?.nodes),
    relationships: Number(counts?.rels),
    byLabel,
    byType,
    duplicateNodeIds: Number(dupNodes?.n),
    duplicateRelationshipIds: Number(dupRels?.n),
    nodesWithoutId: Number(noId?.n),
    nodeIdDigest: digest(nodeIds),
    relationshipIdDigest: digest(relIds),
  };
}

/** Lines naming every difference; empty when the two graphs agree. */
export function compareSnapshots(expected: GraphSnapshot, actual: GraphSnapshot): string[] {
  const diffs: string[] = [];
  const scalar = ["nodes", "relationships", "nodeIdDigest", "relationshipIdDigest"] as const;
  for (const k of scalar) if (expected[k] !== actual[k]) diffs.push(`${k}: clean ${expected[k]}, re-run ${actual[k]}`);
  for (const [what, e, a] of [
    ["label", expected.byLabel, actual.byLabel],
    ["type", expected.byType, actual.byType],
  ] as const) {
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
      if (e[key] !== a[key]) diffs.push(`${what} ${key}: clean ${e[key] ?? 0}, re-run ${a[key] ?? 0}`);
    }
  }
  return diffs;
}
