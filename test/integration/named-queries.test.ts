import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { int } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { namedQueries, query } from "../../server/db/named-queries.ts";
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
      // And the other way: a `;` in a parameter's description would read as another parameter, one the API then demands.
      for (const p of documented) expect(used.has(p), `${q.file} "${q.name}" documents ${p}, which its Cypher does not use`).toBe(true);
    }
  });

  // Neo4j keeps a plan for each size class of each string and list parameter (0, 1, 2–10, 11–100 …), and these
  // statements take 0.1–1 s to plan: they take their strings and lists in one map, `sized`, which one plan serves
  // whatever it holds (BENCHMARKS.md § 2/3). Only numbers and booleans stay parameters of their own.
  it.each(["neighbours", "shortest-paths", "funders-of", "funding-to", "flow-elements"])(
    "%s takes its strings and lists in one map parameter",
    (name) => {
      const q = namedQueries().get(name)!;
      const own = q.params.filter((p) => p.name !== "sized").map((p) => [p.name, paramType(p.name, p.doc)]);
      expect(own.filter(([, type]) => type !== "integer" && type !== "boolean")).toEqual([]);
      expect(paramType("sized", q.params.find((p) => p.name === "sized")?.doc ?? "")).toBe("map");
    },
  );

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

  // stats (the soak's "stats" query) once read every node and every relationship once per type: 1.4 s at 1M
  // relationships. Its counts come from the count store now, and only a type outside the model is read.
  it("stats-labels and stats-types read Neo4j's count store, and still count a type outside the model", async () => {
    const operators = async (text: string): Promise<string[]> => {
      const session = db.driver.session();
      try {
        const { summary } = await session.run(`EXPLAIN ${text}`);
        type Plan = { operatorType: string; children: Plan[] };
        const walk = (p: Plan): string[] => [p.operatorType.replace(/@.*/, ""), ...p.children.flatMap(walk)];
        return walk(summary.plan as unknown as Plan);
      } finally {
        await session.close();
      }
    };
    const labels = await operators(query("stats-labels"));
    expect(labels.filter((o) => o === "NodeCountFromCountStore")).toHaveLength(8);
    expect(labels.filter((o) => /Scan|Seek/.test(o))).toEqual([]);
    const types = await operators(query("stats-types"));
    expect(types.filter((o) => o === "RelationshipCountFromCountStore")).toHaveLength(11);
    // The one scan: under the types db.relationshipTypes() names outside the model.
    expect(types.filter((o) => /Scan|Seek/.test(o))).toEqual(["DirectedAllRelationshipsScan"]);

    await db.write(
      `CREATE (:Entity:Organisation {id: "test:stats-a", name: "a"})-[:TEST_BY_HAND]->(:Entity:Organisation {id: "test:stats-b", name: "b"})`,
    );
    try {
      const rows = await db.read(query("stats-types"));
      expect(rows.find((r) => r.label === "TEST_BY_HAND")?.count).toBe(1);
      const [all] = await db.read("MATCH ()-[r]->() RETURN count(r) AS n");
      expect(rows.reduce((sum, r) => sum + Number(r.count), 0)).toBe(all!.n);
      const byLabel = await db.read(query("stats-labels"));
      const [organisations] = await db.read("MATCH (n:Organisation) RETURN count(n) AS n");
      expect(byLabel.find((r) => r.label === "Organisation")?.count).toBe(organisations!.n);
    } finally {
      await db.write(`MATCH (n:Entity) WHERE n.id IN ["test:stats-a", "test:stats-b"] DETACH DELETE n`);
    }
  });
});
