import { afterAll, beforeAll } from "vitest";
import { execute, parse, type ExecutionResult, type GraphQLSchema } from "graphql";
import type { QueryResult } from "neo4j-driver";
import type { Database, Params } from "../../server/db/database.ts";
import { buildSchema } from "../../server/graphql/build-schema.ts";
import { connectTestDb, fixtureGraph } from "./test-graph.ts";

export interface FastAndLibrary {
  /** Set before the first test. */
  db: Database;
  /** The server's schema (fast reads on) and the library's alone (fast reads off), over one database. */
  fast: GraphQLSchema;
  library: GraphQLSchema;
  /** Every statement `run` ran (clear it before a query to keep that query's). */
  statements: { cypher: string; params: Params }[];
  /** A reader (Database.readOnce) that keeps what it runs in `statements`. */
  run: (cypher: string, params?: Params) => Promise<QueryResult>;
  /** An execution context whose reads, the library's and the fast path's, go through `run`. */
  context: () => { executionContext: { run: FastAndLibrary["run"] }; fastRead: FastAndLibrary["run"]; sessionConfig: object };
  /**
   * `query` executed on both schemas: the answers, the statements the fast schema ran, and whether the
   * library answered there too (one of them is the library's `CYPHER …`).
   */
  answer: (
    query: string,
  ) => Promise<{ viaFast: ExecutionResult; viaLibrary: ExecutionResult; ran: FastAndLibrary["statements"]; byLibrary: boolean }>;
}

/**
 * For tests that compare the fast path's answers and statements with the library's: in the calling
 * `describe`, a test database holding `fixture` (plans made afresh for it unless `replan` is false:
 * they follow its index samples) and both schemas over it; closed after the last test.
 */
export function fastAndLibrary(fixture: string, { replan = true }: { replan?: boolean } = {}): FastAndLibrary {
  const statements: FastAndLibrary["statements"] = [];
  const t = {
    statements,
    run: (cypher: string, params: Params = {}) => {
      statements.push({ cypher, params });
      return t.db.readOnce(cypher, params);
    },
    context: () => ({ executionContext: { run: t.run }, fastRead: t.run, sessionConfig: {} }),
    answer: async (query: string) => {
      statements.length = 0;
      const viaFast = await execute({ schema: t.fast, document: parse(query), contextValue: t.context() });
      const ran = [...statements];
      const viaLibrary = await execute({ schema: t.library, document: parse(query), contextValue: t.context() });
      return { viaFast, viaLibrary, ran, byLibrary: ran.some((s) => s.cypher.startsWith("CYPHER")) };
    },
  } as FastAndLibrary;
  beforeAll(async () => {
    t.db = await connectTestDb();
    await fixtureGraph(t.db, fixture);
    if (replan) await t.db.autoCommit("CALL db.prepareForReplanning(60000)");
    [t.fast, t.library] = await Promise.all([
      buildSchema(t.db.driver, undefined),
      buildSchema(t.db.driver, undefined, { fastReads: false }),
    ]);
  });
  afterAll(async () => t.db?.close());
  return t;
}
