/**
 * Runs one client-supplied or named Cypher statement read-only: the lexical guard, then a READ
 * session and transaction with a timeout. Rows stream in and stop at maxRows (the rest is
 * discarded on the server and `truncated` says so); values come back as plain JSON.
 */
import type { Database } from "../db/database.ts";
import { toNative } from "../db/to-native.ts";
import { checkReadOnly } from "./check-read-only.ts";

export interface ReadResult {
  columns: string[];
  /** One array per row, in the order of columns. */
  rows: unknown[][];
  truncated: boolean;
}

export interface ReadOptions {
  maxRows: number;
  timeoutMs?: number | undefined;
  /** Named in error messages: "cypher", `query "board-interlocks"`. */
  what: string;
}

export async function runReadQuery(
  db: Database,
  cypher: string,
  params: Record<string, unknown>,
  options: ReadOptions,
): Promise<ReadResult> {
  checkReadOnly(cypher, options.what);
  return db.inTransaction(
    "READ",
    async (tx) => {
      const result = tx.run(cypher, params);
      const columns = await result.keys();
      const rows: unknown[][] = [];
      let truncated = false;
      for await (const record of result) {
        if (rows.length >= options.maxRows) {
          truncated = true;
          break; // returns the iterator: the driver discards the rest of the stream
        }
        rows.push(columns.map((c) => toNative(record.get(c))));
      }
      return { columns: [...columns], rows, truncated };
    },
    { what: options.what, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) },
  );
}
