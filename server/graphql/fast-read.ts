/**
 * Fast reads: the generated list queries (`entities`, `organisations`, `people` …) in their simplest
 * shape — equality filters on string fields, sort, limit, offset, scalar fields only — answered with
 * one hand-written statement instead of @neo4j/graphql's translation, which costs more CPU than the
 * lookup itself (≈ 1 ms a request; see BENCHMARKS.md, "Where a lookup's overhead goes"), and for
 * `entities` a UNION over all eight labels instead of one seek on the shared `Entity` label. A type
 * ranked by a network measure (`organisations(sort: [{ degree: DESC }], limit: 20)`) reads the
 * measure's index in order where the library reads and sorts the whole type (1M relationships:
 * 270,041 → 85 db hits), when that gives the library's rows (ranked-reads.ts). A node type's plain
 * count comes from the count store (counted-reads.ts).
 *
 * Same answer as the library, field for field: the same labels, the same LIMIT (the @limit default,
 * capped at its max), the same projection (`this { .f, … }`; interfaces add `__resolveType` and
 * `__id`), and the rows go through the same generated field resolvers. Anything else — relationship
 * fields, connections, fragments, directives, other operators, AND/OR/NOT — goes to the library
 * unchanged. Only used while no read needs authorization (no @authorization, no @authentication on
 * READ): the library is then the only place such rules are applied.
 */
import {
  Kind,
  getNamedType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLFieldResolver,
  type GraphQLNamedType,
  type GraphQLSchema,
  type TypeNode,
} from "graphql";
import { readFileSync } from "node:fs";
import { isInt, type QueryResult, type Record as Neo4jRecord } from "neo4j-driver";
import { int, type Params } from "../db/database.ts";
import { SCHEMA_FILE } from "../db/apply-schema.ts";
import { COUNTS, countOf, selectsOnly } from "./counted-reads.ts";
import { confirmed, rangeIndexes } from "./ranked-reads.ts";
import { publishRead } from "./fast-read-channel.ts";

/** Runs one read statement; the GraphQL context carries it as `fastRead` (see server/http/mount-graphql.ts). */
export type ReadStatement = (cypher: string, params: Params) => Promise<QueryResult>;

interface FieldInfo {
  /** Equality filters allowed: a String or ID, not a list. */
  filterable: boolean;
  /** Sort allowed: a scalar, not a list. */
  sortable: boolean;
  /** Non-null in the SDL (`String!`). */
  required: boolean;
}

export interface ReadTarget {
  /** The type name: Organisation, or the interface Entity. */
  name: string;
  /** Labels every matched node carries (`@node(labels:)`; for an interface, those its types share). */
  labels: string[];
  /** Interfaces only: each implementing type by its own label (the label beside the shared ones). */
  types?: Record<string, string>;
  /** Plain properties: fields without directives whose type is a scalar or a list of scalars. */
  fields: Map<string, FieldInfo>;
  limit: { default?: number; max?: number };
  /**
   * Node types only: the nullable sortable fields a RANGE index of cypher/schema.cypher holds on one
   * of the type's labels (a network measure: degree, pagerank …), with that label.
   */
  indexed?: Map<string, string>;
}

export interface ReadPlan {
  cypher: string;
  params: Params;
  /**
   * An interface read whole and sorted: the answer is the library's only when no two rows tie on the
   * sort key. The statement returns `before` rows ahead of the page (0 or 1), then the page (`limit`)
   * and one row after it, each with its key as `__sort` (or in `fields`, when the rows hold every field of
   * the key); rowsOf checks and trims them.
   */
  unique?: { before: number; limit: number; fields?: string[] };
  /**
   * A node type ranked by a nullable field (`complete.field`) read from its index, which holds no
   * nulls: the library's answer puts the nodes lacking it first when descending, last when
   * ascending. So the rows are its answer only when no node of `complete.label` lacks the field, or,
   * ascending, when a row follows the page (the page ends before any null). See confirmed(),
   * ranked-reads.ts.
   */
  complete?: { target: ReadTarget; label: string; field: string; descending: boolean };
}

const SCALARS = new Set(["ID", "String", "Int", "Float", "Boolean"]);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_ARGS = new Set(["where", "sort", "limit", "offset"]);

function unwrap(type: TypeNode): { name: string; list: boolean } {
  if (type.kind === Kind.NON_NULL_TYPE) return unwrap(type.type);
  if (type.kind === Kind.LIST_TYPE) return { name: unwrap(type.type).name, list: true };
  return { name: type.name.value, list: false };
}

function argument(directive: DirectiveNode | undefined, name: string): unknown {
  const value = directive?.arguments?.find((a) => a.name.value === name)?.value;
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.LIST) return value.values.map((v) => (v.kind === Kind.STRING || v.kind === Kind.ENUM ? v.value : undefined));
  if (value.kind === Kind.ENUM) return value.value;
  return undefined;
}

/** False when any read could need authorization: then every read goes through the library. */
export function readsArePublic(typeDefs: DocumentNode): boolean {
  let open = true;
  const check = (directives: readonly DirectiveNode[] | undefined): void => {
    for (const d of directives ?? []) {
      if (d.name.value === "authorization") open = false;
      if (d.name.value === "authentication") {
        const operations = argument(d, "operations");
        if (!Array.isArray(operations) || operations.includes("READ") || operations.includes(undefined)) open = false;
      }
    }
  };
  for (const def of typeDefs.definitions) {
    if ("directives" in def) check(def.directives);
    if ("fields" in def) for (const f of def.fields ?? []) check(f.directives);
  }
  return open;
}

/**
 * The node types and interfaces of the SDL that fast reads can answer, by type name; `indexes`
 * (rangeIndexes, ranked-reads.ts) says which nullable fields of a type may be ranked from an index.
 */
export function readTargets(typeDefs: DocumentNode, indexes: ReadonlySet<string> = new Set()): Map<string, ReadTarget> {
  const targets = new Map<string, ReadTarget>();
  const implementations = new Map<string, string[]>();
  const limitOf = (directives: readonly DirectiveNode[] | undefined) => {
    const d = directives?.find((x) => x.name.value === "limit");
    const def = argument(d, "default");
    const max = argument(d, "max");
    return { ...(typeof def === "number" ? { default: def } : {}), ...(typeof max === "number" ? { max } : {}) };
  };
  const fieldsOf = (fields: readonly { name: { value: string }; type: TypeNode; directives?: readonly unknown[] }[] | undefined) => {
    const out = new Map<string, FieldInfo>();
    for (const f of fields ?? []) {
      const { name, list } = unwrap(f.type);
      if (f.directives?.length || !SCALARS.has(name) || !NAME.test(f.name.value)) continue;
      out.set(f.name.value, {
        filterable: !list && (name === "String" || name === "ID"),
        sortable: !list,
        required: f.type.kind === Kind.NON_NULL_TYPE,
      });
    }
    return out;
  };
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const node = def.directives?.find((d) => d.name.value === "node");
    if (!node) continue;
    const labels = (argument(node, "labels") as (string | undefined)[] | undefined) ?? [def.name.value];
    if (!labels.every((l): l is string => typeof l === "string" && NAME.test(l))) continue;
    const fields = fieldsOf(def.fields);
    const indexed = new Map<string, string>();
    for (const [field, info] of fields) {
      const label = labels.find((l) => indexes.has(`${l}.${field}`));
      if (label && info.sortable && !info.required) indexed.set(field, label);
    }
    targets.set(def.name.value, { name: def.name.value, labels, fields, limit: limitOf(def.directives), indexed });
    for (const i of def.interfaces ?? []) implementations.set(i.name.value, [...(implementations.get(i.name.value) ?? []), def.name.value]);
  }
  for (const def of typeDefs.definitions) {
    if (def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const members = (implementations.get(def.name.value) ?? []).map((n) => targets.get(n));
    if (!members.length || members.some((m) => !m)) continue;
    // Each type must carry the shared labels plus exactly one of its own, named like the type.
    const shared = members[0]!.labels.filter((l) => members.every((m) => m!.labels.includes(l)));
    const types: Record<string, string> = {};
    let regular = shared.length > 0;
    for (const m of members) {
      const own = m!.labels.filter((l) => !shared.includes(l));
      if (own.length !== 1 || own[0] !== m!.name) regular = false;
      else types[own[0]] = m!.name;
    }
    if (!regular) continue;
    targets.set(def.name.value, {
      name: def.name.value,
      labels: shared,
      types,
      fields: fieldsOf(def.fields),
      limit: limitOf(def.directives),
    });
  }
  return targets;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown, min: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min;

/** The statement answering this field, or undefined when the library must answer it. */
export function planRead(target: ReadTarget, args: Record<string, unknown>, node: FieldNode): ReadPlan | undefined {
  if (node.directives?.length || !node.selectionSet) return undefined;
  if (Object.keys(args).some((a) => !FIELD_ARGS.has(a))) return undefined;

  const projected: string[] = [];
  for (const sel of node.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length || sel.arguments?.length || sel.selectionSet) return undefined;
    const name = sel.name.value;
    if (name === "__typename") continue;
    if (!target.fields.has(name)) return undefined;
    if (!projected.includes(name)) projected.push(name);
  }

  const params: Params = {};
  const conditions: string[] = [];
  const where = args.where ?? {};
  if (!isRecord(where)) return undefined;
  for (const [field, filter] of Object.entries(where)) {
    if (!target.fields.get(field)?.filterable || !isRecord(filter)) return undefined;
    const ops = Object.keys(filter);
    if (ops.length !== 1) return undefined;
    const [op] = ops as [string];
    const value = filter[op];
    const p = `p${conditions.length}`;
    if (op === "eq" && typeof value === "string") conditions.push(`this.${field} = $${p}`);
    else if (op === "in" && Array.isArray(value) && value.every((v) => typeof v === "string")) conditions.push(`this.${field} IN $${p}`);
    else return undefined;
    params[p] = value;
  }
  // An interface is read by id, or whole and sorted by a non-null field: the library returns a UNION's
  // rows in label order, which one statement over the shared label would not reproduce for several
  // nodes unless sorted by id — or sorted by a key no two of the rows share (`unique` below).
  const byId = isRecord(where.id) ? where.id : undefined;
  const sortKey = Array.isArray(args.sort) && isRecord(args.sort[0]) ? Object.keys(args.sort[0])[0] : undefined;
  const readById = Boolean(byId && ("eq" in byId || sortKey === "id"));
  // A node type ranked by a nullable indexed field (a measure) reads the index in order, where the
  // library sorts the whole type: the same rows, but only where no two tie (`unique`), and only
  // when no node lacking the field belongs on the page (`complete`).
  const measure = !target.types && sortKey ? target.indexed?.get(sortKey) : undefined;
  // A required first sort field is read from its index too (IS NOT NULL below), whose order between
  // equal keys is not the library's: ties go to the library as well.
  const required = Boolean(!readById && sortKey && target.fields.get(sortKey)?.required);
  const unique = target.types ? required && !conditions.length : measure !== undefined || required;
  if (target.types && !readById && !unique) return undefined;

  const order: string[] = [];
  if (args.sort !== undefined && args.sort !== null) {
    if (!Array.isArray(args.sort)) return undefined;
    for (const s of args.sort as unknown[]) {
      if (!isRecord(s)) return undefined;
      const keys = Object.keys(s);
      if (keys.length !== 1) return undefined;
      const [field] = keys as [string];
      const direction = s[field];
      if (!target.fields.get(field)?.sortable || (direction !== "ASC" && direction !== "DESC")) return undefined;
      order.push(`this.${field} ${direction}`);
    }
    // The first sort field is non-null by the schema; saying so lets Neo4j read its index in order
    // and stop at the limit (page of 50 companies at 100k: 215 db hits instead of 22,965).
    const first = Object.keys(args.sort[0] ?? {})[0];
    if (first && (target.fields.get(first)?.required || measure)) conditions.push(`this.${first} IS NOT NULL`);
  }

  // As the library: the @limit default when none is asked for, capped at the max; limit 0 means none there.
  let limit = args.limit ?? target.limit.default ?? target.limit.max;
  if (limit !== undefined && limit !== null) {
    if (!isCount(limit, 1)) return undefined;
    if (target.limit.max !== undefined) limit = Math.min(limit, target.limit.max);
  }
  const offset = args.offset ?? undefined;
  if (offset !== undefined && offset !== null && !isCount(offset, 0)) return undefined;

  const match = `MATCH (this:${target.labels.join("&")})`;
  const filter = conditions.length ? `\nWHERE ${conditions.join(" AND ")}` : "";
  let body: string;
  let projection: string;
  // The sort key of each row, for the tie check: the projected fields when they hold it, else `__sort`.
  const sortFields = order.map((o) => o.replace(/^this\.| (ASC|DESC)$/g, ""));
  const keyFields = unique && sortFields.every((f) => projected.includes(f)) ? sortFields : undefined;
  const sortKeys = unique && !keyFields ? [`__sort: [${sortFields.map((f) => `this.${f}`).join(", ")}]`] : [];
  if (target.types) {
    params.types = Object.keys(target.types);
    body = `${match}${filter}\nUNWIND [label IN labels(this) WHERE label IN $types] AS type\nWITH this, type`;
    projection = `this { ${[...projected.map((f) => `.${f}`), "__resolveType: type", "__id: elementId(this)", ...sortKeys].join(", ")} }`;
  } else {
    body = `${match}${filter}\nWITH *`;
    projection = `this { ${[...projected.map((f) => `.${f}`), ...sortKeys].join(", ")} }`;
  }
  const paging: string[] = [];
  if (order.length) paging.push(`ORDER BY ${order.join(", ")}`);
  // Sorted on a key that must be unique: one row more on each side of the page, to see a tie there.
  const before = unique && typeof offset === "number" && offset > 0 ? 1 : 0;
  if (unique && typeof limit !== "number") return undefined;
  if (typeof offset === "number") {
    params.offset = int(offset - before);
    paging.push("SKIP $offset");
  }
  if (typeof limit === "number") {
    params.limit = int(limit + (unique ? before + 1 : 0));
    paging.push("LIMIT $limit");
  }
  const cypher = `${body}${paging.length ? `\n${paging.join("\n")}` : ""}\nRETURN ${projection} AS this`;
  if (!unique) return { cypher, params };
  const plan: ReadPlan = { cypher, params, unique: { before, limit: limit as number, ...(keyFields ? { fields: keyFields } : {}) } };
  if (measure && sortKey) plan.complete = { target, label: measure, field: sortKey, descending: order[0]!.endsWith(" DESC") };
  return plan;
}

/** A sort key as a string: keys Cypher orders as equal, equal strings (an integer and its float alike). */
const keyOf = (values: unknown): string =>
  JSON.stringify(values, (_k, v: unknown) =>
    isInt(v) ? (v.inSafeRange() ? v.toNumber() : `${v.toString()}n`) : v === undefined ? null : v,
  );

/**
 * The rows of a plan's answer, or undefined when they may not be the library's: for a `unique` plan,
 * two rows of the page or next to it that tie on the sort key (the library's order between them is
 * not ours), the extra rows dropped and the sort key removed.
 */
export function rowsOf(plan: ReadPlan, records: readonly Neo4jRecord[]): Record<string, unknown>[] | undefined {
  const rows = records.map((r) => r.get("this") as Record<string, unknown>);
  if (!plan.unique) return rows;
  const { before, limit, fields } = plan.unique;
  const keyAt = (row: Record<string, unknown>): unknown =>
    !fields ? row.__sort : fields.length === 1 ? row[fields[0]!] : fields.map((f) => row[f]);
  for (let i = 1; i < rows.length; i++) if (sameKey(keyAt(rows[i - 1]!), keyAt(rows[i]!))) return undefined;
  // An offset at or past the end leaves nothing after the row before the page: an empty page, as the library's.
  const page = rows.slice(before, before + limit);
  return fields ? page : page.map(({ __sort: _sort, ...row }) => row);
}

/** Whether two sort values tie: strings (a name) compared at once, anything else as keyOf writes it. */
const sameValue = (a: unknown, b: unknown): boolean => (typeof a === "string" || typeof b === "string" ? a === b : keyOf(a) === keyOf(b));

/** Whether two sort keys (a value, or `__sort`'s list of them) tie. */
const sameKey = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => sameValue(v, b[i])) : sameValue(a, b);

/** The Query fields addFastReads wrapped in a schema, with what each reads. */
const WRAPPED = new WeakMap<GraphQLSchema, ReadonlyMap<string, ReadTarget>>();

/** The fast-read Query fields of `schema` by name (empty when addFastReads did not wrap any). */
export function fastReadFields(schema: GraphQLSchema): ReadonlyMap<string, ReadTarget> {
  return WRAPPED.get(schema) ?? new Map();
}

/** The custom read resolvers (server/graphql/resolvers/) addFastReads found plain, by schema. */
const CUSTOM = new WeakMap<GraphQLSchema, ReadonlySet<string>>();

/**
 * The Query fields answered by our own resolvers whose whole answer is plain data: every type they
 * can return is an object type of ours (no @node type, interface or union, whose fields the library
 * resolves), so graphql-js's execute with the request's context gives exactly what Apollo would
 * (server/graphql/fast-operation.ts). Empty when any read could need authorization.
 */
export function customReadFields(schema: GraphQLSchema): ReadonlySet<string> {
  return CUSTOM.get(schema) ?? new Set();
}

function plainCustomReads(schema: GraphQLSchema, sdl: DocumentNode, custom: ReadonlySet<string>): Set<string> {
  // Types the library owns or that could resolve to one: @node types, every interface and union.
  const library = new Set<string>();
  for (const def of sdl.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION && def.directives?.some((d) => d.name.value === "node")) library.add(def.name.value);
    if (def.kind === Kind.INTERFACE_TYPE_DEFINITION || def.kind === Kind.UNION_TYPE_DEFINITION) library.add(def.name.value);
  }
  const plain = (start: GraphQLNamedType): boolean => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const t = stack.pop()!;
      if (seen.has(t.name)) continue;
      seen.add(t.name);
      if (library.has(t.name) || isInterfaceType(t) || isUnionType(t)) return false;
      if (isObjectType(t)) for (const f of Object.values(t.getFields())) stack.push(getNamedType(f.type));
    }
    return true;
  };
  const out = new Set<string>();
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const name of custom) {
    const field = fields[name];
    if (field && plain(getNamedType(field.type))) out.add(name);
  }
  return out;
}

/**
 * Wraps the generated list queries of `schema` (in place) so that simple reads take the fast path
 * when the context carries `fastRead`, and notes which of the `custom` Query fields return plain data
 * (customReadFields). Returns the names of the wrapped Query fields.
 */
export function addFastReads(schema: GraphQLSchema, typeDefs: string, custom: ReadonlySet<string>): string[] {
  const sdl = parse(typeDefs);
  if (!readsArePublic(sdl)) return [];
  CUSTOM.set(schema, plainCustomReads(schema, sdl, custom));
  const targets = readTargets(sdl, rangeIndexes(readFileSync(SCHEMA_FILE, "utf8")));
  const wrapped = new Map<string, ReadTarget>();
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    if (custom.has(field.name) || !field.resolve) continue;
    // Exactly `[T!]!` with T a node type or interface of the SDL, and no arguments beyond ours.
    const t = field.type;
    if (!isNonNullType(t) || !isListType(t.ofType) || !isNonNullType(t.ofType.ofType)) continue;
    const target = targets.get(getNamedType(t).name);
    if (!target || field.args.some((a) => !FIELD_ARGS.has(a.name))) continue;
    const library = field.resolve as GraphQLFieldResolver<unknown, { fastRead?: ReadStatement } | undefined>;
    const resolve: GraphQLFieldResolver<unknown, { fastRead?: ReadStatement } | undefined> = async (root, args, context, info) => {
      const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
      const plan = context?.fastRead && node ? planRead(target, args as Record<string, unknown>, node) : undefined;
      if (!plan || !context?.fastRead) return library(root, args, context, info);
      publishRead(plan);
      const result = await context.fastRead(plan.cypher, plan.params);
      const rows = rowsOf(plan, result.records);
      return rows && (await confirmed(plan, result, context.fastRead)) ? rows : library(root, args, context, info);
    };
    field.resolve = resolve;
    wrapped.set(field.name, target);
  }
  // `organisationsConnection { totalCount }` or `{ aggregate { count { nodes } } }`, nothing else and no
  // argument: from the count store (countOf, counted-reads.ts). The lane leaves these to Apollo, whose run comes here.
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const [name, target] of wrapped) {
    const field = fields[`${name}Connection`];
    if (target.types || !field?.resolve) continue;
    const library = field.resolve as GraphQLFieldResolver<unknown, { fastRead?: ReadStatement } | undefined>;
    const resolve: GraphQLFieldResolver<unknown, { fastRead?: ReadStatement } | undefined> = async (root, args, context, info) => {
      const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
      const plain = Object.values(args as Record<string, unknown>).every((v) => v === undefined || v === null);
      const count = context?.fastRead && node && plain && selectsOnly(node, COUNTS) ? await countOf(target, context.fastRead) : undefined;
      return count === undefined ? library(root, args, context, info) : { totalCount: count, aggregate: { count: { nodes: count } } };
    };
    field.resolve = resolve;
  }
  WRAPPED.set(schema, wrapped);
  return [...wrapped.keys()];
}
