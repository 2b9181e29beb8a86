import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { execute, parse, type GraphQLSchema } from "graphql";
import { SCHEMA_FILE } from "../../../server/db/apply-schema.ts";
import type { Params } from "../../../server/db/database.ts";
import { buildSchema } from "../../../server/graphql/build-schema.ts";
import { rangeIndexes } from "../../../server/graphql/ranked-reads.ts";

// No I/O: the context's fastRead records each statement and answers no rows, which leaves a descending
// ranking (no version of the graph to check it at) to @neo4j/graphql, which fails without a driver.
async function statements(schema: GraphQLSchema, query: string): Promise<{ cypher: string; params: Params }[]> {
  const seen: { cypher: string; params: Params }[] = [];
  const fastRead = async (cypher: string, params: Params) => (seen.push({ cypher, params }), { records: [] });
  await execute({ schema, document: parse(query), contextValue: { fastRead } });
  return seen;
}

const num = (v: unknown): number => (v as { toNumber(): number }).toNumber();

describe("fast reads: rankings by a measure", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema(undefined, "fast-read-secret-fast-read-secret-fast");
  }, 120_000);

  it("knows the single-property RANGE indexes schema.cypher creates, and no TEXT, FULLTEXT or relationship index", () => {
    const indexes = rangeIndexes(readFileSync(SCHEMA_FILE, "utf8"));
    for (const label of ["Organisation", "Person", "Project"]) {
      for (const measure of ["degree", "betweenness", "pagerank"]) expect(indexes).toContain(`${label}.${measure}`);
    }
    expect(indexes).toContain("Entity.name");
    expect([...indexes].some((i) => i.endsWith(".searchKeys") || i.endsWith(".id"))).toBe(false);
    expect(
      rangeIndexes(
        "CREATE TEXT INDEX t IF NOT EXISTS FOR (n:A) ON (n.x);\nCREATE RANGE INDEX r IF NOT EXISTS FOR (n:B) ON (n.y);\n" +
          "CREATE INDEX c IF NOT EXISTS FOR (n:C) ON (n.a, n.b);\nCREATE INDEX w IF NOT EXISTS FOR (n:D) ON (m.z);",
      ),
    ).toEqual(new Set(["B.y"]));
  });

  it("ranks a type by an indexed measure from the index, with the sort key and a row on each side of the page", async () => {
    const [s] = await statements(schema, `{ organisations(sort: [{ pagerank: ASC }, { id: ASC }], offset: 5, limit: 20) { id name } }`);
    expect(s!.cypher).toBe(
      [
        "MATCH (this:Organisation&Entity)",
        "WHERE this.pagerank IS NOT NULL",
        "WITH *",
        "ORDER BY this.pagerank ASC, this.id ASC",
        "SKIP $offset",
        "LIMIT $limit",
        "RETURN this { .id, .name, __sort: [this.pagerank, this.id] } AS this",
      ].join("\n"),
    );
    expect([num(s!.params.offset), num(s!.params.limit)]).toEqual([4, 22]);
  });

  it("sorts by a nullable field without an index as the library does", async () => {
    const [s] = await statements(schema, `{ organisations(sort: [{ memberCount: DESC }], limit: 20) { id } }`);
    expect(s!.cypher).toBe(
      ["MATCH (this:Organisation&Entity)", "WITH *", "ORDER BY this.memberCount DESC", "LIMIT $limit", "RETURN this { .id } AS this"].join(
        "\n",
      ),
    );
  });

  it("leaves a descending ranking to the library when the read gives no version of the graph to check it at", async () => {
    const seen = await statements(schema, `{ people(sort: [{ degree: DESC }], limit: 20) { id } }`);
    expect(seen.map((s) => s.cypher.split("\n")[0])).toEqual(["MATCH (this:Person&Entity)"]);
  });
});
