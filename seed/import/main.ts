/** `npm run import -- <format> <path…> [--dry-run] [--strict] [--source-name …]`: the importer's entry. */
import { loadConfig } from "../../server/config.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { openNeo4j } from "../../server/db/open-neo4j.ts";
import { InnographError } from "../../server/errors.ts";
import { formatIssues, formatSummary } from "./format-summary.ts";
import { analyseGraph } from "../../server/analysis/analyse-graph.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import type { Database } from "../../server/db/database.ts";
import { parseArgs } from "./parse-args.ts";
import { readImport } from "./read-import.ts";
import { runImport } from "./run-import.ts";

/**
 * Refresh the measures at once up to this size. Betweenness is exact up to a fixed work budget and
 * estimated from a seeded sample above, so the refresh grows with the graph, not with its square:
 * about a minute at 220,000 nodes and 1M relationships. Above, `npm run analyse` is advised instead.
 */
const ANALYSE_AT_ONCE_MAX_NODES = 250_000;

async function refreshMeasures(db: Database): Promise<void> {
  const { nodes } = await countGraph(db);
  if (nodes > ANALYSE_AT_ONCE_MAX_NODES) {
    console.log(`import: network measures not refreshed (${nodes} nodes); run \`npm run analyse\` when convenient`);
    return;
  }
  const started = Date.now();
  const measures = await analyseGraph(db, { log: (line) => console.error(line) });
  const b = measures.betweenness;
  console.log(
    `import: network measures refreshed on ${measures.nodes} nodes in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
      `(betweenness ${b.exact ? "exact" : `estimated from ${b.sources} sampled sources`})`,
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const reading = Date.now();
  console.error(`import: reading ${args.paths.join(", ")} (${args.format})`);
  const parsed = await readImport(args.format, args.paths);
  console.error(`import: read ${parsed.rowsRead.toLocaleString("en")} rows in ${((Date.now() - reading) / 1000).toFixed(1)} s`);
  const config = loadConfig(process.env);
  const graph = await openNeo4j(config, (line) => console.error(line));
  try {
    if (!args.dryRun) await applySchema(graph.db);
    const summary = await runImport(graph.db, parsed, {
      dryRun: args.dryRun,
      strict: args.strict,
      sourceName: args.sourceName,
      batchSize: args.batchSize,
      pauseMs: args.pauseMs,
      progress: process.stderr,
    });
    for (const line of formatIssues(summary)) console.error(line);
    console.log(formatSummary(summary));
    if (!args.dryRun) await refreshMeasures(graph.db);
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `import: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
