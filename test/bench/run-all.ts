/**
 * `npm run bench`: every benchmark part, one after another (each also runs alone):
 * import (bench:import: CORDIS; test/bench/import-generated.ts: the generated ecosystem), API latency
 * (bench:api, bench:api-breakdown), start-up (bench:startup), page (bench:client). Load and faults run apart: npm run soak.
 * Each part prints its own tables; BENCHMARKS.md holds the figures of a run and the commands.
 */
import { spawnSync } from "node:child_process";
import { PROJECT_ROOT } from "../../server/config.ts";

const PARTS = ["bench:import", "import-generated", "bench:api", "bench:api-breakdown", "bench:startup", "bench:client"];
const COMMANDS: Record<string, string[]> = { "import-generated": ["npx", "tsx", "test/bench/import-generated.ts"] };
const only = process.argv.slice(2);
let failed = 0;
for (const part of PARTS.filter((p) => !only.length || only.includes(p))) {
  const [cmd, ...args] = COMMANDS[part] ?? ["npm", "run", "-s", part];
  console.log(`\n## ${[cmd, ...args].join(" ")}\n`);
  const r = spawnSync(cmd!, args, { cwd: PROJECT_ROOT, stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.error(`bench: ${part} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
