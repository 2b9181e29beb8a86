// npm's postinstall: fetches the Neo4j 5.26 jars (database, Bolt, APOC) into Maven's cache, compiles
// the launcher in neo4j/ into a jar, and builds the class archive that makes Neo4j start faster
// (build-class-archive.mjs). A second run with nothing changed only checks, and says so.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CLASS_ARCHIVE, LAUNCHER_JAR, buildClassArchive } from "./build-class-archive.mjs";

const neo4jDir = path.dirname(fileURLToPath(import.meta.url));
const target = path.join(neo4jDir, "target");
const stamp = path.join(target, ".provisioned");
const inputs = ["pom.xml", "src/main/java/innograph/Launcher.java"].map((f) => path.join(neo4jDir, f));

function has(cmd, args) {
  return spawnSync(cmd, args, { stdio: "ignore" }).status === 0;
}

if (process.env.INNOGRAPH_SKIP_NEO4J === "1") {
  console.log("neo4j: INNOGRAPH_SKIP_NEO4J=1, not fetching the local Neo4j");
  process.exit(0);
}
const missing = [!has("java", ["-version"]) && "java", !has("mvn", ["-v"]) && "mvn"].filter(Boolean);
if (missing.length) {
  const msg = `neo4j: ${missing.join(" and ")} not found; install them with: apt-get install openjdk-17-jdk-headless maven (or set NEO4J_URI to use your own Neo4j and INNOGRAPH_SKIP_NEO4J=1)`;
  console.error(msg);
  process.exit(1);
}

const digest = createHash("sha256");
for (const f of inputs) digest.update(readFileSync(f));
const want = digest.digest("hex");
const classpathFile = path.join(target, "classpath.txt");
const upToDate =
  existsSync(stamp) &&
  readFileSync(stamp, "utf8") === want &&
  existsSync(classpathFile) &&
  readFileSync(classpathFile, "utf8")
    .split(path.delimiter)
    .every((jar) => existsSync(jar));
/** The class archive, when missing (built once; about half a minute). */
async function ensureClassArchive() {
  if (existsSync(CLASS_ARCHIVE)) return;
  console.log("neo4j: building the class archive that speeds up Neo4j's start (about half a minute, once)");
  if (await buildClassArchive()) console.log(`neo4j: class archive ready (${path.relative(process.cwd(), CLASS_ARCHIVE)})`);
}

if (upToDate && existsSync(LAUNCHER_JAR)) {
  await ensureClassArchive();
  console.log("neo4j: jars and launcher are up to date");
  process.exit(0);
}
console.log("neo4j: fetching Neo4j 5.26 jars from Maven Central and compiling the launcher (first run: about a minute)");
try {
  execFileSync("mvn", ["-q", "-B", "-f", path.join(neo4jDir, "pom.xml"), "compile"], { stdio: "inherit" });
} catch {
  console.error("neo4j: mvn failed (see above); check that Maven Central is reachable, then run npm install again");
  process.exit(1);
}
// One jar instead of the classes folder: a class archive accepts only jars on the class path.
rmSync(CLASS_ARCHIVE, { force: true });
try {
  execFileSync("jar", ["--create", "--file", LAUNCHER_JAR, "-C", path.join(target, "classes"), "."], { stdio: "inherit" });
} catch {
  console.error("neo4j: `jar` failed (see above); it comes with the JDK: apt-get install openjdk-17-jdk-headless");
  process.exit(1);
}
writeFileSync(stamp, want);
await ensureClassArchive();
console.log("neo4j: ready (neo4j/target/classpath.txt)");
