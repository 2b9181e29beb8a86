/**
 * Keeps a relationship id naming one relationship, graph-wide, through editors' mutations. The
 * generated mutations set a relationship's id from a `Fact` input (FactCreateInput.id when they create
 * or connect, FactUpdateInput.id.set when they update an edge); Neo4j's uniqueness constraints are
 * per type, and an import running at the same time checks ids under the importers' lock
 * (server/db/relationship-write-turn.ts), so a mutation field that sets any id runs like an import's
 * batch: in one write transaction, handed to @neo4j/graphql as its `executionContext` (a transaction:
 * the library calls its run()), which
 *  1. takes the importers' lock just before the library's first statement and looks the ids up;
 *  2. runs the mutation;
 *  3. looks the ids up again: an id that more than one relationship holds refuses the field with
 *     CONFLICT, naming the id and its holders, and the transaction rolls back — nothing written;
 *  4. otherwise marks the GraphQL edits' Source as the last writer, so that an import that planned
 *     before this commit looks its next batch's ids up again, and commits.
 * Before it opens the transaction, the field is tried with an executionContext whose run() throws
 * (refusedBeforeWriting): the library checks the token while it translates the mutation, before its
 * first statement, so a request it refuses (Unauthenticated, Forbidden …) gets its answer without a
 * transaction or a wait for an import's lock, and nothing of the library's authorization is repeated
 * here — a process's first request too: the library reads Neo4j's version before it checks the token,
 * through the executionContext, the first time one of its fields resolves in a process, and
 * buildSchema has it read before any request (build-schema.ts, learnNeo4jVersion). An allowed
 * mutation is translated twice. A field may not set an id starting "e:similar-": those
 * name the importer's SIMILAR_TO links, which it writes without the lock (import-flag-similar).
 * Mutation fields that set no relationship id, and every query, run as before: reads pay nothing.
 * Each root field is its own transaction, as the library runs them.
 */
import { isInputObjectType, isListType, isNonNullType, type GraphQLInputType, type GraphQLSchema } from "graphql";
import type { ManagedTransaction } from "neo4j-driver";
import type { Database } from "../db/database.ts";
import {
  describeRelationship,
  inWriteTransaction,
  markRelationshipWriter,
  relationshipsHolding,
  takeRelationshipTurn,
  type HeldRelationship,
} from "../db/relationship-write-turn.ts";
import { ConflictError, InnographError, ValidationError } from "../errors.ts";

/** The Source node that records editors' relationship writes for the importers' lock. */
export const GRAPHQL_WRITER = "source:graphql-edits";
const WRITER_PROPS = {
  name: "GraphQL edits",
  aliases: ["GraphQL edits"],
  format: "graphql",
  description:
    "Relationships written by editors' mutations on POST /graphql: its relationshipWrites counts them among the imports' writes.",
};

/** Relationship ids the importer gives its SIMILAR_TO links (seed/import/to-import-rows.ts, similarId). */
export const SIMILAR_ID_PREFIX = "e:similar-";

/** What the guard needs of a request's context (server/http/mount-graphql.ts). */
interface WriteContext {
  db?: Database;
  sessionConfig?: { database?: string };
  transaction?: { timeout?: number };
}

/** Every relationship id a mutation field's (coerced) arguments set, walked by their input types. */
export function relationshipIdsIn(type: GraphQLInputType, value: unknown, out: Set<string> = new Set()): Set<string> {
  if (value === null || value === undefined) return out;
  if (isNonNullType(type)) return relationshipIdsIn(type.ofType, value, out);
  if (isListType(type)) {
    for (const item of Array.isArray(value) ? value : [value]) relationshipIdsIn(type.ofType, item, out);
    return out;
  }
  if (!isInputObjectType(type) || typeof value !== "object") return out;
  const fields = value as Record<string, unknown>;
  if (type.name === "FactCreateInput" && typeof fields.id === "string") out.add(fields.id);
  const set = (fields.id as { set?: unknown } | undefined)?.set;
  if (type.name === "FactUpdateInput" && typeof set === "string") out.add(set);
  for (const [name, field] of Object.entries(type.getFields())) relationshipIdsIn(field.type, fields[name], out);
  return out;
}

/** Same type and ends: the same relationship, as far as a message can tell. */
const key = (r: HeldRelationship): string => describeRelationship(r);

/** The refusal for each id more than one relationship holds after the mutation, or none. */
export function clashes(ids: string[], before: Map<string, HeldRelationship[]>, after: Map<string, HeldRelationship[]>): string[] {
  const out: string[] = [];
  for (const id of ids) {
    const now = after.get(id) ?? [];
    if (now.length <= 1) continue;
    const old = before.get(id) ?? [];
    const left = [...old.map(key)];
    const added = now.map(key).filter((k) => {
      const i = left.indexOf(k);
      if (i < 0) return true;
      left.splice(i, 1);
      return false;
    });
    out.push(
      old.length === 0
        ? `this mutation would give relationship id "${id}" to ${now.length} relationships (${now.map(key).join(" and ")}): an id names one relationship, of any type — give each its own`
        : `relationship id "${id}" is already held by ${old.map(key).join(" and ")}; this mutation would give it to ${added.length ? added.join(" and ") : "another relationship"} too: an id names one relationship, of any type — choose another id`,
    );
  }
  return out;
}

/** Thrown by the trial's executionContext: the library got as far as running a statement. */
class WouldRun extends Error {}

/**
 * The library's answer to a field it refuses before running any statement (the token checked when it
 * translates), found by resolving the field with an executionContext whose run() throws WouldRun;
 * undefined when it reaches a statement. The first statement the library would run in a process is its
 * read of Neo4j's version, before the token is checked; buildSchema runs it before any request, so the
 * trial reaches none for a refused field. (Should the version be unread — a schema built without a
 * driver — a refused field reaches that read and so runs in the transaction as an allowed mutation
 * does, where the library then refuses it, nothing written.)
 */
async function refusedBeforeWriting(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (e) {
    if (!(e instanceof WouldRun)) return e;
  }
  return undefined;
}

/** Wraps every Mutation field of the generated schema so that the ones setting relationship ids keep them unique. */
export function guardRelationshipIds(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve;
    if (!resolve) continue;
    field.resolve = async (source, args: Record<string, unknown>, context: WriteContext, info) => {
      const found = new Set<string>();
      for (const arg of field.args) relationshipIdsIn(arg.type, args[arg.name], found);
      if (found.size === 0) return resolve(source, args, context, info);
      const db = context.db;
      if (!db) throw new InnographError("INTERNAL", `graphql: ${field.name}: the request's context has no database`);
      const trial = {
        run: async (): Promise<never> => {
          throw new WouldRun(`graphql: ${field.name}: tried without a transaction`);
        },
      };
      const refusal = await refusedBeforeWriting(() => resolve(source, args, { ...context, executionContext: trial }, info));
      if (refusal !== undefined) throw refusal;
      const ids = [...found];
      const reserved = ids.filter((id) => id.startsWith(SIMILAR_ID_PREFIX));
      if (reserved.length)
        throw new ValidationError(
          `graphql: ${field.name}: relationship id ${reserved.map((id) => `"${id}"`).join(", ")} starts with "${SIMILAR_ID_PREFIX}", which names the importer's likely-duplicate links (SIMILAR_TO): choose another id. Nothing was written.`,
        );
      const work = async (tx: ManagedTransaction): Promise<unknown> => {
        // Set by the library's first statement: the lock taken and the ids as they were before.
        let locked: Promise<Map<string, HeldRelationship[]>> | undefined;
        const executionContext = {
          run: async (cypher: string, params: Record<string, unknown>) => {
            locked ??= takeRelationshipTurn(tx).then(() => relationshipsHolding(tx, ids));
            await locked;
            return tx.run(cypher, params);
          },
        };
        const result: unknown = await resolve(source, args, { ...context, executionContext }, info);
        if (!locked) return result;
        const refused = clashes(ids, await locked, await relationshipsHolding(tx, ids));
        if (refused.length) throw new ConflictError(`graphql: ${field.name}: ${refused.join("; ")}. Nothing was written.`);
        await markRelationshipWriter(tx, GRAPHQL_WRITER, WRITER_PROPS);
        return result;
      };
      return inWriteTransaction(db, work, { database: context.sessionConfig?.database, timeoutMs: context.transaction?.timeout });
    };
  }
}
