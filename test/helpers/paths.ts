/** Paths the tests share; no I/O on import. */
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SEED_DIR = path.join(ROOT, "seed");
export const FIXTURES = path.join(ROOT, "test", "fixtures");
/** The shared real data (../shared/data beside the clone; CORDIS_DATA overrides): CORDIS, Wikidata. */
export const SHARED_DATA = process.env.CORDIS_DATA ?? path.resolve(ROOT, "..", "shared", "data");
