import { describe, expect, it } from "vitest";
import { parseTable } from "../../../seed/import/read-table.ts";
import { parseAmount, parseDate } from "../../../seed/import/parse-values.ts";

describe("parseTable", () => {
  it("reports a row with too many fields by file and line and keeps the others", () => {
    const t = parseTable("a;b\r\n1;2\r\n3;4;5\r\n6;7\r\n", "/x/org.csv", ";");
    expect(t.issues).toEqual([{ file: "org.csv", line: 3, reason: expect.stringContaining("has 3 fields, the header has 2") }]);
    expect(t.rows.map((r) => r.values.a)).toEqual(["1", "6"]);
  });

  it("reads CRLF tab-separated rows with doubled quotes inside quoted names", () => {
    const t = parseTable('id\tname\r\n1\t"""ASSOCIATION ""NCSA"""\r\n2\tBR\uFFFDCKNER GMBH\r\n', "o.tsv", "\t");
    expect(t.rows.map((r) => r.values.name)).toEqual(['"ASSOCIATION "NCSA"', "BR\uFFFDCKNER GMBH"]);
    expect(t.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it("keeps a quoted separator inside a value", () => {
    const t = parseTable('id;url;city\nx;"http://a.eu; http://b.eu";Köln\n', "o.csv", ";");
    expect(t.issues).toEqual([]);
    expect(t.rows[0]!.values).toEqual({ id: "x", url: "http://a.eu; http://b.eu", city: "Köln" });
  });

  it("skips a byte order mark before the header", () => {
    expect(parseTable("\uFEFFid,name\n1,A\n", "n.csv", ",").header).toEqual(["id", "name"]);
  });
});

describe("parseAmount", () => {
  it("refuses letters in an amount with a reason", () => {
    expect(parseAmount("12x,00")).toEqual({ ok: false, reason: expect.stringContaining('"12x,00" is not an amount') });
  });

  it("reads decimal commas, decimal points and padded numbers", () => {
    expect(parseAmount("230000,00")).toEqual({ ok: true, value: 230000 });
    expect(parseAmount("1499998.75")).toEqual({ ok: true, value: 1499998.75 });
    expect(parseAmount(" 1")).toEqual({ ok: true, value: 1 });
  });

  it("treats an empty amount as unknown, never 0", () => {
    expect(parseAmount("")).toEqual({ ok: true, value: undefined });
  });
});

describe("parseDate", () => {
  it("refuses a month 13", () => {
    expect(parseDate("2015-13-01").ok).toBe(false);
  });

  it("keeps partial dates and drops a midnight time", () => {
    expect(parseDate("2019-06")).toEqual({ ok: true, value: "2019-06" });
    expect(parseDate("2018-01-01 00:00:00")).toEqual({ ok: true, value: "2018-01-01" });
  });
});
