/**
 * The fast lane's reads (server/graphql/fast-operation.ts): Database.readOnce's auto-commit read —
 * the same session (READ, the driver's shared bookmark manager, the same database) and the same
 * timeout — without what it costs per request and the lane does not need.
 *
 * The driver captures a stack trace for every result (neo4j-driver-core's `captureStacktrace`, to
 * put the caller on a later error); with source maps on (tsx) formatting it took ≈ 70 µs of a
 * lookup's server time (CPU profile of 4,000 lookups, BENCHMARKS.md). A lane read that fails is not
 * reported: Apollo runs the request again through readOnce and words the error with its full stack.
 * The session and transaction configurations are made once.
 */
import neo4j, { type Driver } from "neo4j-driver";
import type { ReadStatement } from "./fast-read.ts";

export function laneRead(driver: Driver, options: { database: string; timeoutMs: number }): ReadStatement {
  const sessionConfig = {
    defaultAccessMode: neo4j.session.READ,
    bookmarkManager: driver.executeQueryBookmarkManager,
    database: options.database,
  };
  const transactionConfig = { timeout: options.timeoutMs };
  return async (cypher, params) => {
    const session = driver.session(sessionConfig);
    try {
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      let result;
      try {
        result = session.run(cypher, params, transactionConfig);
      } finally {
        Error.stackTraceLimit = limit;
      }
      return await result;
    } finally {
      await session.close();
    }
  };
}
