import { describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import { SCHEMA_FILE, schemaName, splitStatements } from "../../../server/db/apply-schema.ts";
import { namedQueries, parseQueries, query } from "../../../server/db/named-queries.ts";
import { NODE_LABELS, RELATIONSHIP_TYPES } from "../../../seed/model.ts";

describe("named Cypher queries", () => {
  it("refuses a query name defined twice", () => {
    expect(() => namedQueries("/nonexistent-dir")).toThrow();
  });

  it("parses name, description, parameters and text of each block", () => {
    const [q] = parseQueries(
      "// name: one\n// description: Does one thing.\n// param: id, limit — what\nMATCH (n {id: $id})\nRETURN n LIMIT $limit;\n",
      "x.cypher",
    );
    expect(q).toEqual({
      name: "one",
      file: "x.cypher",
      description: "Does one thing.",
      params: [
        { name: "id", doc: "what" },
        { name: "limit", doc: "what" },
      ],
      text: "MATCH (n {id: $id})\nRETURN n LIMIT $limit",
    });
  });

  it("uses parameters for every value: no query text holds a quoted value from outside", () => {
    for (const q of namedQueries().values()) {
      expect(q.text, q.name).not.toMatch(/\$\{|\+ *'|' *\+/);
    }
  });

  it("names every statement of the schema file, so a start skips what exists", async () => {
    const statements = splitStatements(await readFile(SCHEMA_FILE, "utf8"));
    expect(statements.length).toBeGreaterThan(10);
    for (const s of statements) expect(schemaName(s), s).toMatch(/^\w+$/);
    expect(schemaName("CREATE FULLTEXT INDEX entity_search IF NOT EXISTS\nFOR (n:Entity) ON EACH [n.name]")).toBe("entity_search");
    expect(schemaName("CREATE INDEX IF NOT EXISTS FOR (n:A) ON (n.b)")).toBeUndefined();
  });

  it("splits the schema file into statements and skips comments", () => {
    expect(splitStatements("// c\nCREATE A;\nCREATE B\n  OPTIONS {};\n")).toEqual(["CREATE A", "CREATE B\n  OPTIONS {}"]);
  });

  // stats-labels and stats-types write each label and type out (Neo4j reads its count store only then):
  // a label or type added to the model must be added there too.
  it("counts every label and type of the model in stats-labels and stats-types, each once", () => {
    const labels = [...query("stats-labels").matchAll(/MATCH \(n:(\w+)\) RETURN count\(n\)/g)].map((m) => m[1]);
    const types = [...query("stats-types").matchAll(/MATCH \(\)-\[r:(\w+)\]->\(\) RETURN count\(r\)/g)].map((m) => m[1]);
    expect(labels).toEqual([...NODE_LABELS]);
    expect(types).toEqual([...RELATIONSHIP_TYPES]);
    // The rows name the same ones, and the types counted by reading are those outside that list.
    for (const l of NODE_LABELS) expect(query("stats-labels")).toContain(`{label: '${l}', count: `);
    for (const t of RELATIONSHIP_TYPES) expect(query("stats-types")).toContain(`{label: '${t}', count: `);
    const outside = /WHERE NOT type IN \[([^\]]*)\]/.exec(query("stats-types"))?.[1];
    expect(outside?.split(",").map((t) => t.trim().replace(/'/g, ""))).toEqual([...RELATIONSHIP_TYPES]);
  });

  // graph-nodes, graph-edges and central-entities read only the types asked for, one branch per model
  // label written out (a label given as a value reads every entity): a label added to the model must get one.
  it("gives every model label its branch in the queries that read entities by type", () => {
    const byType = [...namedQueries().values()].filter((q) => q.text.includes("IN $labels THEN [true]"));
    expect(byType.map((q) => q.name).sort()).toEqual(["central-entities", "graph-edges", "graph-nodes"]);
    for (const q of byType) {
      const branches = [...q.text.matchAll(/CASE WHEN '(\w+)' IN \$labels THEN \[true\]/g)].map((m) => m[1]);
      expect(branches, q.name).toEqual([...NODE_LABELS]);
      const outside = [...q.text.matchAll(/NOT l IN \[([^\]]*)\]/g)].map((m) => m[1]!.split(",").map((t) => t.trim().replace(/'/g, "")));
      expect(outside.length, q.name).toBeGreaterThan(0);
      for (const list of outside) expect(list, q.name).toEqual([...NODE_LABELS]);
    }
  });
});
