/**
 * `npm run bench:startup`: `npm start`'s server (npx tsx server/main.ts) on an existing database —
 * time from spawn to the first 200 on /healthz, and the RSS of the server and of the Neo4j JVM once
 * up. A first start seeds an empty temporary folder (or use DATA_DIR, an already-seeded folder);
 * then RUNS starts on it are timed. When `npm install` built Neo4j's class archive
 * (neo4j/target/neo4j-classes.jsa), every run is a pair of starts, with and without it
 * (NEO4J_CLASS_ARCHIVE=off), alternating which goes first. Loopback only, free ports.
 * Env: RUNS (3), DATA_DIR, SCALE. Asserts nothing.
 */
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../../neo4j/start-neo4j.ts";
import { PROJECT_ROOT } from "../../server/config.ts";
import { machine, median, table } from "./bench-table.ts";
import { generateEcosystem, writeEcosystem } from "./generate/generate-ecosystem.ts";
import { parseScale } from "./generate/parse-scale.ts";

const RUNS = Number(process.env.RUNS ?? 3);
/** Also a generated ecosystem of this many relationships, imported into the folder after the first start. */
const SCALE = process.env.SCALE ? parseScale(process.env.SCALE) : undefined;

/** Imports a generated ecosystem into the (stopped) folder with the real importer, as a child process. */
async function importScale(dataDir: string, relationships: number): Promise<void> {
  const dir = path.join(dataDir, "..", `${path.basename(dataDir)}-gen`);
  await writeEcosystem(dir, generateEcosystem({ relationships, seed: 1 }));
  const bolt = await freePort();
  const t0 = performance.now();
  execFileSync("npx", ["tsx", "seed/import/main.ts", "json", dir], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(bolt), NEO4J_URI: "", CI: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  console.error(
    `startup bench: imported ${relationships.toLocaleString("en")} relationships in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  await rm(dir, { recursive: true, force: true });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function descendants(pid: number): number[] {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,comm="], { encoding: "utf8" });
  const rows = out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/))
    .map(([p, pp, c]) => ({ pid: Number(p), ppid: Number(pp), comm: c ?? "" }));
  const found: number[] = [];
  const walk = (p: number): void => {
    for (const r of rows.filter((x) => x.ppid === p)) {
      found.push(r.pid);
      walk(r.pid);
    }
  };
  walk(pid);
  return found;
}
const comm = (pid: number): string => execFileSync("ps", ["-o", "comm=", "-p", String(pid)], { encoding: "utf8" }).trim();

/** Moments in the server's log, ms after spawn: Neo4j ready, schema checked, HTTP serving. */
const MARKS = { neo4j: /innograph-neo4j: ready/, schema: /^schema: /, serving: /^innograph: serving/ } as const;
type Marks = Partial<Record<keyof typeof MARKS, number>>;

async function startOnce(dataDir: string, archive = true): Promise<{ ms: number; serverMb: number; jvmMb: number; marks: Marks }> {
  const port = await freePort();
  const bolt = await freePort();
  const t0 = performance.now();
  const child: ChildProcess = spawn("npx", ["tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NEO4J_DATA_DIR: dataDir,
      PORT: String(port),
      NEO4J_BOLT_PORT: String(bolt),
      NEO4J_URI: "",
      NEO4J_CLASS_ARCHIVE: archive ? "on" : "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const marks: Marks = {};
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    const at = performance.now() - t0;
    const lines = (pending + chunk.toString("utf8")).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      for (const [mark, pattern] of Object.entries(MARKS) as [keyof typeof MARKS, RegExp][]) {
        if (marks[mark] === undefined && pattern.test(line)) marks[mark] = at;
      }
    }
  });
  child.stderr?.resume();
  let ms = NaN;
  for (let i = 0; i < 2400; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) {
      ms = performance.now() - t0;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await new Promise((r) => setTimeout(r, 1000));
  const procs = descendants(child.pid!);
  let serverMb = 0;
  let jvmMb = 0;
  for (const p of procs) {
    const c = comm(p);
    if (c === "java") jvmMb += await rssMb(p);
    else if (c === "node") serverMb = Math.max(serverMb, await rssMb(p));
  }
  process.kill(-child.pid!, "SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await new Promise((r) => setTimeout(r, 2000));
  return { ms, serverMb, jvmMb, marks };
}

async function main(): Promise<void> {
  const own = !process.env.DATA_DIR;
  const dataDir = process.env.DATA_DIR ?? (await mkdtemp(path.join(os.tmpdir(), "innograph-bench-start-")));
  type Run = Awaited<ReturnType<typeof startOnce>>;
  const runs: Record<"with" | "without", Run[]> = { with: [], without: [] };
  const variants = existsSync(path.join(PROJECT_ROOT, "neo4j", "target", "neo4j-classes.jsa"))
    ? (["with", "without"] as const)
    : (["with"] as const);
  try {
    const first = await startOnce(dataDir);
    console.error(`startup bench: first start (seeds an empty folder): ${(first.ms / 1000).toFixed(1)} s`);
    if (SCALE) await importScale(dataDir, SCALE);
    for (let i = 0; i < RUNS; i++) {
      for (const variant of i % 2 ? [...variants].reverse() : variants) {
        runs[variant].push(await startOnce(dataDir, variant === "with"));
        console.error(`startup bench: run ${i + 1} (${variant} class archive): ${(runs[variant].at(-1)!.ms / 1000).toFixed(1)} s`);
      }
    }
    const graph = SCALE ? `seed + generated ${SCALE.toLocaleString("en")} relationships` : "seed graph";
    const sec = (ms: number | undefined): string => (ms === undefined || Number.isNaN(ms) ? "—" : `${(ms / 1000).toFixed(1)} s`);
    const mid = (list: Run[], pick: (r: Run) => number | undefined): number | undefined => {
      const values = list.map(pick).filter((v): v is number => v !== undefined);
      return values.length ? median(values) : undefined;
    };
    console.log(
      `\nStart-up on an existing database (${graph}) — ${machine()}; median of ${RUNS}; command: npm run bench:startup${SCALE ? ` (SCALE=${process.env.SCALE})` : ""}\n`,
    );
    console.log(
      table(
        [
          "Neo4j class archive",
          "first start (empty folder, seeds)",
          "Neo4j ready",
          "schema checked",
          "HTTP serving",
          "200 on /healthz",
          "server RSS MB",
          "Neo4j JVM RSS MB",
        ],
        variants.map((variant) => {
          const list = runs[variant];
          return [
            variants.length > 1 ? variant : "with (none built)",
            variant === "with" ? sec(first.ms) : "—",
            sec(mid(list, (r) => r.marks.neo4j)),
            sec(mid(list, (r) => r.marks.schema)),
            sec(mid(list, (r) => r.marks.serving)),
            sec(mid(list, (r) => r.ms)),
            mid(list, (r) => r.serverMb)!.toFixed(0),
            mid(list, (r) => r.jvmMb)!.toFixed(0),
          ];
        }),
      ),
    );
  } finally {
    if (own) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
