/**
 * The soak's throwaway stack on loopback: a Neo4j in a temporary folder on a free port (restartable
 * for the outage), the importer as a child process, and the API server (`server/main.ts`) as a child
 * process pointed at that Neo4j, so the clients in this process do not share its event loop.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort, startLocalNeo4j, type LocalNeo4j } from "../../../neo4j/start-neo4j.ts";
import { PROJECT_ROOT } from "../../../server/config.ts";
import { Database } from "../../../server/db/database.ts";
import { startCli, waitForOutput } from "../../helpers/run-cli.ts";

export const PASSWORD = "soak-password";

export interface SoakNeo4j {
  uri: string;
  dataDir: string;
  /** Stops Neo4j cleanly (SIGTERM). */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

export async function startNeo4j(name: string): Promise<SoakNeo4j> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `innograph-soak-${name}-`));
  const options = { dataDir, boltPort: await freePort(), password: PASSWORD, heap: "1g", pageCache: "512m" };
  let running: LocalNeo4j | undefined = await startLocalNeo4j(options);
  return {
    uri: running.uri,
    dataDir,
    async stop() {
      await running?.stop();
      running = undefined;
    },
    async start() {
      running ??= await startLocalNeo4j(options);
    },
    async dispose() {
      await running?.stop();
      running = undefined;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export const connect = (uri: string): Promise<Database> => Database.connect({ uri, user: "neo4j", password: PASSWORD, timeoutMs: 120_000 });

/** `npm run import -- …` against uri, as a child process (tsx loaded into node, so SIGKILL hits the importer itself). */
export function startImport(uri: string, args: string[]): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "seed", "import", "main.ts"), ...args], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NEO4J_URI: uri, NEO4J_PASSWORD: PASSWORD },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function finished(child: ChildProcess, timeoutMs: number): Promise<{ code: number | null; signal: string | null; out: string }> {
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`soak: a child process did not finish within ${timeoutMs / 1000} s:\n${out.slice(-2000)}`));
    }, timeoutMs);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}

export interface SoakApi {
  url: string;
  stop(): Promise<void>;
}

/** The API server as a user starts it, on a free port; resolves once it serves. */
export async function startApi(uri: string): Promise<SoakApi> {
  const port = await freePort();
  // SOAK_API_NODE_OPTIONS (diagnostics only): Node options for the API server, e.g. `--require FILE` with a
  // preload that starts and writes a CPU profile (node:inspector). Node 20 refuses `--cpu-prof` in NODE_OPTIONS
  // ("--cpu-prof is not allowed in NODE_OPTIONS"); the server sees only PATH, HOME and the variables set here.
  const nodeOptions = process.env.SOAK_API_NODE_OPTIONS;
  // WARM_UP=off (to compare): the server without its warm-up after start and after the outage (server/warm-up.ts).
  const warmUp = process.env.WARM_UP;
  const child = startCli("server/main.ts", [], {
    NEO4J_URI: uri,
    NEO4J_PASSWORD: PASSWORD,
    PORT: String(port),
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...(warmUp ? { WARM_UP: warmUp } : {}),
  });
  // The server's warm-up lines, with the time they came, on the soak's log.
  const origin = Date.now();
  child.stdout!.on("data", (d: Buffer) => {
    for (const line of d.toString().split("\n")) {
      if (/innograph: .*warm/.test(line)) process.stderr.write(`soak: API at ${((Date.now() - origin) / 1000).toFixed(1)} s: ${line}\n`);
    }
  });
  await waitForOutput(child, /innograph: serving/, 120_000);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
