/** On start: apply the schema, and load the seed graph (with its network measures) when the database is empty. */
import type { Database } from "./db/database.ts";
import { applySchema } from "./db/apply-schema.ts";
import { countGraph } from "./db/count-graph.ts";
import { seedDatabase } from "../seed/seed-database.ts";
import { analyseGraph } from "./analysis/analyse-graph.ts";

export async function prepareGraph(db: Database, seedDir: string, log: (line: string) => void): Promise<void> {
  const statements = await applySchema(db);
  log(`schema: ${statements} constraints and indexes in place`);
  const before = await countGraph(db);
  if (before.nodes === 0) {
    const loaded = await seedDatabase(db, seedDir);
    log(`seed: the database was empty; loaded ${loaded.nodes} nodes and ${loaded.relationships} relationships`);
    const measures = await analyseGraph(db);
    log(`analyse: measures stored on ${measures.nodes} nodes (${measures.communities} communities)`);
  } else {
    log(`graph: ${before.nodes} nodes and ${before.relationships} relationships`);
  }
}
