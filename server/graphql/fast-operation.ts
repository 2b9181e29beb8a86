/**
 * Whole operations answered without Apollo. A query whose every root field is a fast read
 * (server/graphql/fast-read.ts) — `{ entities(where: { id: { eq: "org:x" } }) { id name } }`, a
 * filtered page of organisations — is planned once per query text and then, per request, costs
 * coercing its variables, one statement per root field and writing the rows as JSON. A query whose
 * every root field is one of our own read resolvers (shortestPaths, neighbourhood, fundingFlows,
 * search, stats: customReadFields) runs those resolvers with the context Apollo would build for it,
 * and their results are written along a plan made once per text (fast-complete.ts); one with
 * fragments or directives is executed by graphql-js. Apollo's pipeline costs ≈ 0.4 ms a request, as
 * much as a lookup (see BENCHMARKS.md).
 *
 * The answer is the one GraphQL would give, byte for byte (test/integration/graphql-fast-read.test.ts):
 * for fast reads, the same statement as the fast-read resolver, values serialized by the schema's own
 * scalars, keys in selection order; for custom resolvers, the same resolvers, serializers and key
 * order as graphql-js's execution, on the document Apollo would have parsed and validated the same
 * way. Whenever that is not certain the caller gets `undefined` and sends the request through
 * Apollo: anything but a query of such fields, invalid documents, variables that do not coerce, a
 * limit exceeded (Apollo words the error), a failed read, a null where the schema says non-null, any
 * error in an execution. Errors are therefore always
 * Apollo's. The reads go through the caller's ReadTape (server/db/read-tape.ts), which the lane hands
 * on with such a request, so that Apollo's run answers its reads from there: Neo4j does the work once.
 */
import {
  GraphQLError,
  Kind,
  getArgumentValues,
  getNamedType,
  getVariableValues,
  execute,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLScalarType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { isInt, type QueryResult } from "neo4j-driver";
import type { ReadTape, ReadThrough } from "../db/read-tape.ts";
import { planRead, rowsOf, customReadFields, fastReadFields, type ReadPlan, type ReadStatement, type ReadTarget } from "./fast-read.ts";
import { publishRead } from "./fast-read-channel.ts";
import { confirmed } from "./ranked-reads.ts";
import { LIMITS, costOf, pageSizeErrors, queryDepth } from "./limits.ts";
import { planCompletion, type CompletionPlan } from "./fast-complete.ts";

/** A POST /graphql body, as parsed JSON. */
export interface GraphqlRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

export interface FastOperations {
  /**
   * The response body (`{"data":…}`) for this request, or undefined when Apollo must answer it. Its
   * reads are recorded on `tape` when one is given.
   */
  answer(request: GraphqlRequest, tape?: ReadTape): Promise<string | undefined>;
  /**
   * How `answer` takes this request's operation, before its variables and limits are looked at: rows of
   * fast reads, written along a completion plan (fast-complete.ts), executed by graphql-js, or undefined
   * (Apollo's).
   */
  way(request: GraphqlRequest): "rows" | "written" | "executed" | undefined;
}

export interface FastOperationsOptions {
  /**
   * The context Apollo builds for an anonymous query (server/http/mount-graphql.ts), a fresh one per
   * call, its reads passed through `reads`. Without it only fast reads are answered; with it, custom
   * read resolvers too.
   */
  context?: (reads?: ReadThrough) => object;
}

/** How one selected field of a row is written. */
interface Column {
  key: string;
  /** `__typename`, or a scalar field of the read type. */
  field: string;
  scalar?: GraphQLScalarType;
  list: boolean;
  required: boolean;
  itemsRequired: boolean;
}

interface RootField {
  key: string;
  node: FieldNode;
  def: GraphQLField<unknown, unknown>;
  target: ReadTarget;
  columns: Column[];
}

interface Checked {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** Without declared variables page sizes and cost were checked here, once. */
  constant: boolean;
}

/** Fast reads: one statement per root field, rows written here. */
interface Rows extends Checked {
  kind: "rows";
  fields: RootField[];
  /** Without declared variables the statements are the same on every request: planned once. */
  plans?: ReadPlan[];
}

/** Custom read resolvers: their answer written along a plan made once (fast-complete.ts), or graphql-js executes the document. */
interface Executed extends Checked {
  kind: "execute";
  completion?: CompletionPlan;
}

type Compiled = Rows | Executed;

/**
 * Distinct query texts remembered (a client that varies literals would otherwise grow it without
 * end), and the longest text remembered: a lookup or a page is a few hundred characters, and
 * hostile 60 kB texts must not fill the memory (500 × 4 kB and their syntax trees: a few MB).
 */
const MAX_COMPILED = 500;
const MAX_REMEMBERED_QUERY = 4096;

/** Row value of a scalar field → JSON value, as the generated resolver and the scalar's serialize do. */
function serialize(column: Column, value: unknown): unknown {
  if (value === null || value === undefined) {
    if (column.required) throw new NotFast();
    return null;
  }
  const one = (v: unknown): unknown => {
    if (v === null || v === undefined) {
      if (column.itemsRequired) throw new NotFast();
      return null;
    }
    return column.scalar!.serialize(isInt(v) ? v.toNumber() : v);
  };
  if (column.list) {
    if (!Array.isArray(value)) throw new NotFast();
    return value.map(one);
  }
  return one(value);
}

/** Thrown while answering when the answer is not certain to be GraphQL's: Apollo answers instead. */
class NotFast extends Error {}

function columnsOf(schema: GraphQLSchema, target: ReadTarget, node: FieldNode): Column[] | undefined {
  const type = schema.getType(target.name);
  if (!type || !(isObjectType(type) || isInterfaceType(type))) return undefined;
  const fields = type.getFields();
  const columns: Column[] = [];
  for (const sel of node.selectionSet?.selections ?? []) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length || sel.arguments?.length || sel.selectionSet) return undefined;
    const key = sel.alias?.value ?? sel.name.value;
    const name = sel.name.value;
    if (name === "__typename") {
      columns.push({ key, field: name, list: false, required: true, itemsRequired: false });
      continue;
    }
    const def = fields[name];
    if (!def || !target.fields.has(name)) return undefined;
    let t: GraphQLOutputType = def.type;
    const required = isNonNullType(t);
    if (isNonNullType(t)) t = t.ofType;
    const list = isListType(t);
    if (isListType(t)) t = t.ofType;
    const itemsRequired = isNonNullType(t);
    const scalar = getNamedType(t);
    if (!isScalarType(scalar)) return undefined;
    columns.push({ key, field: name, scalar, list, required, itemsRequired });
  }
  return columns;
}

function compile(
  schema: GraphQLSchema,
  query: string,
  operationName: string | undefined,
  custom: ReadonlySet<string>,
): Compiled | undefined {
  let document: DocumentNode;
  try {
    document = parse(query, { noLocation: true });
  } catch {
    return undefined;
  }
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  // As Apollo picks it (getOperationAST): by name, or the only one.
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  if (!operation || operation.operation !== "query" || operation.directives?.length) return undefined;
  if (validate(schema, document).length) return undefined;
  if (queryDepth(document) > LIMITS.maxDepth) return undefined;
  const constant = !operations.some((o) => o.variableDefinitions?.length);
  if (constant && !withinLimits(schema, document, {}, operationName)) return undefined;
  const roots = operation.selectionSet.selections;
  // Root fields named outright (no fragment, no introspection): what each is decides the way.
  if (roots.some((sel) => sel.kind !== Kind.FIELD || sel.name.value.startsWith("__"))) return undefined;
  if (custom.size && roots.every((sel) => sel.kind === Kind.FIELD && custom.has(sel.name.value))) {
    const completion = planCompletion(schema, document, operation, custom);
    return { kind: "execute", document, operation, constant, ...(completion ? { completion } : {}) };
  }
  if (operations.length !== document.definitions.length) return undefined; // fragments

  const wrapped = fastReadFields(schema);
  const queryFields = schema.getQueryType()?.getFields() ?? {};
  const fields: RootField[] = [];
  const keys = new Set<string>();
  for (const sel of roots) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length) return undefined;
    const key = sel.alias?.value ?? sel.name.value;
    const target = wrapped.get(sel.name.value);
    const def = queryFields[sel.name.value];
    if (keys.has(key) || !target || !def) return undefined;
    keys.add(key);
    const columns = columnsOf(schema, target, sel);
    if (!columns) return undefined;
    fields.push({ key, node: sel, def, target, columns });
  }
  if (!fields.length) return undefined;
  const rows: Rows = { kind: "rows", document, operation, constant, fields };
  if (constant) {
    const plans = planAll(fields, {});
    if (!plans) return undefined;
    rows.plans = plans;
  }
  return rows;
}

/** Each root field's statement, or undefined when Apollo must answer (arguments that do not coerce, or no plan). */
function planAll(fields: RootField[], variables: Record<string, unknown>): ReadPlan[] | undefined {
  const plans: ReadPlan[] = [];
  for (const field of fields) {
    let args: Record<string, unknown>;
    try {
      args = getArgumentValues(field.def, field.node, variables);
    } catch (e) {
      if (e instanceof GraphQLError) return undefined;
      throw e;
    }
    const plan = planRead(field.target, args, field.node);
    if (!plan) return undefined;
    plans.push(plan);
  }
  return plans;
}

function withinLimits(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName?: string): boolean {
  if (pageSizeErrors(document, variables).length) return false;
  try {
    return costOf(schema, document, variables, operationName) <= LIMITS.maxCost;
  } catch {
    return false;
  }
}

export function fastOperations(schema: GraphQLSchema, read: ReadStatement, options: FastOperationsOptions = {}): FastOperations {
  // Compiled operations by query text, and by operation name and text.
  const unnamed = new Map<string, Compiled | null>();
  const named = new Map<string, Compiled | null>();
  const enabled = fastReadFields(schema).size > 0;
  const { context } = options;
  const custom: ReadonlySet<string> = context ? customReadFields(schema) : new Set();

  const lookup = (query: string, operationName: string | undefined): Compiled | undefined => {
    if (query.length > MAX_REMEMBERED_QUERY) return compile(schema, query, operationName, custom);
    const key = operationName === undefined ? query : `${operationName}\u0000${query}`;
    const memo = operationName === undefined ? unnamed : named;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit = compile(schema, query, operationName, custom) ?? null;
      if (unnamed.size + named.size >= MAX_COMPILED) {
        unnamed.clear();
        named.clear();
      }
      memo.set(key, hit);
    }
    return hit ?? undefined;
  };

  /** The operation's variables coerced as graphql-js coerces them, or undefined when they do not coerce (Apollo words that). */
  const coerce = (op: Checked, inputs: Record<string, unknown>): Record<string, unknown> | undefined => {
    const coerced = getVariableValues(schema, op.operation.variableDefinitions ?? [], inputs, { maxErrors: 1 });
    return coerced.errors ? undefined : coerced.coerced;
  };

  /**
   * Our resolvers' answer as Apollo would send it (`{"data":…}`; Apollo's `errors` and `extensions` absent): written along
   * the operation's completion plan, else by graphql-js; undefined on any error.
   */
  async function executed(
    op: Executed,
    request: GraphqlRequest,
    operationName: string | undefined,
    tape: ReadTape | undefined,
  ): Promise<string | undefined> {
    const contextValue = context!(tape?.record.bind(tape));
    if (op.completion) {
      const variables = coerce(op, request.variables ?? {});
      if (!variables) return undefined;
      try {
        return JSON.stringify({ data: await op.completion.write(contextValue, variables) });
      } catch {
        // A resolver's error, a failed read, or an answer that would hold an error: Apollo words it.
        return undefined;
      }
    }
    const result = await execute({
      schema,
      document: op.document,
      ...(operationName ? { operationName } : {}),
      // Apollo passes the body's variables as they are (an object, or none); graphql-js coerces them.
      ...(request.variables ? { variableValues: request.variables } : {}),
      contextValue,
    });
    if (result.errors?.length || !result.data || result.extensions) return undefined;
    return JSON.stringify({ data: result.data });
  }

  async function answer(request: GraphqlRequest, tape?: ReadTape): Promise<string | undefined> {
    if (!enabled) return undefined;
    const operationName = request.operationName ?? undefined;
    // Apollo looks for an operation named "" (and finds none); leave that to it.
    if (operationName === "") return undefined;
    const op = lookup(request.query, operationName);
    if (!op) return undefined;
    const inputs = request.variables ?? {};
    if (!op.constant && !withinLimits(schema, op.document, inputs, operationName)) return undefined;
    if (op.kind === "execute") return executed(op, request, operationName, tape);

    let plans = op.plans;
    if (!plans) {
      const variables = coerce(op, inputs);
      if (!variables) return undefined;
      plans = planAll(op.fields, variables);
      if (!plans) return undefined;
    }
    const through: ReadStatement = tape ? (cypher, params) => tape.record(cypher, params, read) : read;
    let results: QueryResult[];
    try {
      results = await Promise.all(
        plans.map((plan) => {
          publishRead(plan);
          return through(plan.cypher, plan.params);
        }),
      );
      // A ranking read from an index, when a node lacking the measure may belong on the page: Apollo
      // answers (as it does a page with a tie, below: not checked here).
      if (plans.some((plan) => plan.complete)) {
        const sure = await Promise.all(
          plans.map((plan, i) => (plan.complete && rowsOf(plan, results[i]!.records) ? confirmed(plan, results[i]!, through) : true)),
        );
        if (sure.includes(false)) return undefined;
      }
    } catch {
      // Apollo reports the failure in its words, from the tape (UPSTREAM_UNAVAILABLE while Neo4j is away).
      return undefined;
    }
    try {
      const data: Record<string, unknown> = {};
      op.fields.forEach((field, i) => {
        const { types, name } = field.target;
        // Rows that may not be the library's (a sorted interface page with a tie): Apollo answers.
        const rows = rowsOf(plans[i]!, results[i]!.records);
        if (!rows) throw new NotFast();
        data[field.key] = rows.map((row) => {
          const out: Record<string, unknown> = {};
          for (const c of field.columns) {
            if (c.field === "__typename") {
              const type = types ? types[row.__resolveType as string] : name;
              if (!type) throw new NotFast();
              out[c.key] = type;
            } else {
              out[c.key] = serialize(c, row[c.field]);
            }
          }
          return out;
        });
      });
      return JSON.stringify({ data });
    } catch (e) {
      if (e instanceof NotFast || e instanceof GraphQLError || e instanceof TypeError) return undefined;
      throw e;
    }
  }

  function way(request: GraphqlRequest): "rows" | "written" | "executed" | undefined {
    const operationName = request.operationName ?? undefined;
    const op = enabled && operationName !== "" ? lookup(request.query, operationName) : undefined;
    if (!op) return undefined;
    return op.kind === "rows" ? "rows" : op.completion ? "written" : "executed";
  }

  return { answer, way };
}
