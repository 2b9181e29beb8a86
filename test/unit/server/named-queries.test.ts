import { describe, expect, it } from "vitest";
import { splitStatements } from "../../../server/db/apply-schema.ts";
import { namedQueries, parseQueries } from "../../../server/db/named-queries.ts";

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

  it("splits the schema file into statements and skips comments", () => {
    expect(splitStatements("// c\nCREATE A;\nCREATE B\n  OPTIONS {};\n")).toEqual(["CREATE A", "CREATE B\n  OPTIONS {}"]);
  });
});
