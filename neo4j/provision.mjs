// npm's postinstall: fetches the Neo4j 5.26 jars (database, Bolt, APOC) into Maven's cache and
// compiles the launcher in neo4j/. A second run with nothing changed only checks, and says so.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

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
if (upToDate) {
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
writeFileSync(stamp, want);
console.log("neo4j: ready (neo4j/target/classpath.txt)");
