// Builds neo4j/target/neo4j-classes.jsa, a class-data-sharing archive (JDK AppCDS) of the classes the
// local Neo4j loads while it starts and runs its first statements. Later starts map the archive
// instead of loading and verifying those classes from the jars one by one (start-neo4j.ts).
// Made once by `npm install` (provision.mjs): a throwaway Neo4j starts on an empty temporary folder
// with -XX:ArchiveClassesAtExit, runs the schema file and a few statements of the kinds the server
// runs, and stops; the JVM writes the archive as it exits. The archive is written beside its final
// name and renamed, so a half-written one is never used. A JVM whose class path or version does not
// match an archive says so in its log and starts without it.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, waitForExit } from "./ports-and-exits.mjs";

const neo4jDir = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(neo4jDir, "target");
export const LAUNCHER_JAR = path.join(target, "innograph-launcher.jar");
export const CLASS_ARCHIVE = path.join(target, "neo4j-classes.jsa");
const PASSWORD = "class-archive";

/** The statements of cypher/schema.cypher (comments dropped, split at a `;` ending a line). */
function schemaStatements() {
  const text = readFileSync(path.join(neo4jDir, "..", "cypher", "schema.cypher"), "utf8");
  return text
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n")
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Statements of the kinds the server runs first: schema checks, counts, a write, look-ups, paths, search. */
const WARM_UP = [
  "SHOW CONSTRAINTS YIELD name RETURN name",
  "SHOW INDEXES YIELD name, state RETURN name, state",
  "UNWIND range(1, 50) AS i CREATE (n:Entity:Organisation {id: 'org:' + i, name: 'Organisation ' + i})",
  "MATCH (a:Entity {id: 'org:1'}), (b:Entity {id: 'org:2'}) CREATE (a)-[:MEMBER_OF {id: 'r1'}]->(b)",
  "MATCH (n:Entity) RETURN count(n) AS nodes",
  "MATCH ()-[r]->() RETURN count(r) AS relationships",
  "MATCH (n:Entity {id: $id}) RETURN n { .* } AS n",
  "MATCH (n:Organisation) WHERE n.name IN ['Organisation 1'] RETURN n.id ORDER BY n.name LIMIT 50",
  "MATCH p = ALL SHORTEST (a:Entity {id: 'org:1'})-[*..4]-(b:Entity {id: 'org:2'}) RETURN p LIMIT 5",
  "MATCH (a:Entity {id: $id})-[r*1..2]-(b) RETURN count(DISTINCT b)",
  "CALL db.index.fulltext.queryNodes('entity_search', 'organisation') YIELD node, score RETURN node.id, score LIMIT 5",
];

/** Builds the archive; resolves true when it exists afterwards. Never throws: without it Neo4j only starts slower. */
export async function buildClassArchive(log = (line) => console.log(line)) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "innograph-class-archive-"));
  const partial = `${CLASS_ARCHIVE}.partial`;
  rmSync(partial, { force: true });
  const boltPort = await freePort();
  const classpath = [LAUNCHER_JAR, readFileSync(path.join(target, "classpath.txt"), "utf8").trim()].join(path.delimiter);
  const child = spawn(
    "java",
    [
      "-Xms1g",
      "-Xmx1g",
      "-XX:+UseG1GC",
      `-XX:ArchiveClassesAtExit=${partial}`,
      // The archive skips a few classes (signed jars, classes not linked yet) and says so, class by class.
      "-Xlog:cds=error,cds+dynamic=error",
      `-Dinnograph.dataDir=${dataDir}`,
      `-Dinnograph.boltPort=${boltPort}`,
      "-Dinnograph.pageCache=64m",
      `-Dinnograph.apocJars=${readFileSync(path.join(target, "apoc-path.txt"), "utf8").trim()}`,
      "-cp",
      classpath,
      "innograph.Launcher",
    ],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, INNOGRAPH_NEO4J_PASSWORD: PASSWORD } },
  );
  const tail = [];
  const ready = new Promise((resolve) => {
    const onData = (chunk) => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 10) tail.shift();
        if (line.includes("innograph-neo4j: ready")) resolve(true);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", () => resolve(false));
    child.once("error", () => resolve(false));
  });
  let ok = false;
  try {
    if (!(await ready)) throw new Error(`Neo4j did not start: ${tail.join(" | ")}`);
    const { default: neo4j } = await import("neo4j-driver");
    const driver = neo4j.driver(`bolt://127.0.0.1:${boltPort}`, neo4j.auth.basic("neo4j", PASSWORD));
    try {
      for (const statement of [...schemaStatements(), "CALL db.awaitIndexes(60)", ...WARM_UP]) {
        await driver.executeQuery(statement, { id: "org:1" });
      }
    } finally {
      await driver.close();
    }
    ok = true;
  } catch (e) {
    log(`neo4j: no class archive (${e instanceof Error ? e.message : String(e)}); Neo4j will start without it`);
  } finally {
    child.kill("SIGTERM");
    if (!(await waitForExit(child, 120_000))) child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (ok && existsSync(partial)) {
    renameSync(partial, CLASS_ARCHIVE);
    return true;
  }
  rmSync(partial, { force: true });
  if (ok) log(`neo4j: the JVM wrote no class archive; Neo4j will start without it (${tail.slice(-3).join(" | ")})`);
  return false;
}
