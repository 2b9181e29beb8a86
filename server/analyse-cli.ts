/**
 * `npm run analyse`: computes the network measures (degree, weightedDegree, betweenness, pagerank,
 * community) over the graph and stores them on its nodes. Opens the graph like `npm run seed`.
 */
import { loadConfig } from "./config.ts";
import { openNeo4j } from "./db/open-neo4j.ts";
import { InnographError } from "./errors.ts";
import { analyseGraph, describeBetweenness } from "./analysis/analyse-graph.ts";

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const graph = await openNeo4j(config, log);
  try {
    const started = Date.now();
    const summary = await analyseGraph(graph.db, { log: progress });
    log(
      `analyse: stored degree, weightedDegree, betweenness, pagerank and community on ${summary.nodes} nodes ` +
        `(${summary.relationships} relationships, ${summary.communities} communities) in ${Date.now() - started} ms; ` +
        `betweenness ${describeBetweenness(summary.betweenness)}`,
    );
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof InnographError ? e.message : `analyse: failed: ${(e as Error).stack ?? String(e)}`}\n`);
  process.exit(1);
});
