import { describe, expect, it } from "vitest";
import {
  buildSchema,
  execute,
  parse,
  type GraphQLEnumType,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type OperationDefinitionNode,
} from "graphql";
import { NotWritten, planCompletion } from "../../../server/graphql/fast-complete.ts";

// A schema of the shapes our read resolvers return: nested objects, lists, enums, ints, floats, nulls.
const SDL = `
  enum Direction { FROM_FUNDER TO_RECIPIENT }
  type Node { id: ID! name: String aliases: [String!]! }
  type Edge { id: ID! source: ID! amount: Float count: Int }
  type Path { length: Int! nodes: [Node!]! edges: [Edge] }
  type Flows { direction: Direction! root: Node paths: [[Path!]!] note: String }
  type Query { paths(n: Int): [Path!]! flows: Flows odd: Node }
`;

interface Values {
  paths?: unknown;
  flows?: unknown;
  odd?: unknown;
}

/** The schema with root resolvers that return `values`, nested fields resolved by `nested` (graphql-js's default when absent). */
function schemaWith(values: Values, nested?: GraphQLFieldResolver<unknown, unknown>) {
  const schema = buildSchema(SDL);
  const query = schema.getQueryType()!.getFields();
  query.paths!.resolve = (_root, args: { n?: number }) =>
    Array.isArray(values.paths) ? values.paths.slice(0, args.n ?? undefined) : values.paths;
  query.flows!.resolve = async () => values.flows;
  query.odd!.resolve = () => values.odd;
  (schema.getType("Direction") as GraphQLEnumType).getValues().forEach((v) => (v.value = v.name.toLowerCase()));
  if (nested) (schema.getType("Node") as GraphQLObjectType).getFields().name!.resolve = nested;
  return schema;
}

const ROOTS = new Set(["paths", "flows", "odd"]);

async function both(
  values: Values,
  query: string,
  variables: Record<string, unknown> = {},
  nested?: GraphQLFieldResolver<unknown, unknown>,
) {
  const schema = schemaWith(values, nested);
  const document = parse(query, { noLocation: true });
  const operation = document.definitions[0] as OperationDefinitionNode;
  const plan = planCompletion(schema, document, operation, ROOTS);
  const executed = await execute({ schema, document, variableValues: variables, contextValue: {} });
  const written = plan
    ? await plan.write({}, variables).then(
        (data) => JSON.stringify({ data }),
        (e: unknown) => e,
      )
    : undefined;
  return { plan, executed, written };
}

const node = (id: string, name: string | null = id.toUpperCase()) => ({ id, name, aliases: [`${id}-a`, `${id}-b`] });
const PATHS = [
  { length: 2, nodes: [node("a"), node("b", null)], edges: [{ id: "e1", source: "a", amount: 1.5, count: 3 }, null] },
  { length: 0, nodes: [], edges: null },
];

describe("answers of our read resolvers written along a plan (fast-complete.ts)", () => {
  it.each([
    [`{ paths { length nodes { id name aliases } edges { id source amount count } } }`, {}],
    [`query($n: Int) { p: paths(n: $n) { __typename len: length nodes { key: id __typename } } }`, { n: 1 }],
    [`{ flows { direction root { id } paths { length } note } odd { id } paths { length } }`, {}],
  ])("writes %s as graphql-js answers it, byte for byte", async (query, variables) => {
    const values = {
      paths: PATHS,
      flows: { direction: "to_recipient", root: node("r"), paths: [PATHS.slice(0, 1), []], note: null },
      odd: null,
    };
    const { plan, executed, written } = await both(values, query, variables);
    expect(plan).toBeDefined();
    expect(executed.errors).toBeUndefined();
    expect(written).toBe(JSON.stringify({ data: executed.data }));
  });

  it.each([
    ["a null where the schema says non-null", { paths: [{ length: null, nodes: [], edges: [] }] }, `{ paths { length } }`],
    ["a null item in a list of non-nulls", { paths: [{ length: 1, nodes: [null], edges: [] }] }, `{ paths { nodes { id } } }`],
    ["a value the enum does not have", { flows: { direction: "sideways" } }, `{ flows { direction } }`],
    ["a value the scalar does not take", { paths: [{ length: "two", nodes: [], edges: [] }] }, `{ paths { length } }`],
    ["a list that is not one", { paths: [{ length: 1, nodes: "a", edges: [] }] }, `{ paths { nodes { id } } }`],
    ["a promise below the root", { paths: [{ length: Promise.resolve(1), nodes: [], edges: [] }] }, `{ paths { length } }`],
    ["a function below the root", { odd: { id: () => "x", aliases: [] } }, `{ odd { id } }`],
    ["a root resolver's error", { paths: new Error("boom") }, `{ paths { length } }`],
  ])("stops at %s, where graphql-js answers with an error or another way", async (_what, values, query) => {
    const { plan, written } = await both(values, query);
    expect(plan).toBeDefined();
    expect(written).toBeInstanceOf(NotWritten);
  });

  it("passes a root resolver's rejection on", async () => {
    const schema = schemaWith({});
    schema.getQueryType()!.getFields().flows!.resolve = () => Promise.reject(new Error("no Neo4j"));
    const document = parse(`{ flows { note } }`);
    const plan = planCompletion(schema, document, document.definitions[0] as OperationDefinitionNode, ROOTS)!;
    await expect(plan.write({}, {})).rejects.toThrow("no Neo4j");
  });

  it.each([
    ["a fragment", `{ paths { ...P } } fragment P on Path { length }`],
    ["an inline fragment", `{ paths { ... on Path { length } } }`],
    ["a directive", `{ paths { length @include(if: true) } }`],
    ["a response key twice", `{ paths { length length } }`],
    ["the key __proto__", `{ paths { __proto__: length } }`],
    ["a root field that is not ours", `{ paths { length } __typename }`],
  ])("leaves %s to graphql-js", async (_what, query) => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(planCompletion(schemaWith({}), document, operation, ROOTS)).toBeUndefined();
  });

  it("leaves a field with a resolver of its own to graphql-js, and takes the library's alias-aware one", async () => {
    const document = parse(`{ paths { nodes { name } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const own: GraphQLFieldResolver<unknown, unknown> = (source) => (source as { id: string }).id;
    expect(planCompletion(schemaWith({}, own), document, operation, ROOTS)).toBeUndefined();
    // @neo4j/graphql's defaultFieldResolver: the alias's own property first (its results are keyed by alias).
    const defaultFieldResolver: GraphQLFieldResolver<unknown, unknown> = (source, _args, _ctx, info) => {
      const f = info.fieldNodes[0]!;
      const s = source as Record<string, unknown>;
      return f.alias && Object.hasOwn(s, f.alias.value) ? s[f.alias.value] : s[f.name.value];
    };
    const values = { paths: [{ length: 1, nodes: [{ ...node("a"), nick: "from the alias" }], edges: [] }] };
    const { plan, executed, written } = await both(values, `{ paths { nodes { name nick: name } } }`, {}, defaultFieldResolver);
    expect(plan).toBeDefined();
    expect(written).toBe(JSON.stringify({ data: executed.data }));
    expect(written).toContain(`"nick":"from the alias"`);
  });
});
