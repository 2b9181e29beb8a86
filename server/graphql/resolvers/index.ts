/** The custom resolvers: the analyst queries and the JSON scalar. Each gets the Database from context. */
import { GraphQLScalarType, Kind, type GraphQLResolveInfo, type ValueNode } from "graphql";
import type { Database } from "../../db/database.ts";
import { fundingFlows, type FundingFlowsArgs } from "./funding-flows.ts";
import { neighbourhood, type NeighbourhoodArgs } from "./neighbourhood.ts";
import { search } from "./search.ts";
import { selectsField } from "./selects.ts";
import { shortestPaths, type ShortestPathsArgs } from "./shortest-paths.ts";
import { stats } from "./stats.ts";

export interface ResolverContext {
  db: Database;
}

function literal(node: ValueNode): unknown {
  switch (node.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return node.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(node.value);
    case Kind.LIST:
      return node.values.map(literal);
    case Kind.OBJECT:
      return Object.fromEntries(node.fields.map((f) => [f.name.value, literal(f.value)]));
    default:
      return null;
  }
}

const JSONScalar = new GraphQLScalarType({
  name: "JSON",
  description: "Arbitrary JSON: the properties of a node or an edge, as stored.",
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: literal,
});

export const resolvers = {
  JSON: JSONScalar,
  Query: {
    search: (_: unknown, args: { query: string; types?: string[]; limit?: number }, ctx: ResolverContext) => search(ctx.db, args),
    // The edges' citations are a read of their own, made only when the query selects them.
    neighbourhood: (_: unknown, args: NeighbourhoodArgs, ctx: ResolverContext, info: GraphQLResolveInfo) =>
      neighbourhood(ctx.db, args, { citations: selectsField(info, "citations") }),
    shortestPaths: (_: unknown, args: ShortestPathsArgs, ctx: ResolverContext, info: GraphQLResolveInfo) =>
      shortestPaths(ctx.db, args, { citations: selectsField(info, "citations") }),
    fundingFlows: (_: unknown, args: FundingFlowsArgs, ctx: ResolverContext, info: GraphQLResolveInfo) =>
      fundingFlows(ctx.db, args, { citations: selectsField(info, "citations") }),
    stats: (_: unknown, args: { limit?: number }, ctx: ResolverContext) => stats(ctx.db, args),
  },
};
