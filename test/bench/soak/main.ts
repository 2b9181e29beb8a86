/**
 * `npm run soak [-- load|outage|kill|hostile …]`: the load and fault soak, bounded in time, on
 * loopback only. Starts its own Neo4j (temporary folder, free port), imports the 100k-relationship
 * generated graph, serves it with the API server as a child process, runs the chosen parts, prints
 * Markdown tables and exits 1 when an expectation fails.
 */
import { prepareStack, type SoakStack } from "./prepare-stack.ts";
import { hostilePart } from "./part-hostile.ts";
import { killPart } from "./part-kill.ts";
import { loadPart } from "./part-load.ts";
import { outagePart } from "./part-outage.ts";
import { table, type PartReport } from "./summarise.ts";

const PARTS = ["load", "hostile", "outage", "kill"] as const;
type Part = (typeof PARTS)[number];
/** The whole soak stops itself after this long, whatever happens. */
const WATCHDOG_MS = 15 * 60_000;

const log = (line: string): void => void process.stderr.write(`${line}\n`);

function parseParts(argv: string[]): Part[] {
  if (!argv.length || argv.includes("all")) return [...PARTS];
  for (const a of argv) {
    if (!(PARTS as readonly string[]).includes(a))
      throw new Error(`soak: unknown part ${JSON.stringify(a)}; expected any of ${PARTS.join(", ")} or all`);
  }
  return PARTS.filter((p) => argv.includes(p));
}

async function main(): Promise<number> {
  const parts = parseParts(process.argv.slice(2));
  const started = Date.now();
  const stack: SoakStack = await prepareStack(log);
  const watchdog = setTimeout(() => {
    log(`soak: still running after ${WATCHDOG_MS / 60_000} min; stopping`);
    void stack.dispose().finally(() => process.exit(2));
  }, WATCHDOG_MS);
  const reports: PartReport[] = [];
  try {
    const url = stack.api!.url;
    for (const part of parts) {
      log(`soak: ${part} …`);
      if (part === "load") reports.push(await loadPart(url, stack.sample));
      if (part === "hostile") reports.push(await hostilePart(url, stack.sample));
      if (part === "outage") reports.push(await outagePart(url, stack.neo4j, stack.sample));
      if (part === "kill") {
        await stack.stopApi(); // the second Neo4j and the importer want the CPU
        reports.push(await killPart(stack.graph, stack.clean));
      }
    }
  } finally {
    clearTimeout(watchdog);
    await stack.dispose();
  }
  const checks = reports.flatMap((r) => r.checks);
  const out = [
    `Graph: ${stack.graph.label}; clean import ${stack.importSeconds.toFixed(0)} s. Parts: ${parts.join(", ")}. Whole soak: ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    ...reports.flatMap((r) => ["", `### ${r.title}`, "", r.text]),
    "",
    "### Expectations",
    "",
    table(
      ["expectation", "result", "detail"],
      checks.map((c) => [c.name, c.ok ? "pass" : "**FAIL**", c.detail.replace(/\|/g, "\\|").replace(/\n/g, " ")]),
    ),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    const error = e as Error;
    log(error.message?.startsWith("soak:") ? error.message : `soak: failed: ${error.stack ?? String(e)}`);
    process.exit(1);
  },
);
