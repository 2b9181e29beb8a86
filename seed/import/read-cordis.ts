/** Picks the CORDIS layout from the file names present: 2016 TSVs, the bulk CSVs, or FP7 links. */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import type { ParsedImport } from "./import-model.ts";
import { readCordis2016 } from "./read-cordis-2016.ts";
import { readCordisBulk } from "./read-cordis-bulk.ts";
import { readCordisFp7 } from "./read-cordis-fp7.ts";
import { ValidationError } from "../../server/errors.ts";

export async function readCordis(paths: string[]): Promise<ParsedImport> {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length) throw new ValidationError(`import: ${missing.join(", ")}: no such file or folder`);
  const dirs = new Set(paths.map((p) => (existsSync(p) && statSync(p).isDirectory() ? p : path.dirname(p))));
  if (dirs.size !== 1) throw new ValidationError(`import: give one CORDIS folder (or files in one folder); got ${[...dirs].join(", ")}`);
  const dir = [...dirs][0]!;
  const has = (f: string): boolean => existsSync(path.join(dir, f));
  if (has("projects.tsv") && has("organizations.tsv") && has("edges.tsv")) return readCordis2016(dir);
  if (has("project.csv") && has("organization.csv")) return readCordisBulk(dir);
  if (has("organizations.csv") && has("edges.tsv")) return readCordisFp7(dir);
  throw new ValidationError(
    `import: ${dir} holds no CORDIS layout I know: expected projects.tsv + organizations.tsv + edges.tsv (H2020 2016), project.csv + organization.csv (bulk) or organizations.csv + edges.tsv (FP7 links)`,
  );
}
