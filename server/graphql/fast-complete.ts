/**
 * Writing the answer of our own read resolvers (shortestPaths, neighbourhood, fundingFlows, search,
 * stats) without graphql-js's execution. graphql-js resolves every field of every object one by one:
 * for each it builds a resolve-info object and a path, calls the field's resolver (the library's
 * alias-aware default, which @neo4j/graphql puts on every field), checks for promises and completes
 * the value by its type. For a neighbourhood of 100 nodes that is half a millisecond at 10k, as long as
 * the resolver's own work on the rows (BENCHMARKS.md § 2/3, twenty-first session).
 *
 * Here an operation is planned once per query text into a tree of the selected fields, each with its
 * resolver, its type and a resolve-info made once; per request the root resolvers run as graphql-js
 * runs them (same arguments, context and resolve-info), and their results are completed along the
 * tree: the same resolver per field, the same scalar and enum `serialize`, keys in selection order.
 *
 * Only where that is the same answer for certain is it planned (else graphql-js executes, as before):
 * fields selected outright (no fragment, no directive, each response key once), object types without
 * `isTypeOf`, and below the root only the resolvers @neo4j/graphql puts on plain fields, which read the
 * source's property and convert numbers and ids (they look at nothing of the resolve-info but the
 * field's node). While completing, anything graphql-js would answer with an error (a null where the
 * schema says non-null, a promise or a function where a value was expected, a value a scalar does not
 * take, a resolver that throws) stops the writing: the caller leaves the request to Apollo.
 */
import {
  Kind,
  getArgumentValues,
  isEnumType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLEnumType,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/** Thrown while completing when graphql-js's answer would hold an error: Apollo answers instead. */
export class NotWritten extends Error {}

/** The resolvers @neo4j/graphql puts on fields that have none (Neo4jGraphQL.addDefaultFieldResolvers): they read `info.fieldNodes[0]` only. */
const LIBRARY_FIELD_RESOLVERS = new Set(["defaultFieldResolver", "numericalResolver", "idResolver"]);

/** How a value of one output type is completed. */
type Shape =
  | { kind: "nonNull"; of: Shape }
  | { kind: "list"; of: Shape }
  | { kind: "leaf"; type: GraphQLScalarType | GraphQLEnumType }
  | { kind: "object"; type: GraphQLObjectType; fields: Selected[] };

interface Selected {
  key: string;
  /** `__typename` has no resolver: its value is the object type's name. */
  typename: boolean;
  resolve?: GraphQLFieldResolver<unknown, unknown>;
  /** The resolve-info graphql-js would pass (but its path, which no resolver here reads). */
  info?: GraphQLResolveInfo;
  fieldName: string;
  shape?: Shape;
}

interface Root {
  key: string;
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
  shape: Shape;
}

/** A planned operation: `write` gives the answer's `data`, or throws NotWritten. */
export interface CompletionPlan {
  write(context: unknown, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
}

interface Planning {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/** Each selection a plain field (no fragment, no directive), each response key once; else undefined. */
function plainFields(set: SelectionSetNode | undefined): FieldNode[] | undefined {
  if (!set) return undefined;
  const keys = new Set<string>();
  const fields: FieldNode[] = [];
  for (const sel of set.selections) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length) return undefined;
    const key = sel.alias?.value ?? sel.name.value;
    // An object made by graphql-js has no prototype; "__proto__" would be lost on ours.
    if (keys.has(key) || key === "__proto__") return undefined;
    keys.add(key);
    fields.push(sel);
  }
  return fields;
}

function shapeOf(p: Planning, type: GraphQLOutputType, node: FieldNode): Shape | undefined {
  if (isNonNullType(type)) {
    const of = shapeOf(p, type.ofType, node);
    return of && { kind: "nonNull", of };
  }
  if (isListType(type)) {
    const of = shapeOf(p, type.ofType, node);
    return of && { kind: "list", of };
  }
  if (isScalarType(type) || isEnumType(type)) return node.selectionSet ? undefined : { kind: "leaf", type };
  if (!isObjectType(type) || type.isTypeOf) return undefined;
  const selections = plainFields(node.selectionSet);
  if (!selections) return undefined;
  const defs = type.getFields();
  const fields: Selected[] = [];
  for (const sel of selections) {
    const key = sel.alias?.value ?? sel.name.value;
    const fieldName = sel.name.value;
    if (fieldName === "__typename") {
      fields.push({ key, typename: true, fieldName });
      continue;
    }
    const def = defs[fieldName];
    if (!def || def.args.length || sel.arguments?.length) return undefined;
    if (def.resolve && !LIBRARY_FIELD_RESOLVERS.has(def.resolve.name)) return undefined;
    const shape = shapeOf(p, def.type, sel);
    if (!shape) return undefined;
    fields.push({
      key,
      typename: false,
      fieldName,
      shape,
      ...(def.resolve ? { resolve: def.resolve, info: infoFor(p, def, sel, type, key, {}) } : {}),
    });
  }
  return { kind: "object", type, fields };
}

function infoFor(
  p: Planning,
  def: GraphQLField<unknown, unknown>,
  node: FieldNode,
  parentType: GraphQLObjectType,
  key: string,
  variableValues: Record<string, unknown>,
): GraphQLResolveInfo {
  return {
    fieldName: def.name,
    fieldNodes: [node],
    returnType: def.type,
    parentType,
    path: { prev: undefined, key, typename: parentType.name },
    schema: p.schema,
    fragments: p.fragments,
    rootValue: undefined,
    operation: p.operation,
    variableValues,
  };
}

/**
 * The completion plan for `operation` of `document`, whose root fields are all among `roots` (our own
 * read resolvers), or undefined when graphql-js must execute it.
 */
export function planCompletion(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  roots: ReadonlySet<string>,
): CompletionPlan | undefined {
  const queryType = schema.getQueryType();
  if (!queryType || operation.operation !== "query" || operation.directives?.length) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  const p: Planning = { schema, operation, fragments };
  const selections = plainFields(operation.selectionSet);
  if (!selections?.length) return undefined;
  const fields = queryType.getFields();
  const planned: Root[] = [];
  for (const node of selections) {
    const def = fields[node.name.value];
    if (!def?.resolve || !roots.has(def.name)) return undefined;
    const shape = shapeOf(p, def.type, node);
    if (!shape) return undefined;
    planned.push({ key: node.alias?.value ?? node.name.value, node, def, shape });
  }

  return {
    async write(context, variables) {
      const results = planned.map((root) => {
        let args: Record<string, unknown>;
        try {
          args = getArgumentValues(root.def, root.node, variables);
        } catch {
          throw new NotWritten();
        }
        // As graphql-js calls a root resolver: no root value, the operation's one context, a full resolve-info.
        return Promise.resolve(
          root.def.resolve!(undefined, args, context, infoFor(p, root.def, root.node, queryType, root.key, variables)),
        );
      });
      const values = await Promise.all(results);
      const data: Record<string, unknown> = {};
      planned.forEach((root, i) => {
        data[root.key] = complete(root.shape, values[i], context);
      });
      return data;
    },
  };
}

function isThenable(value: unknown): boolean {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/** graphql-js's completeValue for a resolved plain value, or NotWritten where it would give an error. */
function complete(shape: Shape, value: unknown, context: unknown): unknown {
  if (value instanceof Error || isThenable(value)) throw new NotWritten();
  if (shape.kind === "nonNull") {
    const done = complete(shape.of, value, context);
    if (done === null) throw new NotWritten();
    return done;
  }
  if (value === null || value === undefined) return null;
  switch (shape.kind) {
    case "list": {
      if (!Array.isArray(value)) throw new NotWritten();
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = complete(shape.of, value[i], context);
      return out;
    }
    case "leaf": {
      let out: unknown;
      try {
        out = shape.type.serialize(value);
      } catch {
        throw new NotWritten();
      }
      if (out === null || out === undefined) throw new NotWritten();
      return out;
    }
    case "object": {
      if (typeof value !== "object" && typeof value !== "function") throw new NotWritten();
      // A plain object, not graphql-js's prototype-less one: V8 builds and stringifies these several times faster. The
      // one key where the two differ, "__proto__", is never planned.
      const out: Record<string, unknown> = {};
      for (const f of shape.fields) {
        if (f.typename) {
          out[f.key] = shape.type.name;
          continue;
        }
        let v: unknown;
        try {
          v = f.resolve ? f.resolve(value, {}, context, f.info!) : (value as Record<string, unknown>)[f.fieldName];
        } catch {
          throw new NotWritten();
        }
        if (typeof v === "function") throw new NotWritten();
        out[f.key] = complete(f.shape!, v, context);
      }
      return out;
    }
  }
}
