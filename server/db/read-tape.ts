/**
 * ReadTape: the reads one request made, kept so that a second run of the same request answers from
 * them instead of asking Neo4j again. The GraphQL fast lane (server/http/graphql-fast-lane.ts)
 * records its reads; when it gives up on a request (a failed read, a resolver's error, a null where
 * the schema says non-null) it stops the tape and hands it with the request to Apollo, whose reads
 * of the same statement with equal parameters get the same result or the same error. Apollo then
 * words the answer as ever, and Neo4j does the work once.
 */
import { isDeepStrictEqual } from "node:util";
import type { Params } from "./database.ts";

/** Runs one read (`run`) through a tape: ReadTape's record or replay, bound. */
export type ReadThrough = <T>(query: string, params: Params, run: (query: string, params: Params) => Promise<T>) => Promise<T>;

interface Kept {
  query: string;
  params: Params;
  result: Promise<unknown>;
}

export class ReadTape {
  private readonly kept: Kept[] = [];
  private stopped = false;

  /**
   * Runs the read and keeps its outcome (the promise: a read still running is kept too). Once the
   * tape is stopped, runs nothing: the first run's answer is no longer wanted.
   */
  record<T>(query: string, params: Params, run: (query: string, params: Params) => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new Error("read tape: stopped; the request was handed on"));
    const result = run(query, params);
    this.kept.push({ query, params, result });
    return result;
  }

  /** The kept outcome of the same statement with equal parameters, each one once; any other read runs. */
  replay<T>(query: string, params: Params, run: (query: string, params: Params) => Promise<T>): Promise<T> {
    const i = this.kept.findIndex((k) => k.query === query && isDeepStrictEqual(k.params, params));
    if (i === -1) return run(query, params);
    return this.kept.splice(i, 1)[0]!.result as Promise<T>;
  }

  /** Ends the recording; true when there is something to replay. */
  stop(): boolean {
    this.stopped = true;
    return this.kept.length > 0;
  }
}
