/** Reads, validates and loads the seed folder; writes nothing when any record is invalid. */
import type { Database } from "../server/db/database.ts";
import { ValidationError } from "../server/errors.ts";
import { loadSeed, type LoadResult } from "./load-seed.ts";
import { readSeed } from "./read-seed.ts";
import { validateSeed } from "./validate-seed.ts";

export async function seedDatabase(db: Database, dir: string): Promise<LoadResult> {
  const { graph, errors } = validateSeed(await readSeed(dir));
  if (errors.length) {
    const shown = errors.slice(0, 50).join("\n  ");
    const more = errors.length > 50 ? `\n  … and ${errors.length - 50} more` : "";
    throw new ValidationError(`seed: ${errors.length} invalid record(s) in ${dir}; nothing was written:\n  ${shown}${more}`);
  }
  return loadSeed(db, graph);
}
