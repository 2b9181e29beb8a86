/** On start: apply the schema, and load the seed graph (with its network measures) when the database is empty. */
import type { Database } from "./db/database.ts";
import { applySchema } from "./db/apply-schema.ts";
import { countGraph } from "./db/count-graph.ts";

export async function prepareGraph(db: Database, seedDir: string, log: (line: string) => void): Promise<void> {
  const schema = await applySchema(db);
  log(`schema: ${schema.statements} constraints and indexes in place${schema.created ? ` (${schema.created} created)` : ""}`);
  const before = await countGraph(db);
  if (before.nodes === 0) {
    // Loaded only for a first start: an existing database needs neither.
    const [{ seedDatabase }, { analyseGraph }] = await Promise.all([
      import("../seed/seed-database.ts"),
      import("./analysis/analyse-graph.ts"),
    ]);
    const loaded = await seedDatabase(db, seedDir);
    log(`seed: the database was empty; loaded ${loaded.nodes} nodes and ${loaded.relationships} relationships`);
    const measures = await analyseGraph(db);
    log(`analyse: measures stored on ${measures.nodes} nodes (${measures.communities} communities)`);
  } else {
    log(`graph: ${before.nodes} nodes and ${before.relationships} relationships`);
  }
}
