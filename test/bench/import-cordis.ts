/**
 * `npm run bench:import`: the importer on the full CORDIS H2020 (2016 layout) and then FP7 link data
 * (resolved against H2020's organisations), against a hand-written `UNWIND … MERGE` batch writing the
 * importer's rows and properties (import-baselines.ts) and a naive one-row-per-transaction MERGE of
 * 500 participations. Fair order: every contender starts on an empty database with an empty query
 * cache; one uncounted warm-up round first (JIT); then REPS rounds whose order rotates. The importer's
 * time is broken down per phase from its own calls; the network-measure refresh of `npm run import`
 * is not part of it. Prints medians; asserts nothing. Env: REPS (default 3), BATCH_SIZE (2000), CORDIS_DATA.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import { readTable } from "../../seed/import/read-table.ts";
import { planImport } from "../../seed/import/plan-import.ts";
import { checksum, runImport } from "../../seed/import/run-import.ts";
import type { ParsedImport } from "../../seed/import/import-model.ts";
import { machine, median, table } from "./bench-table.ts";
import { SHARED_DATA } from "../helpers/paths.ts";
import {
  PHASE_COLUMNS,
  handBatch,
  handRows,
  naive,
  rotate,
  seconds,
  timedImport,
  wipeCold,
  type HandRows,
  type NaiveRow,
  type Phases,
} from "./import-baselines.ts";

const DATA = SHARED_DATA;
const REPS = Number(process.env.REPS ?? 3);
const BATCH = Number(process.env.BATCH_SIZE ?? 2000);
const SAMPLE = 500;
const CONTENDERS = ["importer", "hand", "naive"] as const;
const SETS = [
  {
    label: "H2020 2016 layout",
    dir: path.join(DATA, "cordis-h2020-2016"),
    files: [
      ["projects.tsv", "\t"],
      ["organizations.tsv", "\t"],
      ["edges.tsv", "\t"],
    ],
  },
  {
    label: "FP7 links",
    dir: path.join(DATA, "cordis-fp7"),
    files: [
      ["organizations.csv", ";"],
      ["edges.tsv", "\t"],
    ],
  },
] as const;

const importSet = (db: Database, dir: string): Promise<Phases> => timedImport(db, () => readCordis([dir]), BATCH);

/** The hand-written loader parses the same files (csv-parse, no validation), then writes. */
async function handSet(
  db: Database,
  set: (typeof SETS)[number],
  rows: HandRows,
): Promise<{ total: number; parse: number; nodes: number; edges: number }> {
  const t0 = performance.now();
  for (const [f, delimiter] of set.files) await readTable(path.join(set.dir, f), delimiter);
  const parse = seconds(t0);
  const w = await handBatch(db, rows, BATCH);
  return { parse, ...w, total: seconds(t0) };
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-bench-"));
  const password = "innograph-bench";
  const local = await startLocalNeo4j({ dataDir, boltPort: await freePort(), password, heap: "2g", pageCache: "1g" });
  const db = await Database.connect({ uri: local.uri, user: "neo4j", password, timeoutMs: 600000 });
  const lines: string[] = [];
  const log = (line: string): void => {
    lines.push(line);
    console.error(line);
  };
  type Round = { importer: Phases[]; hand: Awaited<ReturnType<typeof handSet>>[]; naive: number; graph: string };
  const runs: Round[] = [];
  const orders: string[] = [];
  const hand: HandRows[] = [];
  try {
    await applySchema(db);
    // The hand batch writes what the importer plans: H2020 on an empty graph, FP7 on the graph H2020 made.
    await wipeCold(db);
    for (const set of SETS) {
      const parsed: ParsedImport = await readCordis([set.dir]);
      hand.push(handRows(await planImport(db, parsed, `import:${parsed.slug}-${(await checksum(parsed.files)).slice(0, 12)}`)));
      await runImport(db, parsed, { batchSize: BATCH });
    }
    const h2020 = await readCordis([SETS[0].dir]);
    const names = new Map(h2020.nodes.map((n) => [n.id, n.name]));
    const naiveRows: NaiveRow[] = h2020.edges
      .filter((e) => e.type === "PARTICIPATES_IN")
      .slice(0, SAMPLE)
      .map((e) => ({
        from: e.from,
        fromName: names.get(e.from) ?? e.from,
        to: e.to,
        toName: names.get(e.to) ?? e.to,
        id: e.id,
        props: e.props,
      }));
    for (let round = 0; round <= REPS; round++) {
      const order = rotate(CONTENDERS, round);
      const r: Partial<Round> = {};
      for (const c of order) {
        await wipeCold(db);
        if (c === "importer") {
          r.importer = [];
          for (const set of SETS) r.importer.push(await importSet(db, set.dir));
          const g = await countGraph(db);
          r.graph = `${g.nodes.toLocaleString("en")} nodes, ${g.relationships.toLocaleString("en")} relationships`;
        } else if (c === "hand") {
          r.hand = [];
          for (const [i, set] of SETS.entries()) r.hand.push(await handSet(db, set, hand[i]!));
        } else r.naive = await naive(db, naiveRows);
      }
      const done = r as Round;
      const ph = (p: Phases): string =>
        `${p.rows} rows ${p.total.toFixed(1)} s = ${Math.round(p.rows / p.total)} rows/s (read ${p.read.toFixed(2)}, look-ups ${p.lookups.toFixed(2)}, Node ${p.node.toFixed(2)}, nodes ${p.nodes.toFixed(2)}, edges ${p.edges.toFixed(2)}; ${p.counts})`;
      log(`bench:import ${round === 0 ? "warm-up" : `rep ${round}`} (${order.join(" → ")}); importer graph: ${done.graph}`);
      SETS.forEach((set, i) => {
        const h = done.hand[i]!;
        log(`  ${set.label}: importer ${ph(done.importer[i]!)}`);
        log(
          `  ${set.label}: hand ${done.importer[i]!.rows} rows (${hand[i]!.count} nodes and relationships) ${h.total.toFixed(1)} s = ${Math.round(done.importer[i]!.rows / h.total)} rows/s (parse ${h.parse.toFixed(2)}, nodes ${h.nodes.toFixed(2)}, edges ${h.edges.toFixed(2)})`,
        );
      });
      log(`  naive ${SAMPLE} participations, one MERGE transaction each = ${Math.round(done.naive)} rows/s`);
      if (round > 0) {
        runs.push(done);
        orders.push(order.join(" → "));
      }
    }
  } finally {
    await db.close();
    await local.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  const out = SETS.map((set, i) => {
    const m = (f: (r: Round) => number): number => median(runs.map(f));
    const rows = runs[0]!.importer[i]!.rows;
    const imp = m((r) => rows / r.importer[i]!.total);
    // Rows are the input rows the importer loaded, for both (the hand batch writes the same data).
    const hd = m((r) => rows / r.hand[i]!.total);
    const nv = m((r) => r.naive);
    return [
      set.label,
      rows.toLocaleString("en"),
      ...(["read", "lookups", "node", "nodes", "edges"] as const).map((k) => m((r) => r.importer[i]![k]).toFixed(2)),
      ...(["parse", "nodes", "edges"] as const).map((k) => m((r) => r.hand[i]![k]).toFixed(2)),
      Math.round(imp),
      Math.round(hd),
      Math.round(nv),
      `${(imp / nv).toFixed(0)}×`,
      `${(imp / hd).toFixed(2)}×`,
      runs.map((r) => (r.hand[i]!.total / r.importer[i]!.total).toFixed(2)).join(" / "),
    ];
  });
  console.log(
    `\nbench:import (CORDIS) — ${machine()}; medians of ${REPS} rounds, batch ${BATCH}; command: REPS=${REPS} npm run bench:import`,
  );
  console.log(
    `Each contender on an empty database with an empty query cache; one uncounted warm-up round (importer → hand → naive); order per round: ${orders.join("; ")}\n`,
  );
  console.log(table(["data", "rows", ...PHASE_COLUMNS, "importer ÷ hand per round"], out));
  console.log(`importer graph after H2020 + FP7: ${runs.map((r) => r.graph).join("; ")}`);
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
