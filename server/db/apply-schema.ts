/** Applies cypher/schema.cypher statement by statement, then waits for the indexes to come online. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";
import type { Database } from "./database.ts";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "cypher", "schema.cypher");

/** Splits a Cypher file into statements: `;` at the end of a line ends one; `//` lines are comments. */
export function splitStatements(text: string): string[] {
  const body = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("//"))
    .join("\n");
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export async function applySchema(db: Database, file = SCHEMA_FILE): Promise<number> {
  const statements = splitStatements(await readFile(file, "utf8"));
  for (const statement of statements) {
    await db.autoCommit(statement, {}, { what: `schema (${path.basename(file)})` });
  }
  await db.autoCommit("CALL db.awaitIndexes(120)", {}, { what: "schema: waiting for indexes", timeoutMs: 130000 });
  return statements.length;
}
