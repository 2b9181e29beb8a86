/**
 * `npm start`'s prestart: builds the page with Vite only when dist/client is missing or older than
 * any file in client/, vite.config.ts or server/domain/partial-date.ts (which the page imports).
 * Exported for the e2e tests; run directly it builds and exits.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DIST = path.join(ROOT, "dist", "client");
const INPUTS = [path.join(ROOT, "client"), path.join(ROOT, "vite.config.ts"), path.join(ROOT, "server", "domain", "partial-date.ts")];

function newest(file) {
  const s = statSync(file);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(file).map((f) => newest(path.join(file, f))));
}

function oldestOutput() {
  const marks = ["index.html", "graphiql.html"].map((f) => path.join(DIST, f));
  if (!marks.every(existsSync)) return -Infinity;
  return Math.min(...marks.map((f) => statSync(f).mtimeMs));
}

export function isStale() {
  return oldestOutput() < Math.max(...INPUTS.filter(existsSync).map(newest));
}

/** Builds when stale; returns whether it built. */
export function buildIfStale({ quiet = false } = {}) {
  if (!isStale()) return false;
  execFileSync(
    process.execPath,
    [path.join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", path.join(ROOT, "vite.config.ts")],
    {
      cwd: ROOT,
      stdio: quiet ? "pipe" : "inherit",
    },
  );
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (!buildIfStale()) process.stdout.write("client: dist/client is up to date\n");
}
