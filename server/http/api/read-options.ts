/** The row cap and timeout a client may ask for, within the server's limits; and how rows are sent back. */
import type { Request, Response } from "express";
import { ValidationError } from "../../errors.ts";
import { MAX_ROWS } from "../../analysis/query-params.ts";
import type { ReadResult } from "../../analysis/run-read-query.ts";
import { toCsv } from "./serialise/to-csv.ts";

function whole(value: unknown, name: string, min: number, max: number, fallback: number): number {
  if (value === undefined) return fallback;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
    throw new ValidationError(`api: \`${name}\` must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return n;
}

export function readOptions(
  source: { maxRows?: unknown; timeoutMs?: unknown },
  serverTimeoutMs: number,
): { maxRows: number; timeoutMs: number } {
  return {
    maxRows: whole(source.maxRows, "maxRows", 1, MAX_ROWS, MAX_ROWS),
    timeoutMs: whole(source.timeoutMs, "timeoutMs", 100, serverTimeoutMs, serverTimeoutMs),
  };
}

/** JSON `{columns, rows, truncated}`, or CSV when the client accepts text/csv (or asks ?format=csv). */
export function sendRows(req: Request, res: Response, result: ReadResult, filename: string): void {
  const csv = req.query.format === "csv" || req.accepts(["application/json", "text/csv"]) === "text/csv";
  res.setHeader("X-Innograph-Truncated", String(result.truncated));
  if (csv) {
    res.type("text/csv; charset=utf-8").setHeader("Content-Disposition", `inline; filename="${filename}.csv"`);
    res.send(toCsv(result.columns, result.rows));
  } else {
    res.json(result);
  }
}
