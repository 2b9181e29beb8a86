/**
 * Starts the local Neo4j (innograph.Launcher) as a child process and resolves once Bolt accepts
 * connections. stop() shuts it down cleanly (SIGTERM → the JVM's shutdown hook → no store recovery).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, UpstreamUnavailableError } from "../server/errors.ts";
import { freePort, waitForExit } from "./ports-and-exits.mjs";

const NEO4J_DIR = path.dirname(fileURLToPath(import.meta.url));

export interface LocalNeo4jOptions {
  dataDir: string;
  boltPort: number;
  password: string;
  heap: string;
  pageCache: string;
  /** Receives the server's log lines (stdout and stderr). */
  onLog?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  stop(): Promise<void>;
}

/** Resolves true when something listens on 127.0.0.1:port. */
export function isPortTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(true));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(false)));
  });
}

export { freePort };

/**
 * The launcher's class path (its jar, or its classes folder before a first jar), the APOC jars, and
 * the JVM options that map the class archive made by `npm install` (build-class-archive.mjs) when
 * there is one. An archive only works with jars on the class path; one that no longer matches them
 * (the jars changed since) is refused by the JVM with a warning in Neo4j's log, and Neo4j starts without it.
 * NEO4J_CLASS_ARCHIVE=off starts without it (to compare, or to rule it out).
 */
function readClasspath(): { classpath: string; apocJars: string; archive: string[] } {
  const target = path.join(NEO4J_DIR, "target");
  const cp = path.join(target, "classpath.txt");
  const apoc = path.join(target, "apoc-path.txt");
  const jar = path.join(target, "innograph-launcher.jar");
  const classes = path.join(target, "classes");
  const launcher = existsSync(jar) ? jar : classes;
  if (!existsSync(cp) || !existsSync(apoc) || !existsSync(launcher)) {
    throw new ConfigError("neo4j: the local Neo4j is not installed; run `npm install` (it fetches the jars with Maven)");
  }
  const deps = readFileSync(cp, "utf8").trim();
  const archive = path.join(target, "neo4j-classes.jsa");
  return {
    classpath: [launcher, deps].join(path.delimiter),
    apocJars: readFileSync(apoc, "utf8").trim(),
    archive:
      launcher === jar && existsSync(archive) && process.env.NEO4J_CLASS_ARCHIVE !== "off" ? [`-XX:SharedArchiveFile=${archive}`] : [],
  };
}

export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const { classpath, apocJars, archive } = readClasspath();
  if (await isPortTaken(options.boltPort)) {
    throw new ConfigError(
      `neo4j: port ${options.boltPort} on 127.0.0.1 is taken (another Neo4j?); stop it, set NEO4J_BOLT_PORT to a free port, or set NEO4J_URI to use that server`,
    );
  }
  const args = [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    "-XX:+UseG1GC",
    "-XX:+ExitOnOutOfMemoryError",
    ...archive,
    "-Dfile.encoding=UTF-8",
    `-Dinnograph.dataDir=${options.dataDir}`,
    `-Dinnograph.boltPort=${options.boltPort}`,
    `-Dinnograph.pageCache=${options.pageCache}`,
    `-Dinnograph.apocJars=${apocJars}`,
    "-cp",
    classpath,
    "innograph.Launcher",
  ];
  const child = spawn("java", args, {
    stdio: ["ignore", "pipe", "pipe"],
    // The password travels in the environment, not on the command line that `ps` shows.
    env: { ...process.env, INNOGRAPH_NEO4J_PASSWORD: options.password },
  });
  const log = options.onLog ?? (() => {});
  const tail: string[] = [];
  const onData = (chunk: Buffer): void => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line.trim()) continue;
      tail.push(line);
      if (tail.length > 20) tail.shift();
      log(line);
    }
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);

  const uri = `bolt://127.0.0.1:${options.boltPort}`;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(
        new UpstreamUnavailableError(
          `neo4j: did not become ready within ${(options.startTimeoutMs ?? 120000) / 1000} s; last lines:\n${tail.join("\n")}`,
        ),
      );
    }, options.startTimeoutMs ?? 120000);
    child.stdout.on("data", (chunk: Buffer) => {
      if (chunk.toString("utf8").includes("innograph-neo4j: ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("error", (e) => {
      clearTimeout(timer);
      reject(new ConfigError(`neo4j: cannot run java: ${e.message}; install it with: apt-get install openjdk-17-jdk-headless`));
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      const reason = tail.filter((l) => l.startsWith("innograph-neo4j:")).join("; ") || tail.slice(-5).join("\n");
      reject(new UpstreamUnavailableError(`neo4j: exited with code ${code} while starting: ${reason}`));
    });
  });

  let stopping: Promise<void> | undefined;
  return {
    uri,
    pid: child.pid ?? -1,
    stop() {
      stopping ??= (async () => {
        child.kill("SIGTERM");
        if (!(await waitForExit(child, 60000))) {
          log("innograph-neo4j: did not stop within 60 s; killing it");
          child.kill("SIGKILL");
          await waitForExit(child, 5000);
        }
      })();
      return stopping;
    },
  };
}
