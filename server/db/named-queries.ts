/**
 * Reads cypher/queries/*.cypher: one query per `// name: …` block, with its description and
 * documented parameters. The same text runs in Neo4j Browser, notebooks, resolvers and tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { PROJECT_ROOT } from "../config.ts";

export interface NamedQuery {
  name: string;
  file: string;
  description: string;
  params: { name: string; doc: string }[];
  text: string;
}

export const QUERY_DIR = path.join(PROJECT_ROOT, "cypher", "queries");

/** Parses one file's blocks; a block runs from its `// name:` line to the next one. */
export function parseQueries(text: string, file: string): NamedQuery[] {
  const blocks = text.split(/^(?=\/\/ name:)/m).filter((b) => b.startsWith("// name:"));
  return blocks.map((block) => {
    const lines = block.split("\n");
    const name = lines[0]!.replace("// name:", "").trim();
    const description =
      lines
        .find((l) => l.startsWith("// description:"))
        ?.replace("// description:", "")
        .trim() ?? "";
    const params = lines
      .filter((l) => l.startsWith("// param:"))
      .flatMap((l) => l.replace("// param:", "").split(";"))
      .flatMap((group) => {
        // "a, b — what they are" or "limit (1–25)": names before the dash, each name's first word.
        const [names = "", doc = ""] = group.split(" — ");
        return names
          .split(",")
          .map((n) => n.trim().split(/[\s(]/)[0]!)
          .filter(Boolean)
          .map((name) => ({ name, doc: doc.trim() }));
      });
    const cypher = lines
      .filter((l) => !l.trim().startsWith("//"))
      .join("\n")
      .trim()
      .replace(/;\s*$/, "");
    return { name, file, description, params, text: cypher };
  });
}

let cache: Map<string, NamedQuery> | undefined;

/** All named queries of cypher/queries, by name; duplicate names are an error. */
export function namedQueries(dir = QUERY_DIR): Map<string, NamedQuery> {
  if (cache && dir === QUERY_DIR) return cache;
  const out = new Map<string, NamedQuery>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith(".cypher"))
    .sort()) {
    for (const q of parseQueries(readFileSync(path.join(dir, file), "utf8"), file)) {
      if (out.has(q.name)) throw new Error(`cypher: query "${q.name}" is defined twice (${out.get(q.name)!.file}, ${file})`);
      out.set(q.name, q);
    }
  }
  if (dir === QUERY_DIR) cache = out;
  return out;
}

export function query(name: string): string {
  const q = namedQueries().get(name);
  if (!q) throw new Error(`cypher: no query named "${name}" in ${QUERY_DIR}`);
  return q.text;
}
