/**
 * Reads a delimited file (TSV or `;`/`,`-CSV, quoted or not, CRLF or LF, with or without BOM) into
 * rows keyed by header, each with its line number; a row with the wrong number of fields is an issue.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "csv-parse/sync";
import type { Issue } from "./import-model.ts";

export interface TableRow {
  line: number;
  values: Record<string, string>;
}

export interface Table {
  file: string;
  header: string[];
  rows: TableRow[];
  issues: Issue[];
}

export function parseTable(text: string, file: string, delimiter: string): Table {
  const records = parse(text, {
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    info: true,
    // TSV files from CORDIS quote fields that hold quotes ("""ASSOCIATION ""NCSA""""), so quotes stay on.
    quote: '"',
  }) as unknown as { record: string[]; info: { lines: number } }[];
  const name = path.basename(file);
  const [first, ...rest] = records;
  const header = (first?.record ?? []).map((h) => h.trim());
  const rows: TableRow[] = [];
  const issues: Issue[] = [];
  for (const { record, info } of rest) {
    if (record.length !== header.length) {
      issues.push({
        file: name,
        line: info.lines,
        reason: `has ${record.length} fields, the header has ${header.length} (an unquoted "${delimiter === "\t" ? "\\t" : delimiter}" in a value?)`,
      });
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => (values[h] = record[i] ?? ""));
    rows.push({ line: info.lines, values });
  }
  return { file: name, header, rows, issues };
}

export async function readTable(file: string, delimiter: string): Promise<Table> {
  return parseTable(await readFile(file, "utf8"), file, delimiter);
}

/** The columns a reader needs; a missing one makes the whole file unreadable. */
export function missingColumns(table: Table, needed: readonly string[]): string[] {
  return needed.filter((c) => !table.header.includes(c));
}
