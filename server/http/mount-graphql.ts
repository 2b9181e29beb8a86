/**
 * POST /graphql: Apollo Server 5 over the generated schema. Anonymous clients read; writes need an
 * editor token. Depth, cost and page size are checked before execution (once per distinct query);
 * each request's transactions have a timeout. Queries read in auto-commit transactions, mutations
 * in managed ones; a mutation field that sets a relationship id runs in one that takes the importers'
 * lock and refuses an id another relationship holds (server/graphql/guard-relationship-ids.ts: the
 * schema's, so it needs nothing here but the context's `db`, `sessionConfig` and `transaction`).
 */
import express, { type Express } from "express";
import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError, Kind, type DocumentNode } from "graphql";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import type { ReadThrough } from "../db/read-tape.ts";
import { buildSchema } from "../graphql/build-schema.ts";
import { formatError } from "../graphql/format-error.ts";
import type { ReadStatement } from "../graphql/fast-read.ts";
import { fastOperations, type FastOperations } from "../graphql/fast-operation.ts";
import { costOf, LIMITS, pageSizeErrors, queryDepth } from "../graphql/limits.ts";
import { handedOnReads } from "./graphql-fast-lane.ts";

/** What limits.ts found for a document; Apollo keeps parsed documents, so a repeated query is checked once. */
interface Checked {
  depth: number;
  /** No operation declares variables: page sizes and cost are the same on every request. */
  constant: boolean;
  pages?: string[];
  /** Cost by operation name ("" for none), when constant. */
  costs: Map<string, number>;
}

function limitsPlugin(): ApolloServerPlugin {
  const checked = new WeakMap<DocumentNode, Checked>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const variables = request.variables ?? {};
          let known = checked.get(document);
          if (!known) {
            const constant = !document.definitions.some((d) => d.kind === Kind.OPERATION_DEFINITION && d.variableDefinitions?.length);
            known = { depth: queryDepth(document), constant, costs: new Map() };
            checked.set(document, known);
          }
          const { depth, constant } = known;
          if (depth > LIMITS.maxDepth) {
            throw new GraphQLError(`the query is nested ${depth} levels deep; the limit is ${LIMITS.maxDepth}`, {
              extensions: { code: "QUERY_TOO_DEEP", http: { status: 400 } },
            });
          }
          const pages = (constant ? known.pages : undefined) ?? pageSizeErrors(document, variables);
          if (constant) known.pages = pages;
          if (pages.length) throw new GraphQLError(pages[0]!, { extensions: { code: "PAGE_TOO_LARGE", http: { status: 400 } } });
          const operationName = request.operationName ?? undefined;
          const cost = (constant ? known.costs.get(operationName ?? "") : undefined) ?? costOf(schema, document, variables, operationName);
          if (constant) known.costs.set(operationName ?? "", cost);
          if (cost > LIMITS.maxCost) {
            throw new GraphQLError(
              `the query's estimated cost is ${cost}; the limit is ${LIMITS.maxCost}. Ask for fewer items or fewer nested lists`,
              {
                extensions: { code: "QUERY_TOO_COSTLY", http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}

export interface GraphqlMount {
  start(server: http.Server): Promise<void>;
  mount(app: Express): void;
  /** Answers plain lookups and pages without Apollo (server/http/graphql-fast-lane.ts puts it in front). */
  fast: FastOperations;
}

/**
 * Queries (not mutations) read in auto-commit transactions: @neo4j/graphql runs a context's
 * `executionContext` that is neither a driver nor a session as a transaction, calling its run().
 */
function readsInAutoCommit(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation === "query") contextValue.executionContext = { run: contextValue.fastRead };
        },
      };
    },
  };
}

/** Every answer is uncacheable: `cache-control: no-store`, as Apollo's cache-control plugin sent. */
function noStore(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (!response.http.headers.has("cache-control")) response.http.headers.set("cache-control", "no-store");
        },
      };
    },
  };
}

/**
 * HTTP 503 when Neo4j could not be reached for any part of the answer: every error is
 * UPSTREAM_UNAVAILABLE and no root field has data. The body is GraphQL's as ever (the code and the
 * message: "Neo4j is not reachable …"); the status lets a client's HTTP retry (a notebook's
 * `urllib3.Retry`, a proxy, a monitor) see the outage as one, as /healthz and the REST API already
 * answer it. An answer with some data stays 200, as does any other error.
 */
export function unavailableAs503(): ApolloServerPlugin<GraphqlContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const { data, errors } = response.body.singleResult;
          if (!errors?.length || !errors.every((e) => e.extensions?.code === "UPSTREAM_UNAVAILABLE")) return;
          if (data && Object.values(data).some((value) => value !== null)) return;
          response.http.status = 503;
        },
      };
    },
  };
}

interface GraphqlContext {
  db: Database;
  token: string | undefined;
  executionContext: Database["driver"] | { run: ReadStatement };
  sessionConfig: { database?: string };
  transaction: { timeout: number };
  fastRead: ReadStatement;
}

/**
 * At most `slots` reads run at once (READ_SLOTS, default 8, for the whole API server); the others wait
 * for a slot, first come first served. Each read's answer is turned into JSON on the server's one thread: when
 * 50 clients' reads all answered together, one turn of the event loop took all their work (170–300 ms
 * median in the soak), and every request, over-limit ones included, waited that long before the
 * server even read it: refusals took 1.1–2.2 s (p95) for 1–34 ms of their own. With 8 slots a turn
 * takes 18–29 ms and refusals 120–285 ms, the plain mix as fast or faster in 3 of 4 side-by-side
 * runs (BENCHMARKS.md, soak). Refusals never take a slot: they are decided before anything reads.
 */
function readSlots(slots: number): <T>(run: () => Promise<T>) => Promise<T> {
  let free = slots;
  const waiting: (() => void)[] = [];
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else free++;
  };
  return async (run) => {
    if (free > 0) free--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await run();
    } finally {
      release();
    }
  };
}

export async function mountGraphql(db: Database, config: Config): Promise<GraphqlMount> {
  const schema = await buildSchema(db.driver, config.jwtSecret, { database: db.database });
  const expose = config.development;
  // @neo4j/graphql's own sessions use database "neo4j" unless one is configured; so do its reads here.
  const database = db.database ?? "neo4j";
  // Every read of a query takes a slot: the lane's, @neo4j/graphql's (fastRead) and our resolvers' (db).
  const slot = readSlots(config.readSlots);
  const inSlot =
    (read: ReadStatement): ReadStatement =>
    (cypher, params) =>
      slot(() => read(cypher, params));
  const fastRead: ReadStatement = inSlot(db.reader({ timeoutMs: config.queryTimeoutMs, database }));
  const throughSlot =
    (reads: ReadThrough | undefined): ReadThrough =>
    (query, params, run) =>
      reads ? reads(query, params, (q, p) => slot(() => run(q, p))) : slot(() => run(query, params));
  // One request's context; `reads` (a ReadTape's record or replay) sees every read its resolvers make,
  // and all of them share one time limit, QUERY_TIMEOUT_MS (Database.forRequest).
  const contextFor = (token: string | undefined, reads?: ReadThrough): GraphqlContext => ({
    db: db.forRequest(config.queryTimeoutMs, throughSlot(reads)),
    token,
    executionContext: db.driver,
    sessionConfig: db.database ? { database: db.database } : {},
    transaction: { timeout: config.queryTimeoutMs },
    fastRead: reads ? (cypher, params) => reads(cypher, params, fastRead) : fastRead,
  });
  let apollo: ApolloServer<GraphqlContext> | undefined;
  return {
    fast: fastOperations(schema, inSlot(db.reader({ database, timeoutMs: config.queryTimeoutMs, withoutStacks: true })), {
      // The fast lane takes no request with a token; readsInAutoCommit() sets a query's executionContext so.
      context: (reads) => {
        const context = contextFor(undefined, reads);
        return { ...context, executionContext: { run: context.fastRead } };
      },
    }),
    async start(server) {
      apollo = new ApolloServer<GraphqlContext>({
        schema,
        includeStacktraceInErrorResponses: expose,
        formatError: (formatted, error) => formatError(formatted, error, expose),
        introspection: true,
        plugins: [
          ApolloServerPluginDrainHttpServer({ httpServer: server }),
          ApolloServerPluginLandingPageDisabled(),
          // Apollo's cache-control plugin hooks every field's resolution to compute a policy that is
          // always "uncacheable" here (no @cacheControl hints); noStore() sends the same header.
          ApolloServerPluginCacheControlDisabled(),
          noStore(),
          unavailableAs503(),
          limitsPlugin(),
          readsInAutoCommit(),
        ],
      });
      await apollo.start();
    },
    mount(app) {
      if (!apollo) throw new Error("graphql: start() must run before mount()");
      app.use(
        "/graphql",
        express.json({ limit: "1mb" }),
        expressMiddleware(apollo, {
          // A request the fast lane began and handed on reads what the lane read from its tape.
          context: async ({ req }) => contextFor(req.headers.authorization, handedOnReads(req)),
        }),
      );
    },
  };
}
