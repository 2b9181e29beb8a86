import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { againstGraph, firstRowOfEachId, refLocation } from "../../../seed/import/check-edge-ids.ts";
import type { ImportEdge } from "../../../seed/import/import-model.ts";
import { RELATIONSHIP_TYPES } from "../../../seed/model.ts";
import { SCHEMA_FILE } from "../../../server/db/apply-schema.ts";
import { query } from "../../../server/db/named-queries.ts";

const edge = (over: Partial<ImportEdge> = {}): ImportEdge => ({
  id: "e:a-member-of-c",
  type: "MEMBER_OF",
  from: "org:a",
  to: "cluster:c",
  props: {},
  cites: [],
  ref: "edges.tsv line 2",
  ...over,
});

describe("refLocation", () => {
  it("reads file and line from a record reference, with or without the quoted evidence after it", () => {
    expect(refLocation("edges.tsv line 12")).toEqual({ file: "edges.tsv", line: 12 });
    expect(refLocation("grants-edges.csv line 3: a quote with line 9 in it")).toEqual({ file: "grants-edges.csv", line: 3 });
    expect(refLocation("somewhere")).toEqual({ file: "somewhere", line: 0 });
  });
});

describe("firstRowOfEachId (rows of one import)", () => {
  it("refuses a later row that gives the id to other ends or another type, naming the row that has it", () => {
    const first = edge();
    const otherEnd = edge({ to: "cluster:d", ref: "edges.tsv line 5" });
    const otherType = edge({ type: "SUPPORTS", ref: "edges.tsv line 9: quoted" });
    const { unique, issues } = firstRowOfEachId([first, otherEnd, otherType]);
    expect(unique).toEqual([first]);
    expect(issues).toEqual([
      {
        file: "edges.tsv",
        line: 5,
        column: "id",
        reason:
          'relationship id "e:a-member-of-c" is already used by edges.tsv line 2 for MEMBER_OF org:a → cluster:c; this row (MEMBER_OF org:a → cluster:d) is another relationship, and an id names one: give it its own id',
      },
      expect.objectContaining({ line: 9, reason: expect.stringContaining("this row (SUPPORTS org:a → cluster:c)") }),
    ]);
  });

  it("keeps the first of rows that repeat the same relationship (same id, type and ends), without an issue", () => {
    const { unique, issues } = firstRowOfEachId([edge(), edge({ ref: "edges.tsv line 3", props: { role: "member" } })]);
    expect(unique).toEqual([edge()]);
    expect(issues).toEqual([]);
  });
});

describe("againstGraph (a row and the relationships the graph gives its id)", () => {
  const row = { type: "MEMBER_OF", from: "org:a", to: "cluster:c" };
  it("refuses a row whose id a relationship with other ends or another type holds", () => {
    const r = againstGraph(edge(), row, [{ id: "e:a-member-of-c", type: "FUNDS", from: "ministry:m", to: "cluster:c" }]);
    expect(r).toEqual({
      file: "edges.tsv",
      line: 2,
      column: "id",
      reason:
        'relationship id "e:a-member-of-c" is already held in the graph by FUNDS ministry:m → cluster:c; this row (MEMBER_OF org:a → cluster:c) is another relationship, and an id names one: give it its own id',
    });
  });

  it("names the row's ends as the file gives them and as resolution made them", () => {
    const r = againstGraph(edge({ from: "org:cordis-1" }), row, [
      { id: "e:a-member-of-c", type: "SUPPORTS", from: "org:a", to: "cluster:c" },
    ]);
    expect(r).toMatchObject({ reason: expect.stringContaining("this row (MEMBER_OF org:cordis-1 (resolved to org:a) → cluster:c)") });
  });

  it("confirms the same relationship, and creates one whose id nothing holds", () => {
    expect(againstGraph(edge(), row, [{ id: "e:a-member-of-c", ...row }])).toBe("present");
    expect(againstGraph(edge(), row, undefined)).toBe("new");
  });

  it("refuses a row whose id two relationships already share, even if one of them is the row's", () => {
    const r = againstGraph(edge(), row, [
      { id: "e:a-member-of-c", ...row },
      { id: "e:a-member-of-c", ...row, to: "cluster:d" },
    ]);
    expect(r).toMatchObject({ reason: expect.stringContaining("is already held in the graph by 2 relationships") });
  });
});

describe("finding a relationship id graph-wide", () => {
  it("has an id index for every relationship type of the model, and the import counts, reads and seeks each of them", async () => {
    const schema = await readFile(SCHEMA_FILE, "utf8");
    const lookup = query("import-edges-by-id");
    const counts = query("import-relationship-counts");
    const all = query("import-relationship-ids");
    for (const type of RELATIONSHIP_TYPES) {
      expect(schema, type).toMatch(new RegExp(`CREATE INDEX \\w+ IF NOT EXISTS FOR \\(\\)-\\[r:${type}\\]-\\(\\) ON \\(r\\.id\\);`));
      expect(lookup, type).toContain(`MATCH (a)-[r:${type}]->(b) USING INDEX r:${type}(id) WHERE r.id IN $ids.${type}`);
      expect(counts, type).toContain(`COUNT { ()-[:${type}]->() } AS ${type}`);
      expect(all, type).toContain(
        `UNWIND CASE WHEN '${type}' IN $types THEN ['${type}'] ELSE [] END AS type\nMATCH ()-[r:${type}]->() USING INDEX r:${type}(id)`,
      );
    }
  });
});
