/**
 * Importer benchmark on the generated ecosystem (test/bench/generate): for each scale, the real import
 * path (readJsonSeed → planImport → writePlan, the steps of runImport) on an empty database, timed per
 * phase; then, on the same database, two hand-written `UNWIND $rows … MERGE` batches — one writing only
 * name, aliases and sources (the original baseline), one writing exactly the properties the importer
 * writes (normalisedName, searchKeys, externalIds, the run's citation on every relationship …) — and a
 * naive one-row-per-transaction MERGE. Prints medians of REPS runs; asserts nothing.
 * Env: SCALES (default "10k,100k"), REPS (default 3), BATCH_SIZE (default 2000), NAIVE_SAMPLE (500).
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { readJsonSeed } from "../../seed/import/read-json-seed.ts";
import { planImport } from "../../seed/import/plan-import.ts";
import { createEdgeRow, writePlan, writeSource } from "../../seed/import/write-import.ts";
import type { ImportPlan } from "../../seed/import/plan-import.ts";
import { generateEcosystem, writeEcosystem, type Ecosystem } from "./generate/generate-ecosystem.ts";
import { parseScale } from "./generate/parse-scale.ts";
import { machine, median, table } from "./bench-table.ts";

const SCALES = (process.env.SCALES ?? "10k,100k").split(",").map(parseScale);
const REPS = Number(process.env.REPS ?? 3);
const BATCH = Number(process.env.BATCH_SIZE ?? 2000);
const NAIVE_SAMPLE = Number(process.env.NAIVE_SAMPLE ?? 500);

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}

const seconds = (t0: number): number => (performance.now() - t0) / 1000;

async function wipe(db: Database): Promise<void> {
  await db.autoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS", {}, { timeoutMs: 600000 });
}

/** The hand-written baseline: plain UNWIND … MERGE batches, one statement per label / type, no resolution. */
async function handBatch(db: Database, g: Ecosystem, prefix: string): Promise<number> {
  const t0 = performance.now();
  const nodes = [...g.sources, ...g.nodes].map((n) => ({
    id: prefix + n.id,
    label: n.label,
    props: { name: n.name, aliases: [n.name, ...n.aliases], sources: "sources" in n ? n.sources : [] },
  }));
  const byLabel = groupBy(nodes, (n) => n.label);
  for (const [label, rows] of byLabel) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await db.write(
        `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n:${label}, n += row.props`,
        { rows: rows.slice(i, i + BATCH) },
        { timeoutMs: 300000 },
      );
    }
  }
  const edges = g.edges.map(({ id, type, from, to, sources, ...facts }) => ({
    id: prefix + id,
    type,
    from: prefix + from,
    to: prefix + to,
    props: { ...facts, sources: sources.map((s) => s.source), evidence: sources.map((s) => s.evidence) },
  }));
  for (const [type, rows] of groupBy(edges, (e) => e.type)) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await db.write(
        `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {id: row.id}]->(b) SET r += row.props`,
        { rows: rows.slice(i, i + BATCH) },
        { timeoutMs: 300000 },
      );
    }
  }
  return (nodes.length + edges.length) / seconds(t0);
}

/** The properties import-upsert-nodes leaves on a node it creates: the record's, the lists and the filled country/city. */
function nodeProps(r: ImportPlan["nodes"][number]): Record<string, unknown> {
  const unique = (xs: string[]): string[] => [...new Set(xs)];
  const props: Record<string, unknown> = {
    ...r.props,
    aliases: unique(r.aliases),
    searchKeys: unique(r.searchKeys),
    externalIds: unique(r.externalIds),
    sources: unique(r.sources),
    country: r.props.country ?? r.fill.country,
    city: r.props.city ?? r.fill.city,
  };
  for (const k of Object.keys(props)) if (props[k] === undefined || props[k] === null) delete props[k];
  return props;
}

/** The same hand-written batches, writing exactly what the importer writes (its plan's rows). */
async function handSameData(db: Database, plan: ImportPlan, prefix: string): Promise<number> {
  const t0 = performance.now();
  const nodes = plan.nodes.map((n) => ({ id: prefix + n.id, label: n.label, props: { ...nodeProps(n), id: prefix + n.id } }));
  for (const [label, rows] of groupBy(nodes, (n) => n.label)) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await db.write(
        `UNWIND $rows AS row MERGE (n:Entity {id: row.id}) SET n:${label}, n += row.props`,
        { rows: rows.slice(i, i + BATCH) },
        { timeoutMs: 300000 },
      );
    }
  }
  const edges = plan.edges
    .map(createEdgeRow)
    .map((e) => ({ ...e, from: prefix + e.from, to: prefix + e.to, props: { ...e.props, id: `${prefix}${String(e.props.id)}` } }));
  for (const [type, rows] of groupBy(edges, (e) => e.type)) {
    for (let i = 0; i < rows.length; i += BATCH) {
      await db.write(
        `UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to}) MERGE (a)-[r:${type} {id: row.props.id}]->(b) SET r += row.props`,
        { rows: rows.slice(i, i + BATCH) },
        { timeoutMs: 300000 },
      );
    }
  }
  return (nodes.length + edges.length) / seconds(t0);
}

/** One transaction per edge row: MERGE both endpoints and the relationship. */
async function naive(db: Database, g: Ecosystem, prefix: string): Promise<number> {
  const labels = new Map(g.nodes.map((n) => [n.id, n.label]));
  const rows = g.edges.filter((e) => e.type === "PARTICIPATES_IN").slice(0, NAIVE_SAMPLE);
  const t0 = performance.now();
  for (const { id, type: _t, from, to, sources, ...facts } of rows) {
    await db.write(
      `MERGE (a:Entity {id: $from}) ON CREATE SET a:Organisation, a.name = $from
       MERGE (b:Entity {id: $to}) ON CREATE SET b:Project, b.name = $to
       MERGE (a)-[r:PARTICIPATES_IN {id: $id}]->(b) SET r += $props`,
      {
        from: prefix + from,
        to: prefix + to,
        id: prefix + id,
        props: { ...facts, sources: sources.map((s) => s.source), evidence: sources.map((s) => s.evidence), label: labels.get(from) },
      },
    );
  }
  return rows.length / seconds(t0);
}

interface Run {
  read: number;
  plan: number;
  nodes: number;
  edges: number;
  total: number;
  rows: number;
  hand: number;
  handSame: number;
  naive: number;
}

async function importOnce(db: Database, dir: string): Promise<Omit<Run, "hand" | "handSame" | "naive"> & { planned: ImportPlan }> {
  let t = performance.now();
  const parsed = await readJsonSeed([dir]);
  const read = seconds(t);
  t = performance.now();
  const sourceId = `import:bench-${Date.now()}`;
  const plan = await planImport(db, parsed, sourceId);
  const planS = seconds(t);
  await writeSource(db, sourceId, { name: "bench" }, "running");
  t = performance.now();
  await writePlan(db, { ...plan, edges: [] }, { batchSize: BATCH });
  const nodes = seconds(t);
  t = performance.now();
  await writePlan(db, { ...plan, nodes: [] }, { batchSize: BATCH });
  const edges = seconds(t);
  const total = read + planS + nodes + edges;
  return { read, plan: planS, nodes, edges, total, rows: parsed.rowsGood, planned: plan };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-bench-import-"));
  const password = "innograph-bench";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "2g", pageCache: "1g" });
  const db = await Database.connect({ uri: local.uri, user: "neo4j", password, timeoutMs: 600000 });
  const rows: (string | number)[][] = [];
  try {
    await applySchema(db);
    for (const scale of SCALES) {
      const graph = generateEcosystem({ relationships: scale, seed: 1 });
      const dir = path.join(dataDir, `gen-${scale}`);
      await writeEcosystem(dir, graph);
      const runs: Run[] = [];
      for (let rep = 0; rep < REPS; rep++) {
        await wipe(db);
        const { planned, ...imp } = await importOnce(db, dir);
        const hand = await handBatch(db, graph, "hand.");
        const handSame = await handSameData(db, planned, "same.");
        const naiveRate = await naive(db, graph, "naive.");
        runs.push({ ...imp, hand, handSame, naive: naiveRate });
        console.error(
          `import-generated: ${scale} rep ${rep + 1}: importer ${Math.round(imp.rows / imp.total)} rows/s (read ${imp.read.toFixed(1)} s, plan ${imp.plan.toFixed(1)} s, nodes ${imp.nodes.toFixed(1)} s, edges ${imp.edges.toFixed(1)} s), hand UNWIND ${Math.round(hand)} rows/s (same properties: ${Math.round(handSame)} rows/s), naive ${Math.round(naiveRate)} rows/s`,
        );
      }
      const m = (f: (r: Run) => number): number => median(runs.map(f));
      const importer = m((r) => r.rows / r.total);
      const writeOnly = m((r) => r.rows / (r.nodes + r.edges));
      rows.push([
        scale.toLocaleString("en"),
        runs[0]!.rows.toLocaleString("en"),
        m((r) => r.read).toFixed(1),
        m((r) => r.plan).toFixed(1),
        m((r) => r.nodes).toFixed(1),
        m((r) => r.edges).toFixed(1),
        Math.round(importer),
        Math.round(writeOnly),
        Math.round(m((r) => r.hand)),
        Math.round(m((r) => r.handSame)),
        Math.round(m((r) => r.naive)),
        `${(importer / m((r) => r.naive)).toFixed(0)}×`,
        `${(importer / m((r) => r.hand)).toFixed(2)}×`,
        `${(writeOnly / m((r) => r.hand)).toFixed(2)}×`,
        `${(importer / m((r) => r.handSame)).toFixed(2)}×`,
        `${(writeOnly / m((r) => r.handSame)).toFixed(2)}×`,
      ]);
    }
  } finally {
    await db.close();
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nImport of the generated ecosystem — ${machine()}; medians of ${REPS} runs, batch ${BATCH}; command: SCALES=${SCALES.join(",")} REPS=${REPS} npx tsx test/bench/import-generated.ts\n`,
  );
  console.log(
    table(
      [
        "relationships",
        "rows",
        "read s",
        "plan s",
        "nodes s",
        "edges s",
        "importer rows/s",
        "importer write-only rows/s",
        "hand UNWIND rows/s (name, aliases, sources)",
        "hand UNWIND rows/s (the importer's properties)",
        "naive rows/s",
        "importer ÷ naive",
        "importer ÷ hand",
        "write-only ÷ hand",
        "importer ÷ hand (same properties)",
        "write-only ÷ hand (same properties)",
      ],
      rows,
    ),
  );
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
