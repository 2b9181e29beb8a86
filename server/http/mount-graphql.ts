/**
 * POST /graphql: Apollo Server 5 over the generated schema. Anonymous clients read; writes need an
 * editor token. Depth, cost and page size are checked before execution; each request's
 * transactions have a timeout.
 */
import express, { type Express } from "express";
import type http from "node:http";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import { GraphQLError } from "graphql";
import type { Config } from "../config.ts";
import type { Database } from "../db/database.ts";
import { buildSchema } from "../graphql/build-schema.ts";
import { formatError } from "../graphql/format-error.ts";
import { costOf, LIMITS, pageSizeErrors, queryDepth } from "../graphql/limits.ts";

function limitsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const variables = request.variables ?? {};
          const depth = queryDepth(document);
          if (depth > LIMITS.maxDepth) {
            throw new GraphQLError(`the query is nested ${depth} levels deep; the limit is ${LIMITS.maxDepth}`, {
              extensions: { code: "QUERY_TOO_DEEP", http: { status: 400 } },
            });
          }
          const pages = pageSizeErrors(document, variables);
          if (pages.length) throw new GraphQLError(pages[0]!, { extensions: { code: "PAGE_TOO_LARGE", http: { status: 400 } } });
          const cost = costOf(schema, document, variables, request.operationName ?? undefined);
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
}

export async function mountGraphql(db: Database, config: Config): Promise<GraphqlMount> {
  const schema = await buildSchema(db.driver, config.jwtSecret);
  const expose = config.development;
  let apollo: ApolloServer | undefined;
  return {
    async start(server) {
      apollo = new ApolloServer({
        schema,
        includeStacktraceInErrorResponses: expose,
        formatError: (formatted, error) => formatError(formatted, error, expose),
        introspection: true,
        plugins: [ApolloServerPluginDrainHttpServer({ httpServer: server }), ApolloServerPluginLandingPageDisabled(), limitsPlugin()],
      });
      await apollo.start();
    },
    mount(app) {
      if (!apollo) throw new Error("graphql: start() must run before mount()");
      app.use(
        "/graphql",
        express.json({ limit: "1mb" }),
        expressMiddleware(apollo, {
          context: async ({ req }) => ({
            db,
            token: req.headers.authorization,
            executionContext: db.driver,
            sessionConfig: db.database ? { database: db.database } : {},
            transaction: { timeout: config.queryTimeoutMs },
          }),
        }),
      );
    },
  };
}
