/**
 * Database: owns the neo4j-driver and every call to it. Writes, and reads of several statements
 * (inTransaction), run in managed transactions; a single read statement (read, readOnce) runs in an
 * auto-commit transaction, one round trip. All with a timeout; driver errors are mapped to typed
 * errors here and only here, except readOnce's (GraphQL's own reads: errors left to the GraphQL
 * layer's formatError).
 */
import { inspect } from "node:util";
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type Session } from "neo4j-driver";
import { TimeoutError } from "../errors.ts";
import { mapNeo4jError } from "./map-neo4j-error.ts";
import type { ReadThrough } from "./read-tape.ts";
import { toNative } from "./to-native.ts";
// Before any driver reads a message: large records decode from one buffer (whole-messages.ts).
import "./whole-messages.ts";

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface DatabaseOptions {
  uri: string;
  user: string;
  password: string;
  database?: string | undefined;
  /** Default transaction timeout, milliseconds. */
  timeoutMs?: number;
}

export interface ReaderOptions {
  timeoutMs?: number;
  database?: string;
}

export interface QueryOptions {
  timeoutMs?: number;
  /** Named for error messages: "search", "seed: nodes" … */
  what?: string;
}

/**
 * The version of the graph each result of readWithVersion or of a reader saw (kept with the result,
 * so a replay of it has it too): readInSession notes it.
 */
const versions = new WeakMap<QueryResult, string>();

export class Database {
  readonly driver: Driver;
  readonly database: string | undefined;
  readonly uri: string;
  private readonly timeoutMs: number;
  private readonly readThrough: ReadThrough | undefined;
  /** One request's time limit (forRequest): when (performance.now()) its reads' time is up. */
  private readonly deadline: number | undefined;

  private constructor(
    driver: Driver,
    options: Pick<DatabaseOptions, "uri" | "database" | "timeoutMs">,
    readThrough?: ReadThrough,
    deadline?: number,
  ) {
    this.driver = driver;
    this.database = options.database;
    this.uri = options.uri;
    this.timeoutMs = options.timeoutMs ?? 15000;
    this.readThrough = readThrough;
    this.deadline = deadline;
  }

  /** How logs print it: where it reads, never the driver's insides (they hold the password). */
  [inspect.custom](): string {
    return `Database { ${this.uri}${this.database ? ` (${this.database})` : ""} }`;
  }

  /** Creates the driver and checks that Neo4j answers with these credentials. */
  static async connect(options: DatabaseOptions): Promise<Database> {
    const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10000,
      connectionTimeout: 5000,
      // Managed transactions retry transient errors; during an outage answer fast (503) instead of
      // holding requests for the driver's default 30 s.
      maxTransactionRetryTime: 3000,
      userAgent: "innograph",
    });
    // Debug logging (DEBUG=@neo4j/graphql:*) prints each request's context, this driver and the
    // Database holding it included; inspected six levels deep, the driver shows the password.
    Object.defineProperty(driver, inspect.custom, { value: () => `Driver { ${options.uri} }` });
    const db = new Database(driver, options);
    try {
      await driver.verifyConnectivity({ database: options.database });
    } catch (e) {
      await driver.close();
      throw mapNeo4jError(e, `neo4j at ${options.uri}`);
    }
    return db;
  }

  /**
   * A session that shares the driver's bookmark manager with every other read and write of this
   * process (GraphQL's, @neo4j/graphql's, the lane's): on a cluster (NEO4J_URI neo4j+s://…) a read
   * routed to another member waits until it holds the writes before it, as on a single server.
   */
  private session(mode: "READ" | "WRITE") {
    return this.driver.session({
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      ...(this.database ? { database: this.database } : {}),
    });
  }

  /**
   * The same database (driver, settings) whose `read`s go through `readThrough`: a ReadTape's record
   * or replay (server/db/read-tape.ts), for one GraphQL request's context. Everything else as it is.
   */
  through(readThrough: ReadThrough): Database {
    return new Database(this.driver, { uri: this.uri, database: this.database, timeoutMs: this.timeoutMs }, readThrough, this.deadline);
  }

  /**
   * The same database for one request whose reads share one time limit, `budgetMs` from now: each
   * read's transaction times out when the request's time is up, and a read asked for after that fails
   * at once with TIMEOUT. So a resolver of several reads (a 2-hop neighbourhood: four) answers within
   * QUERY_TIMEOUT_MS, as one of a single read does, not within four times it (the soak's outage part
   * saw 30 s answers on a cold Neo4j). Reads go through `readThrough` when one is given, as through().
   */
  forRequest(budgetMs: number, readThrough?: ReadThrough): Database {
    const options = { uri: this.uri, database: this.database, timeoutMs: this.timeoutMs };
    return new Database(this.driver, options, readThrough ?? this.readThrough, performance.now() + budgetMs);
  }

  /** A statement's timeout: the one asked for (or the default), cut to what is left of the request's time. */
  private timeLeft(asked: number | undefined, what: string): number {
    const limit = asked ?? this.timeoutMs;
    if (this.deadline === undefined) return limit;
    const left = Math.floor(this.deadline - performance.now());
    if (left < 1) throw new TimeoutError(`${what}: the request ran past its time limit before this query`);
    return Math.min(limit, left);
  }

  /**
   * Runs one read statement of ours (a named query) in an auto-commit transaction; rows come back as
   * plain objects. One round trip (RUN + PULL) where a managed transaction needs two (BEGIN + RUN +
   * PULL, then COMMIT): shortestPaths' two reads 2.61 → 1.57 ms at 10k (BENCHMARKS.md § 2/3, ninth
   * session). Each read was its own transaction before too, so nothing it sees changes. Not retried:
   * during an outage a read fails at once (503) instead of being held by the driver's retries.
   * Client-supplied Cypher does not come here (server/analysis/run-read-query.ts: a READ transaction).
   */
  async read(query: string, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    const once = async (q: string, p: Params): Promise<QueryResult> => {
      try {
        return await this.readOnce(q, p, { withoutStacks: true, timeoutMs: this.timeLeft(options.timeoutMs, options.what ?? "query") });
      } catch (e) {
        throw mapNeo4jError(e, options.what ?? "query");
      }
    };
    // The driver's result is what is kept, and converted for each reader: rows are theirs to change.
    const result = this.readThrough ? await this.readThrough(query, params, once) : await once(query, params);
    return result.records.map((r) => toNative(r.toObject()) as Row);
  }

  /**
   * read, and the version of the graph it saw: the bookmark Neo4j gives after it. A read-only
   * transaction's bookmark names the last transaction committed in the database, whoever wrote it
   * (this process, a notebook, an import), so two reads with the same version saw the same graph and
   * a write between them changes it. Through readThrough as read is: a replayed read gives the version
   * its first run saw. Undefined when a readThrough ran the statement its own way (a bench's baseline).
   */
  async readWithVersion(
    query: string,
    params: Params = {},
    options: QueryOptions = {},
  ): Promise<{ rows: Row[]; version: string | undefined }> {
    const what = options.what ?? "query";
    const once = async (q: string, p: Params): Promise<QueryResult> => {
      try {
        const timeout = this.timeLeft(options.timeoutMs, what);
        return await readInSession(this.session("READ"), q, p, { timeout }, true);
      } catch (e) {
        throw mapNeo4jError(e, what);
      }
    };
    const result = this.readThrough ? await this.readThrough(query, params, once) : await once(query, params);
    return { rows: result.records.map((r) => toNative(r.toObject()) as Row), version: versions.get(result) };
  }

  /** Runs a write query in its own transaction. */
  async write(query: string, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    return this.inTransaction("WRITE", (tx) => run(tx, query, params), options);
  }

  /** Runs several statements in one transaction: all of them land, or none. */
  async inTransaction<T>(mode: "READ" | "WRITE", work: (tx: ManagedTransaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    const config = { timeout: this.timeLeft(options.timeoutMs, options.what ?? "query") };
    const session = this.session(mode);
    try {
      return mode === "READ" ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (e) {
      throw mapNeo4jError(e, options.what ?? "query");
    } finally {
      await session.close();
    }
  }

  /**
   * Runs one read statement as an auto-commit transaction and returns the driver's result as it is
   * (records not converted, errors not mapped): for the GraphQL layer, whose reads are single
   * statements and whose errors server/graphql/format-error.ts maps. One round trip (RUN + PULL)
   * where a managed transaction needs two (BEGIN + RUN + PULL, then COMMIT); no retry. Bookmarks
   * come from the driver's shared manager, as @neo4j/graphql's own sessions use, so a read follows
   * the writes before it. The version of the graph the read saw: versionOf(result).
   */
  async readOnce(query: string, params: Params = {}, options: ReaderOptions & { withoutStacks?: boolean } = {}): Promise<QueryResult> {
    return this.reader(options)(query, params);
  }

  /**
   * readOnce with its session and transaction settings made once, for a hot path of many reads with
   * the same settings (the GraphQL fast lane). `withoutStacks` skips the driver's stack capture for
   * each result, ≈ 70 µs a read under tsx's source maps (BENCHMARKS.md): only for a caller whose
   * errors' stacks nobody reads (the lane hands a failed read's error to Apollo, whose formatError
   * keeps a code and a message).
   */
  reader(options: ReaderOptions & { withoutStacks?: boolean } = {}): (query: string, params?: Params) => Promise<QueryResult> {
    const database = options.database ?? this.database;
    const sessionConfig = {
      defaultAccessMode: neo4j.session.READ,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
      ...(database ? { database } : {}),
    };
    const transactionConfig = { timeout: options.timeoutMs ?? this.timeoutMs };
    const withoutStacks = options.withoutStacks ?? false;
    return async (query, params = {}) => readInSession(this.driver.session(sessionConfig), query, params, transactionConfig, withoutStacks);
  }

  /** Runs a statement outside an explicit transaction (schema commands, CALL … IN TRANSACTIONS). */
  async autoCommit(query: string, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    const session = this.session("WRITE");
    try {
      const result = await session.run(query, params, { timeout: options.timeoutMs ?? this.timeoutMs });
      return result.records.map((r) => toNative(r.toObject()) as Row);
    } catch (e) {
      throw mapNeo4jError(e, options.what ?? "query");
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }
}

/**
 * The version of the graph a result of readWithVersion or of a reader (readOnce, the GraphQL reads)
 * saw, as readWithVersion gives it; undefined for a result that came another way. A replayed result
 * (server/db/read-tape.ts) is the same object, so it has its first run's version.
 */
export function versionOf(result: QueryResult): string | undefined {
  return versions.get(result);
}

/**
 * Runs one read statement in `session` as an auto-commit transaction, notes the version of the graph
 * it saw (versionOf: the bookmark Neo4j gives after it, see readWithVersion), and closes the session.
 * The caller makes the session and the transaction's settings (readWithVersion's and a reader's
 * differ); `withoutStacks` as in reader().
 */
async function readInSession(
  session: Session,
  query: string,
  params: Params,
  config: { timeout: number },
  withoutStacks: boolean,
): Promise<QueryResult> {
  try {
    const result = withoutStacks ? await untraced(() => session.run(query, params, config)) : await session.run(query, params, config);
    versions.set(result, session.lastBookmarks().join(" "));
    return result;
  } finally {
    await session.close();
  }
}

/** A whole number as a Cypher INTEGER (JS numbers travel as FLOAT, which LIMIT and ranges refuse). */
export function int(value: number): ReturnType<typeof neo4j.int> {
  return neo4j.int(Math.trunc(value));
}

/**
 * Starts a statement (tx.run, session.run) without the driver's capture of its caller's stack for
 * each result (neo4j-driver's Result
 * formats an Error's stack, through tsx's source maps: 10–22 % of the process's busy time in a profile
 * of shortestPaths, BENCHMARKS.md § 2/3). A failed statement's error then carries no frames of ours;
 * mapNeo4jError words it, which is what callers show.
 */
function untraced<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Runs one statement inside a transaction and converts its rows. */
export async function run(tx: ManagedTransaction, query: string, params: Params = {}): Promise<Row[]> {
  return (await runTyped(tx, query, params)).map((row) => toNative(row) as Row);
}

/**
 * run, with the values as the driver gives them (Integer, Date, DateTime, Duration, Point …) instead
 * of toNative's plain ones: for a caller that writes them back, whose Neo4j types must stay as they are.
 */
export async function runTyped(tx: ManagedTransaction, query: string, params: Params = {}): Promise<Row[]> {
  const result = await untraced(() => tx.run(query, params));
  return result.records.map((r) => r.toObject() as Row);
}
