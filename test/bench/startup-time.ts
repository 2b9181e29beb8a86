/**
 * `npm run bench:startup`: `npm start`'s server (npx tsx server/main.ts) on an existing database —
 * time from spawn to the first 200 on /healthz, and the RSS of the server and of the Neo4j JVM once
 * up. A first start seeds an empty temporary folder (or use DATA_DIR, an already-seeded folder);
 * then RUNS starts on it are timed. When `npm install` built Neo4j's class archive
 * (neo4j/target/neo4j-classes.jsa), every run is a pair of starts, with and without it
 * (NEO4J_CLASS_ARCHIVE=off), alternating which goes first. Loopback only, free ports.
 * Then RUNS pairs of starts with and without the warm-up (server/warm-up.ts), each followed by the page's
 * first requests about other entities than the warm-up's (FIRST_REQUESTS=off leaves these out).
 * Env: RUNS (3), DATA_DIR, SCALE, FIRST_REQUESTS. Asserts nothing.
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
import { createApi } from "../../client/api/operations.ts";

const RUNS = Number(process.env.RUNS ?? 3);
/** Also a generated ecosystem of this many relationships, imported into the folder after the first start. */
const SCALE = process.env.SCALE ? parseScale(process.env.SCALE) : undefined;
/** FIRST_REQUESTS=off leaves out the page's first requests after a start, with and without the warm-up. */
const FIRST_REQUESTS = process.env.FIRST_REQUESTS !== "off";

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

/** `npm start`'s server (npx tsx server/main.ts, its own process group) on dataDir's local Neo4j. */
function spawnServer(dataDir: string, port: number, bolt: number, env: Record<string, string>): ChildProcess {
  return spawn("npx", ["tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_DATA_DIR: dataDir, PORT: String(port), NEO4J_BOLT_PORT: String(bolt), NEO4J_URI: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

async function startOnce(dataDir: string, archive = true): Promise<{ ms: number; serverMb: number; jvmMb: number; marks: Marks }> {
  const port = await freePort();
  const bolt = await freePort();
  const t0 = performance.now();
  const child = spawnServer(dataDir, port, bolt, { NEO4J_CLASS_ARCHIVE: archive ? "on" : "off" });
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

/**
 * A start (with the class archive) and then, as an analyst's first clicks, requests of the page
 * (client/api/operations.ts) about other entities than the warm-up's (server/warm-up.ts takes the most
 * connected first and second): with the warm-up, once it has logged its end; without (WARM_UP=off),
 * after as long (`waitMs`: the paired run's warm-up). Each request's ms.
 */
async function firstRequests(dataDir: string, warm: boolean, waitMs: number): Promise<{ waitedMs: number; requests: [string, number][] }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnServer(dataDir, port, await freePort(), { WARM_UP: warm ? "on" : "off" });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
  child.stderr?.resume();
  try {
    while (!/innograph: serving/.test(out)) {
      if (child.exitCode !== null) throw new Error(`startup bench: the server exited:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const t0 = performance.now();
    if (warm) {
      while (!/innograph: warm-up: /.test(out) && performance.now() - t0 < 300_000) await new Promise((r) => setTimeout(r, 50));
      if (!/innograph: warm-up: \d+ of the page's requests in [\d.]+ s \(/.test(out))
        throw new Error(`startup bench: the warm-up did not end well:\n${out}`);
    } else await new Promise((r) => setTimeout(r, waitMs));
    const waitedMs = performance.now() - t0;
    const api = createApi(`${url}/graphql`);
    const requests: [string, number][] = [];
    const timed = async <T>(name: string, request: () => Promise<T>): Promise<T> => {
      const t = performance.now();
      const r = await request();
      requests.push([name, performance.now() - t]);
      return r;
    };
    const stats = await timed("stats (100)", () => api.stats(100));
    const top = stats.mostConnected.map((m) => m.node);
    const [a, b, c] = [top[3] ?? top[0]!, top[4] ?? top[1]!, top[6] ?? top[1]!];
    const around = await timed("neighbourhood, depth 1", () => api.neighbourhood(a.id, 1));
    await timed("neighbourhood, depth 2", () => api.neighbourhood(b.id, 2));
    await timed("shortestPaths", () => api.shortestPaths(b.id, c.id));
    await timed("search", () => api.search(c.name.split(/\s+/)[0] ?? c.name));
    const recipient = around.nodes.find((n) => n.type === "Project" || n.type === "Organisation");
    if (recipient) await timed("fundingFlows to a recipient", () => api.fundingFlows({ recipientId: recipient.id }));
    return { waitedMs, requests };
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    await new Promise((r) => setTimeout(r, 2000));
  }
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
    if (FIRST_REQUESTS) {
      // The analyst's first requests after a start, with the warm-up and without, alternating which goes first.
      const by: Record<"on" | "off", Awaited<ReturnType<typeof firstRequests>>[]> = { on: [], off: [] };
      for (let i = 0; i < RUNS; i++) {
        const on = i % 2 === 0;
        const first = await firstRequests(dataDir, on, by.on.at(-1)?.waitedMs ?? 15_000);
        by[on ? "on" : "off"].push(first);
        const second = await firstRequests(dataDir, !on, first.waitedMs);
        by[on ? "off" : "on"].push(second);
        console.error(`startup bench: first requests, run ${i + 1}: warm-up ${(by.on.at(-1)!.waitedMs / 1000).toFixed(1)} s`);
      }
      const names = by.on[0]!.requests.map(([n]) => n);
      const cell = (mode: "on" | "off", name: string): number =>
        median(by[mode].map((r) => r.requests.find(([n]) => n === name)?.[1] ?? NaN).filter((v) => !Number.isNaN(v)));
      console.log(
        `\nThe page's first requests after a start (other entities than the warm-up's), ms, median of ${RUNS}; with the warm-up once it ended (median ${(median(by.on.map((r) => r.waitedMs)) / 1000).toFixed(1)} s after serving), without it (WARM_UP=off) after as long\n`,
      );
      console.log(
        table(
          ["request", "without warm-up", "with warm-up"],
          [...names, "all"].map((name) =>
            name === "all"
              ? [
                  "all",
                  ...(["off", "on"] as const).map((m) => median(by[m].map((r) => r.requests.reduce((x, [, v]) => x + v, 0))).toFixed(0)),
                ]
              : [name, cell("off", name).toFixed(0), cell("on", name).toFixed(0)],
          ),
        ),
      );
    }
  } finally {
    if (own) await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`bench: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
