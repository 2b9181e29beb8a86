/** `npm run seed`: applies the schema, loads seed/ into Neo4j (idempotent), computes the network measures; prints the counts. */
import { loadConfig } from "../server/config.ts";
import { applySchema } from "../server/db/apply-schema.ts";
import { openNeo4j } from "../server/db/open-neo4j.ts";
import { InnographError } from "../server/errors.ts";
import { countGraph } from "../server/db/count-graph.ts";
import { seedDatabase } from "./seed-database.ts";
import { analyseGraph } from "../server/analysis/analyse-graph.ts";

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const graph = await openNeo4j(config, (line) => console.log(line));
  try {
    await applySchema(graph.db);
    const loaded = await seedDatabase(graph.db, config.seedDir);
    const measures = await analyseGraph(graph.db);
    console.log(`analyse: measures stored on ${measures.nodes} nodes (${measures.communities} communities)`);
    const counts = await countGraph(graph.db);
    console.log(`seed: loaded ${loaded.nodes} nodes and ${loaded.relationships} relationships from ${config.seedDir}`);
    console.log(`seed: the graph now holds ${counts.nodes} nodes and ${counts.relationships} relationships`);
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof InnographError ? e.message : `seed: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
