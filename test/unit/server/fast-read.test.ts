import { beforeAll, describe, expect, it } from "vitest";
import { execute, parse, type GraphQLSchema } from "graphql";
import { buildSchema } from "../../../server/graphql/build-schema.ts";
import { customReadFields, readsArePublic, readTargets } from "../../../server/graphql/fast-read.ts";
import { fastOperations } from "../../../server/graphql/fast-operation.ts";
import type { Params } from "../../../server/db/database.ts";

// No I/O: the context's fastRead records each statement and answers no rows; a query the fast path
// leaves to @neo4j/graphql fails instead (no driver), and records nothing.
async function statements(schema: GraphQLSchema, query: string): Promise<{ cypher: string; params: Params }[]> {
  const seen: { cypher: string; params: Params }[] = [];
  await execute({
    schema,
    document: parse(query),
    contextValue: {
      fastRead: async (cypher: string, params: Params) => {
        seen.push({ cypher, params });
        return { records: [] };
      },
    },
  });
  return seen;
}

const num = (v: unknown): number => (v as { toNumber(): number }).toNumber();

describe("fast reads: the simplest generated reads as one statement", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema(undefined, "fast-read-secret-fast-read-secret-fast");
  }, 120_000);

  it("looks an entity up by id with one seek on the shared label, the @limit default and the type from the label", async () => {
    const [s, ...more] = await statements(schema, `{ entities(where: { id: { eq: "org:aurubis" } }) { __typename id name aliases } }`);
    expect(more).toEqual([]);
    expect(s!.cypher).toMatch(/^MATCH \(this:Entity\)\nWHERE this\.id = \$p0\n/);
    expect(s!.cypher).toContain("RETURN this { .id, .name, .aliases, __resolveType: type, __id: elementId(this) } AS this");
    expect(s!.params.p0).toBe("org:aurubis");
    expect(s!.params.types).toEqual(["Organisation", "Person", "Cluster", "Ministry", "Project", "Topic", "Place", "Source"]);
    expect(num(s!.params.limit)).toBe(50);
  });

  it("pages a type with its labels, equality filters, sort, offset and a limit capped at @limit max", async () => {
    const [s] = await statements(
      schema,
      `{ organisations(where: { kind: { eq: "company" }, id: { in: ["a", "b"] } }, sort: [{ name: DESC }, { id: ASC }], offset: 5, limit: 900) { id n: name name } }`,
    );
    expect(s!.cypher).toBe(
      [
        "MATCH (this:Organisation&Entity)",
        "WHERE this.id IN $p0 AND this.kind = $p1 AND this.name IS NOT NULL",
        "WITH *",
        "ORDER BY this.name DESC, this.id ASC",
        "SKIP $offset",
        "LIMIT $limit",
        // A row either side of the page (SKIP 4, LIMIT 502), whose sort key the rows hold: a tie there goes to the library.
        "RETURN this { .id, .name } AS this",
      ].join("\n"),
    );
    expect([s!.params.p0, s!.params.p1]).toEqual([["a", "b"], "company"]);
    expect([num(s!.params.offset), num(s!.params.limit)]).toEqual([4, 502]);
  });

  it("takes filter values from variables", async () => {
    const seen: Params[] = [];
    await execute({
      schema,
      document: parse(`query($id: ID!) { people(where: { id: { eq: $id } }) { id } }`),
      variableValues: { id: "person:x" },
      contextValue: { fastRead: async (_c: string, p: Params) => (seen.push(p), { records: [] }) },
    });
    expect(seen.map((p) => p.p0)).toEqual(["person:x"]);
  });

  it.each([
    ["a relationship field", `{ organisations(where: { id: { eq: "x" } }) { id memberOf { id } } }`],
    ["a connection", `{ organisations(where: { id: { eq: "x" } }) { id memberOfConnection { totalCount } } }`],
    ["a fragment", `{ entities(where: { id: { eq: "x" } }) { id ... on Organisation { kind } } }`],
    ["a directive", `{ organisations(where: { id: { eq: "x" } }) { id name @include(if: false) } }`],
    ["a directive on the field", `{ organisations(where: { id: { eq: "x" } }) @skip(if: false) { id } }`],
    ["OR", `{ organisations(where: { OR: [{ id: { eq: "x" } }, { id: { eq: "y" } }] }) { id } }`],
    ["another operator", `{ organisations(where: { name: { contains: "x" } }) { id } }`],
    ["two operators on a field", `{ organisations(where: { name: { eq: "x", startsWith: "x" } }) { id } }`],
    ["a filter on a number", `{ organisations(where: { memberCount: { eq: 3 } }) { id } }`],
    ["limit 0 (no limit in the library)", `{ organisations(limit: 0) { id } }`],
    ["an interface without an id", `{ entities(where: { name: { eq: "x" } }) { id } }`],
    ["an interface by several ids, not sorted by id", `{ entities(where: { id: { in: ["x", "y"] } }, sort: [{ name: ASC }]) { id } }`],
  ])("leaves %s to the library", async (_what, query) => {
    expect(await statements(schema, query)).toEqual([]);
  });

  it("answers an interface by several ids when sorted by id", async () => {
    const [s] = await statements(schema, `{ entities(where: { id: { in: ["x", "y"] } }, sort: [{ id: ASC }]) { id } }`);
    expect(s!.cypher).toContain("ORDER BY this.id ASC");
  });
});

describe("fast reads are off when a read may need authorization", () => {
  const sdl = (extra: string) =>
    parse(`type T @node(labels: ["T"]) ${extra} { id: ID! }\nextend schema @authentication(operations: [CREATE, DELETE])`);

  it("is on for write-only authentication", () => {
    expect(readsArePublic(sdl(""))).toBe(true);
    expect([...readTargets(sdl("")).keys()]).toEqual(["T"]);
  });

  it.each([
    ["@authorization", `@authorization(filter: [{ where: { node: { id: { eq: "x" } } } }])`],
    ["@authentication on every operation", "@authentication"],
    ["@authentication on READ", "@authentication(operations: [READ])"],
  ])("is off with %s", (_what, directive) => {
    expect(readsArePublic(sdl(directive))).toBe(false);
  });
});

describe("our own read resolvers in the fast lane (fast-operation.ts)", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema(undefined, "fast-read-secret-fast-read-secret-fast");
  }, 120_000);

  it("knows which return only plain data", () => {
    expect([...customReadFields(schema)].sort()).toEqual(["fundingFlows", "neighbourhood", "search", "shortestPaths", "stats"]);
  });

  it("executes them with the context it is given, and leaves them to Apollo without one", async () => {
    const query = `{ stats(limit: 1) { nodes } }`;
    const seen: unknown[] = [];
    const db = {
      driver: {}, // stats keeps its ranking per driver
      read: async (cypher: string) => {
        seen.push(cypher);
        return cypher.includes("AS nodes") ? [{ nodes: 3, relationships: 2 }] : [];
      },
      readWithVersion: async (cypher: string) => {
        seen.push(cypher);
        return { rows: [{ nodes: 3, relationships: 2 }], version: "v1" };
      },
    };
    const noRead = async () => {
      throw new Error("no statement of the lane's own");
    };
    expect(await fastOperations(schema, noRead).answer({ query })).toBeUndefined();
    // @neo4j/graphql's wrapper around our resolvers wants an executionContext, as the server's context
    // has; it asks it once per process for the Neo4j version.
    const context = () => ({ db, executionContext: { run: async () => ({ records: [["5.26.0", "community"]] }) } });
    const lane = fastOperations(schema, noRead, { context });
    const answer = await lane.answer({ query });
    expect(seen.length).toBeGreaterThan(0);
    const viaExecute = await execute({ schema, document: parse(query), contextValue: context() });
    expect(answer).toBe(JSON.stringify(viaExecute));
  });

  it("steps aside when the execution has an error", async () => {
    const db = {
      read: async () => {
        throw new Error("Neo4j is away");
      },
      readWithVersion: async () => {
        throw new Error("Neo4j is away");
      },
    };
    const lane = fastOperations(schema, async () => ({ records: [] }) as never, {
      context: () => ({ db, executionContext: { run: async () => ({ records: [["5.26.0", "community"]] }) } }),
    });
    expect(await lane.answer({ query: `{ stats { nodes } }` })).toBeUndefined();
    expect(await lane.answer({ query: `{ neighbourhood(id: "x", depth: 9) { truncated } }` })).toBeUndefined();
  });
});
