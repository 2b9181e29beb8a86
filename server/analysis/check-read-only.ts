/**
 * A lexical guard in front of the read-only Cypher endpoints. The read transaction already refuses
 * writes; this refuses, with a clear message, what a read transaction would allow but an API must
 * not: reading files and URLs (LOAD CSV, apoc.load/import/export), batched writes, other databases,
 * server administration. Comments and string literals are blanked first, so `'LOAD CSV'` in a
 * string is not a hit.
 */
import { ValidationError } from "../errors.ts";

/** Blanks comments, string literals and `quoted` names, keeping the length. */
export function stripLiterals(cypher: string): string {
  return cypher.replace(/\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, (m) => m.replace(/[^\n]/g, " "));
}

const REFUSED: { pattern: RegExp; why: string }[] = [
  { pattern: /\bLOAD\s+CSV\b/i, why: "LOAD CSV reads files and URLs" },
  { pattern: /\bIN\s+(?:\d+\s+CONCURRENT\s+)?TRANSACTIONS\b/i, why: "CALL … IN TRANSACTIONS commits batches of its own" },
  {
    pattern: /\bapoc\s*\.\s*(load|import|export|periodic|trigger|systemdb|config|log)\b/i,
    why: "this APOC procedure reaches files, URLs, schedules or writes",
  },
  // These run Cypher given as a string, which the guard cannot see into.
  { pattern: /\bapoc\s*\.\s*(cypher|when|case|do)\b/i, why: "APOC procedures that run Cypher from a string are not allowed" },
  { pattern: /\bdbms\s*\./i, why: "dbms procedures administer the server" },
  { pattern: /(^\s*|\bUNION(\s+ALL)?\s+|\{\s*)USE\s+[\w`]/i, why: "USE switches to another database" },
  { pattern: /\bTERMINATE\s+TRANSACTIONS?\b/i, why: "TERMINATE TRANSACTIONS stops other users' work" },
];

export function checkReadOnly(cypher: string, where = "cypher"): void {
  const text = stripLiterals(cypher);
  for (const { pattern, why } of REFUSED) {
    const hit = pattern.exec(text);
    if (hit) {
      throw new ValidationError(`${where}: refused — ${why}; this endpoint only reads the graph (found \`${hit[0].trim()}\`)`);
    }
  }
}
