/**
 * `npm run query -- NAME key=value … [--csv | --json] [--out FILE] [--max-rows N]`: runs one named
 * query of cypher/queries read-only and prints a table (or CSV / JSON to stdout or FILE).
 * `npm run query -- --list` lists the queries and their parameters. Values: 12 → INTEGER, 2.5 → FLOAT,
 * [a,b] → list, JSON lists and maps as such, anything else a string. Opens the graph like
 * `npm run seed`: NEO4J_URI, or the local Neo4j (reusing one that runs).
 */
import { writeFileSync } from "node:fs";
import { loadConfig } from "./config.ts";
import { openNeo4j } from "./db/open-neo4j.ts";
import { namedQueries } from "./db/named-queries.ts";
import { InnographError, ValidationError } from "./errors.ts";
import { checkParams, MAX_ROWS, paramType, parseCliParams, toCypherParams } from "./analysis/query-params.ts";
import { runReadQuery, type ReadResult } from "./analysis/run-read-query.ts";
import { toCsv } from "./http/api/serialise/to-csv.ts";
import { findQuery } from "./http/api/query-routes.ts";

const USAGE = "usage: npm run query -- NAME key=value … [--csv | --json] [--out FILE] [--max-rows N]   (npm run query -- --list)";
const err = (line: string): void => void process.stderr.write(`${line}\n`);

interface Args {
  name: string | undefined;
  params: string[];
  format: "table" | "csv" | "json";
  out: string | undefined;
  maxRows: number;
  list: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { name: undefined, params: [], format: "table", out: undefined, maxRows: MAX_ROWS, list: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--csv" || a === "--json") args.format = a === "--csv" ? "csv" : "json";
    else if (a === "--list") args.list = true;
    else if (a === "--out") args.out = argv[++i] ?? "";
    else if (a === "--max-rows") args.maxRows = Number(argv[++i]);
    else if (a.startsWith("--")) throw new ValidationError(`query: unknown option ${a}; ${USAGE}`);
    else if (args.name === undefined) args.name = a;
    else args.params.push(a);
  }
  if (args.out === "") throw new ValidationError(`query: --out needs a file name; ${USAGE}`);
  if (!Number.isInteger(args.maxRows) || args.maxRows < 1 || args.maxRows > MAX_ROWS)
    throw new ValidationError(`query: --max-rows must be a whole number from 1 to ${MAX_ROWS}`);
  return args;
}

function cellText(v: unknown): string {
  const text = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export function formatTable(result: ReadResult): string {
  const cells = [result.columns, ...result.rows.map((r) => r.map(cellText))];
  const widths = result.columns.map((_, i) => Math.max(...cells.map((row) => [...(row[i] ?? "")].length)));
  const line = (row: string[]) =>
    row
      .map((c, i) => c + " ".repeat(widths[i]! - [...c].length))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return (
    [
      line(cells[0]!),
      rule,
      ...cells.slice(1).map(line),
      `(${result.rows.length} row${result.rows.length === 1 ? "" : "s"}${result.truncated ? ", truncated" : ""})`,
    ].join("\n") + "\n"
  );
}

function listing(): string {
  return (
    [...namedQueries().values()]
      .map((q) =>
        `${q.name}  (${q.file})\n  ${q.description}\n${q.params.map((p) => `  - ${p.name}: ${paramType(p.name, p.doc)}${p.doc ? ` — ${p.doc}` : ""}`).join("\n")}`.trimEnd(),
      )
      .join("\n\n") + "\n"
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    process.stdout.write(listing());
    return;
  }
  if (!args.name) throw new ValidationError(`query: name a query; ${USAGE}`);
  const q = findQuery(args.name);
  const params = checkParams(q, parseCliParams(args.params));
  const config = loadConfig(process.env);
  const graph = await openNeo4j(config, err);
  try {
    const result = await runReadQuery(graph.db, q.text, toCypherParams(params), {
      maxRows: args.maxRows,
      timeoutMs: config.queryTimeoutMs,
      what: `query "${q.name}"`,
    });
    const text =
      args.format === "json"
        ? `${JSON.stringify(result, null, 2)}\n`
        : args.format === "csv"
          ? toCsv(result.columns, result.rows)
          : formatTable(result);
    if (args.out) {
      writeFileSync(args.out, text);
      err(`query: wrote ${result.rows.length} rows to ${args.out}`);
    } else process.stdout.write(text);
    if (result.truncated) err(`query: stopped after ${args.maxRows} rows; pass --max-rows or narrow the query`);
  } finally {
    await graph.close();
  }
}

main().catch((e: unknown) => {
  err(e instanceof InnographError ? e.message : `query: failed: ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
