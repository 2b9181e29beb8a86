/**
 * Kill and resume: the same import into a second, empty Neo4j is killed with SIGKILL once about
 * half of its relationships have landed, then run again; the result must equal the clean import
 * (nodes per label, relationships per type, every id), with no duplicate node or relationship id.
 */
import type { Database } from "../../../server/db/database.ts";
import { compareSnapshots, snapshotGraph, type GraphSnapshot } from "./graph-snapshot.ts";
import type { GraphFiles } from "./soak-graph.ts";
import { connect, finished, startImport, startNeo4j } from "./start-stack.ts";
import { table, type PartReport } from "./summarise.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function relationshipCount(db: Database): Promise<number> {
  try {
    const [row] = await db.read("MATCH ()-[r]->() RETURN count(r) AS n", {}, { what: "soak: progress", timeoutMs: 5000 });
    return Number(row?.n ?? 0);
  } catch {
    return 0;
  }
}

export async function killPart(graph: GraphFiles, clean: GraphSnapshot): Promise<PartReport> {
  const neo4j = await startNeo4j("kill");
  const db = await connect(neo4j.uri);
  try {
    const t0 = Date.now();
    const first = startImport(neo4j.uri, graph.importArgs);
    const firstDone = finished(first, 600_000);
    const half = Math.floor(clean.relationships / 2);
    let seen = 0;
    for (let i = 0; i < 6000 && seen < half && first.exitCode === null; i++) {
      seen = await relationshipCount(db);
      if (seen < half) await sleep(50);
    }
    first.kill("SIGKILL");
    const killed = await firstDone;
    const killedAfter = (Date.now() - t0) / 1000;
    const atKill = await snapshotGraph(db);
    const [source] = await db.read(
      "MATCH (s:Source) WHERE s.id STARTS WITH 'import:' RETURN s.status AS status",
      {},
      { what: "soak: source" },
    );
    const t1 = Date.now();
    const rerun = await finished(startImport(neo4j.uri, graph.importArgs), 600_000);
    const rerunSeconds = (Date.now() - t1) / 1000;
    const after = await snapshotGraph(db);
    const diffs = compareSnapshots(clean, after);
    const types = [...new Set([...Object.keys(clean.byType), ...Object.keys(after.byType)])].sort();
    const labels = [...new Set([...Object.keys(clean.byLabel), ...Object.keys(after.byLabel)])].sort();
    const text = [
      `Import killed with ${killed.signal ?? `exit ${killed.code}`} after ${killedAfter.toFixed(1)} s, at ${atKill.relationships} of ${clean.relationships} relationships (${atKill.nodes} of ${clean.nodes} nodes); its Source said "${String(source?.status)}". Re-run: exit ${rerun.code} in ${rerunSeconds.toFixed(0)} s.`,
      "",
      table(
        ["count", "clean import", "at the kill", "killed + re-run"],
        [
          ["nodes", clean.nodes, atKill.nodes, after.nodes],
          ["relationships", clean.relationships, atKill.relationships, after.relationships],
          ...labels.map((l) => [`:${l}`, clean.byLabel[l] ?? 0, atKill.byLabel[l] ?? 0, after.byLabel[l] ?? 0]),
          ...types.map((t) => [`[:${t}]`, clean.byType[t] ?? 0, atKill.byType[t] ?? 0, after.byType[t] ?? 0]),
          ["duplicate node ids", clean.duplicateNodeIds, atKill.duplicateNodeIds, after.duplicateNodeIds],
          ["duplicate relationship ids", clean.duplicateRelationshipIds, atKill.duplicateRelationshipIds, after.duplicateRelationshipIds],
          ["nodes without id", clean.nodesWithoutId, atKill.nodesWithoutId, after.nodesWithoutId],
          ["digest of node ids", clean.nodeIdDigest, atKill.nodeIdDigest, after.nodeIdDigest],
          ["digest of relationship ids", clean.relationshipIdDigest, atKill.relationshipIdDigest, after.relationshipIdDigest],
        ],
      ),
      ...(diffs.length ? ["", "Differences:", "", ...diffs.map((d) => `- ${d}`)] : []),
    ].join("\n");
    return {
      title: "Import killed halfway and re-run",
      text,
      checks: [
        {
          name: "kill: the import was killed part-way",
          ok: killed.signal === "SIGKILL" && atKill.relationships > 0 && atKill.relationships < clean.relationships,
          detail: `${atKill.relationships}/${clean.relationships} relationships at the kill`,
        },
        { name: "kill: the re-run succeeded", ok: rerun.code === 0, detail: rerun.code === 0 ? "exit 0" : rerun.out.slice(-500) },
        {
          name: "kill: counts and ids equal the clean import",
          ok: diffs.length === 0,
          detail: diffs.length ? diffs.slice(0, 3).join("; ") : "equal",
        },
        {
          name: "kill: no duplicate node or relationship id",
          ok: after.duplicateNodeIds === 0 && after.duplicateRelationshipIds === 0 && after.nodesWithoutId === 0,
          detail: `${after.duplicateNodeIds} / ${after.duplicateRelationshipIds}`,
        },
      ],
    };
  } finally {
    await db.close();
    await neo4j.dispose();
  }
}
