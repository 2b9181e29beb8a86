import { describe, expect, it } from "vitest";
import neo4j from "neo4j-driver";
import type { NamedQuery } from "../../../server/db/named-queries.ts";
import { checkParams, paramType, parseCliParams, parseCliValue, toCypherParams } from "../../../server/analysis/query-params.ts";
import { checkReadOnly } from "../../../server/analysis/check-read-only.ts";
import { parseExportRequest } from "../../../server/http/api/export-params.ts";

const Q: NamedQuery = {
  name: "board-interlocks",
  file: "notebook.cypher",
  description: "",
  text: "",
  params: [
    { name: "minOrganisations", doc: "integer: the fewest organisations" },
    { name: "ids", doc: "the entity ids" },
    { name: "id", doc: "the entity id" },
    { name: "limit", doc: "integer: the most rows" },
  ],
};

describe("named-query parameters", () => {
  it("refuses a missing, unknown or wrongly typed parameter, naming it", () => {
    expect(() => checkParams(Q, { ids: [], id: "x", limit: 1 })).toThrow("missing parameter `minOrganisations`");
    expect(() => checkParams(Q, { minOrganisations: 2, ids: [], id: "x", limit: 1, extra: 1 })).toThrow("unknown parameter `extra`");
    expect(() => checkParams(Q, { minOrganisations: 2.5, ids: [], id: "x", limit: 1 })).toThrow(
      "`minOrganisations` must be an integer, got a float",
    );
    expect(() => checkParams(Q, { minOrganisations: 2, ids: "a", id: "x", limit: 1 })).toThrow("`ids` must be a list, got a string");
    expect(() => checkParams(Q, { minOrganisations: 2, ids: [], id: "x", limit: 10_001 })).toThrow(
      "`limit` must be a whole number from 0 to 10000",
    );
  });
  it("takes the type from the doc's first word, else from well-known names", () => {
    expect(paramType("x", "integer: how many")).toBe("integer");
    expect(paramType("x", "list: ids")).toBe("list");
    expect(paramType("frontier", "ids to expand")).toBe("list");
    expect(paramType("budget", "")).toBe("integer");
    expect(paramType("lucene", "a Lucene query")).toBe("any");
  });
  it("sends whole numbers as INTEGER and other numbers as FLOAT, in lists and maps too", () => {
    const p = toCypherParams({ limit: 5, share: 0.5, rows: [{ n: 2 }], name: "x" });
    expect(neo4j.isInt(p.limit)).toBe(true);
    expect(p.share).toBe(0.5);
    expect(neo4j.isInt((p.rows as { n: unknown }[])[0]!.n)).toBe(true);
  });
  it("parses command-line values: integers, floats, [a,b] lists, JSON, else strings", () => {
    expect(parseCliValue("12")).toBe(12);
    expect(parseCliValue("2.5")).toBe(2.5);
    expect(parseCliValue("[cluster:spin, cluster:its-owl]")).toEqual(["cluster:spin", "cluster:its-owl"]);
    expect(parseCliValue('["a","b"]')).toEqual(["a", "b"]);
    expect(parseCliValue('{"a": 1}')).toEqual({ a: 1 });
    expect(parseCliValue("[]")).toEqual([]);
    expect(parseCliValue("org:aurubis")).toBe("org:aurubis");
    expect(parseCliValue("true")).toBe(true);
    expect(parseCliParams(["id=org:x=y", "limit=3"])).toEqual({ id: "org:x=y", limit: 3 });
    expect(() => parseCliParams(["limit"])).toThrow('expecting key=value, got "limit"');
  });
});

describe("the read-only guard", () => {
  it("refuses LOAD CSV, CALL … IN TRANSACTIONS, APOC file access, dbms procedures and USE", () => {
    for (const q of [
      "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l",
      "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS",
      "CALL apoc.load.json('http://x')",
      "CALL apoc . export.csv.all('x', {})",
      "CALL dbms.listConfig()",
      "USE system SHOW USERS",
      "CALL apoc.cypher.run('LOAD CSV FROM \\'x\\' AS l RETURN l', {})",
    ]) {
      expect(() => checkReadOnly(q), q).toThrow(/refused/);
    }
  });
  it("ignores the same words inside strings, comments and quoted names", () => {
    for (const q of ["RETURN 'LOAD CSV' AS s", "// LOAD CSV\nRETURN 1", "RETURN 1 AS `LOAD CSV`", "MATCH (n) WHERE n.use = 1 RETURN n"]) {
      expect(() => checkReadOnly(q), q).not.toThrow();
    }
  });
});

describe("export parameters", () => {
  it("refuses an unknown format, type or parameter and a depth without ids or out of range", () => {
    expect(() => parseExportRequest({ format: "pdf" })).toThrow('unknown format "pdf"; expecting one of graphml, gexf, json, csv');
    expect(() => parseExportRequest({ types: "Organisation,Company" })).toThrow('unknown type "Company"');
    expect(() => parseExportRequest({ depth: "1" })).toThrow("`depth` needs `ids`");
    expect(() => parseExportRequest({ ids: "a", depth: "4" })).toThrow("`depth` must be a whole number from 0 to 3");
    expect(() => parseExportRequest({ ids: "" })).toThrow("`ids` is empty");
    expect(() => parseExportRequest({ format: ["json", "csv"] })).toThrow("give `format` once");
  });
  it("reads ids, depth and types, defaulting to the whole graph as JSON", () => {
    expect(parseExportRequest({})).toEqual({ format: "json", selection: { depth: 0, types: [] } });
    expect(parseExportRequest({ format: "GraphML", ids: "a, b", depth: "2", types: "Organisation,Cluster" })).toEqual({
      format: "graphml",
      selection: { ids: ["a", "b"], depth: 2, types: ["Organisation", "Cluster"] },
    });
  });
});
