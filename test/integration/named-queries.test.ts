import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { int } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { namedQueries } from "../../server/db/named-queries.ts";
import { paramType } from "../../server/analysis/query-params.ts";
import { connectTestDb } from "../helpers/test-graph.ts";

/** A value of the documented kind for each parameter, so EXPLAIN can plan the query. */
function sample(name: string, doc: string): unknown {
  switch (paramType(name, doc)) {
    case "list":
      return [];
    case "integer":
      return int(5);
    case "float":
      return 0.5;
    case "boolean":
      return true;
    case "map":
      return {};
    default:
      return "x";
  }
}

describe("every named Cypher query", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
    await applySchema(db);
  });
  afterAll(async () => db.close());

  const queries = [...namedQueries().values()];
  it("exists and documents its parameters", () => {
    expect(queries.length).toBeGreaterThan(10);
    for (const q of queries) {
      const used = new Set([...q.text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
      const documented = new Set(q.params.map((p) => p.name));
      for (const p of used) expect(documented.has(p!), `${q.file} "${q.name}" uses $${p} without a // param: line`).toBe(true);
    }
  });

  it.each(queries.map((q) => [q.name, q] as const))("%s is planned by Neo4j (EXPLAIN) against the real schema", async (_name, q) => {
    const params = Object.fromEntries(q.params.map((p) => [p.name, sample(p.name, p.doc)]));
    await expect(db.read(`EXPLAIN ${q.text}`, params)).resolves.toBeDefined();
  });

  // A predicate Neo4j cannot check during shortestPath's breadth-first search (one on the path's length, say)
  // makes it plan a fallback that expands every path up to the bound when no shortest one passes; around a
  // hub that runs for minutes. No named query may carry one.
  const shortest = queries.filter((q) => /shortestPaths?\(/i.test(q.text));
  it.each(shortest.map((q) => [q.name, q] as const))("%s searches shortest paths without an exhaustive fallback", async (_name, q) => {
    const params = Object.fromEntries(q.params.map((p) => [p.name, sample(p.name, p.doc)]));
    const session = db.driver.session();
    try {
      const { summary } = await session.run(`EXPLAIN ${q.text}`, params);
      type Plan = { operatorType: string; children: Plan[] };
      const operators = (p: Plan): string[] => [p.operatorType.replace(/@.*/, ""), ...p.children.flatMap(operators)];
      const planned = operators(summary.plan as unknown as Plan);
      expect(planned).toContain("ShortestPath");
      expect(planned.filter((o) => /VarLengthExpand|AntiConditionalApply/.test(o))).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
