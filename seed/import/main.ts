/** `npm run import -- <format> <path…> [--dry-run] [--strict] [--source-name …]`: the importer's entry. */
import { loadConfig } from "../../server/config.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { openNeo4j } from "../../server/db/open-neo4j.ts";
import { InnographError } from "../../server/errors.ts";
import { formatIssues, formatSummary } from "./format-summary.ts";
import { parseArgs } from "./parse-args.ts";
import { readImport } from "./read-import.ts";
import { runImport } from "./run-import.ts";

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const parsed = await readImport(args.format, args.paths);
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
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `import: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
