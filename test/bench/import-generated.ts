/**
 * Importer benchmark on the generated ecosystem (test/bench/generate): for each scale, the importer
 * (readJsonSeed → runImport) against a hand-written `UNWIND … MERGE` batch writing exactly the
 * importer's rows and properties, and a naive one-row-per-transaction MERGE (test/bench/import-baselines.ts).
 * Fair order: every contender starts on an empty database with an empty query cache; one uncounted
 * warm-up round first (JIT); then REPS rounds whose order rotates, so each contender runs first,
 * second and last equally often. The importer's time is broken down per phase from its own calls.
 * Prints medians; asserts nothing.
 * Env: SCALES (default "10k,100k"), REPS (default 3), BATCH_SIZE (default 2000), NAIVE_SAMPLE (500).
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { readJsonSeed } from "../../seed/import/read-json-seed.ts";
import { planImport } from "../../seed/import/plan-import.ts";
import { checksum, runImport } from "../../seed/import/run-import.ts";
import { generateEcosystem, writeEcosystem } from "./generate/generate-ecosystem.ts";
import { parseScale } from "./generate/parse-scale.ts";
import { machine, median, table } from "./bench-table.ts";
import {
  PHASE_COLUMNS,
  handBatch,
  handRows,
  naive,
  rotate,
  seconds,
  timedImport,
  wipeCold,
  type NaiveRow,
  type Phases,
} from "./import-baselines.ts";

const SCALES = (process.env.SCALES ?? "10k,100k").split(",").map(parseScale);
const REPS = Number(process.env.REPS ?? 3);
const BATCH = Number(process.env.BATCH_SIZE ?? 2000);
const NAIVE_SAMPLE = Number(process.env.NAIVE_SAMPLE ?? 500);
const CONTENDERS = ["importer", "hand", "naive"] as const;
type Contender = (typeof CONTENDERS)[number];

const importer = (db: Database, dir: string): Promise<Phases> => timedImport(db, () => readJsonSeed([dir]), BATCH);

/** The hand-written loader reads the same files (JSON.parse, no validation), then writes. */
async function hand(
  db: Database,
  dir: string,
  rows: ReturnType<typeof handRows>,
): Promise<{ parse: number; nodes: number; edges: number; total: number }> {
  const t0 = performance.now();
  for (const f of ["sources.json", "nodes.json", "edges.json"]) JSON.parse(await readFile(path.join(dir, f), "utf8"));
  const parse = seconds(t0);
  const w = await handBatch(db, rows, BATCH);
  return { parse, ...w, total: seconds(t0) };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-bench-import-"));
  const password = "innograph-bench";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "2g", pageCache: "1g" });
  const db = await Database.connect({ uri: local.uri, user: "neo4j", password, timeoutMs: 600000 });
  const out: (string | number)[][] = [];
  const orders: string[] = [];
  try {
    await applySchema(db);
    for (const [si, scale] of SCALES.entries()) {
      const graph = generateEcosystem({ relationships: scale, seed: 1 });
      const dir = path.join(dataDir, `gen-${scale}`);
      await writeEcosystem(dir, graph);
      // The hand batch writes what the importer plans on an empty graph (planning only reads).
      await wipeCold(db);
      const parsed = await readJsonSeed([dir]);
      const plan = await planImport(db, parsed, `import:${parsed.slug}-${(await checksum(parsed.files)).slice(0, 12)}`);
      const rows = handRows(plan);
      const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
      const naiveRows: NaiveRow[] = graph.edges
        .filter((e) => e.type === "PARTICIPATES_IN")
        .slice(0, NAIVE_SAMPLE)
        .map(({ id, type: _t, from, to, sources, ...facts }) => ({
          from,
          fromName: names.get(from) ?? from,
          to,
          toName: names.get(to) ?? to,
          id,
          props: { ...facts, sources: sources.map((s) => s.source), evidence: sources.map((s) => s.evidence) },
        }));
      const runs: { importer: Phases & { rows: number }; hand: Awaited<ReturnType<typeof hand>>; naive: number }[] = [];
      // Round 0 warms the JVM up (the first scale only); it is not counted.
      for (let round = si === 0 ? 0 : 1; round <= REPS; round++) {
        const order = rotate(CONTENDERS, round);
        const r: Partial<(typeof runs)[number]> = {};
        for (const c of order as Contender[]) {
          await wipeCold(db);
          if (c === "importer") r.importer = await importer(db, dir);
          else if (c === "hand") r.hand = await hand(db, dir, rows);
          else r.naive = await naive(db, naiveRows);
        }
        const { importer: i, hand: h, naive: n } = r as (typeof runs)[number];
        console.error(
          `import-generated: ${scale} ${round === 0 ? "warm-up" : `rep ${round}`} (${order.join(" → ")}): importer ${Math.round(i.rows / i.total)} rows/s ` +
            `(read ${i.read.toFixed(2)} s, look-ups ${i.lookups.toFixed(2)} s, Node ${i.node.toFixed(2)} s, nodes ${i.nodes.toFixed(2)} s, edges ${i.edges.toFixed(2)} s), ` +
            `hand ${Math.round(i.rows / h.total)} rows/s (parse ${h.parse.toFixed(2)} s, nodes ${h.nodes.toFixed(2)} s, edges ${h.edges.toFixed(2)} s), naive ${Math.round(n)} rows/s`,
        );
        if (round > 0) {
          runs.push(r as (typeof runs)[number]);
          orders.push(`${scale}: ${order.join(" → ")}`);
        }
      }
      const m = (f: (r: (typeof runs)[number]) => number): number => median(runs.map(f));
      const rowCount = runs[0]!.importer.rows;
      const imp = m((r) => rowCount / r.importer.total);
      const impWrite = m((r) => rowCount / (r.importer.nodes + r.importer.edges));
      // Rows are the input rows the importer loaded, for both (the hand batch writes the same data).
      const hd = m((r) => rowCount / r.hand.total);
      const hdWrite = m((r) => rowCount / (r.hand.nodes + r.hand.edges));
      const nv = m((r) => r.naive);
      out.push([
        scale.toLocaleString("en"),
        rowCount.toLocaleString("en"),
        m((r) => r.importer.read).toFixed(2),
        m((r) => r.importer.lookups).toFixed(2),
        m((r) => r.importer.node).toFixed(2),
        m((r) => r.importer.nodes).toFixed(2),
        m((r) => r.importer.edges).toFixed(2),
        m((r) => r.hand.parse).toFixed(2),
        m((r) => r.hand.nodes).toFixed(2),
        m((r) => r.hand.edges).toFixed(2),
        Math.round(imp),
        Math.round(hd),
        Math.round(nv),
        `${(imp / nv).toFixed(0)}×`,
        `${(imp / hd).toFixed(2)}×`,
        `${(impWrite / hdWrite).toFixed(2)}×`,
        runs.map((r) => (r.hand.total / r.importer.total).toFixed(2)).join(" / "),
      ]);
    }
  } finally {
    await db.close();
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  console.log(
    `\nImport of the generated ecosystem — ${machine()}; medians of ${REPS} runs, batch ${BATCH}; command: SCALES=${SCALES.join(",")} REPS=${REPS} npx tsx test/bench/import-generated.ts`,
  );
  console.log(
    `Each contender on an empty database with an empty query cache; one uncounted warm-up round (importer → hand → naive) before the first scale; order per round: ${orders.join("; ")}\n`,
  );
  console.log(table(["relationships", "rows", ...PHASE_COLUMNS, "write-only ÷ hand write-only", "importer ÷ hand per round"], out));
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
