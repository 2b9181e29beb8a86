import { describe, expect, it } from "vitest";
import { lexicographicSortSchema, printSchema } from "graphql";
import { buildSchema } from "../../../server/graphql/build-schema.ts";

describe("the generated GraphQL schema", () => {
  it("matches the snapshot (a change to the API contract shows up here)", async () => {
    const schema = await buildSchema(undefined, "snapshot-secret-snapshot-secret-snapshot");
    await expect(printSchema(lexicographicSortSchema(schema))).toMatchFileSnapshot("__snapshots__/schema.graphql");
  }, 120_000);

  it("exposes every entity type, polymorphic lookup and the analyst queries", async () => {
    const schema = await buildSchema(undefined, "snapshot-secret-snapshot-secret-snapshot");
    const query = schema.getQueryType()!.getFields();
    for (const field of [
      "organisations",
      "people",
      "clusters",
      "ministries",
      "projects",
      "topics",
      "places",
      "sources",
      "entities",
      "search",
      "neighbourhood",
      "shortestPaths",
      "fundingFlows",
      "stats",
    ]) {
      expect(query[field], field).toBeDefined();
    }
    const fact = schema.getType("Fact");
    expect(Object.keys((fact as unknown as { getFields(): object }).getFields())).toEqual(
      expect.arrayContaining(["role", "amount", "currency", "status", "sources", "evidence", "startDate", "endDate"]),
    );
  }, 120_000);
});
