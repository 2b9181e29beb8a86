/** Dispatches to the reader of a format. */
import type { ParsedImport } from "./import-model.ts";
import type { Format } from "./parse-args.ts";
import { readCordis } from "./read-cordis.ts";
import { readCsvMapping } from "./read-csv-mapping.ts";
import { readJsonSeed } from "./read-json-seed.ts";

export function readImport(format: Format, paths: string[]): Promise<ParsedImport> {
  if (format === "cordis") return readCordis(paths);
  if (format === "csv") return readCsvMapping(paths);
  return readJsonSeed(paths);
}
