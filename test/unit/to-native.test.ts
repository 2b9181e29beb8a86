import { describe, expect, it } from "vitest";
import neo4j from "neo4j-driver";
import { toNative } from "../../server/db/to-native.ts";

const { Node, Relationship, Path, PathSegment, Point, Date: Neo4jDate, DateTime, Duration } = neo4j.types;

describe("toNative", () => {
  it("turns null and undefined into null, and leaves strings, numbers and booleans as they are", () => {
    expect(toNative(undefined)).toBeNull();
    expect(toNative(null)).toBeNull();
    expect([toNative("x"), toNative(1.5), toNative(0), toNative(false), toNative("")]).toEqual(["x", 1.5, 0, false, ""]);
  });

  it("turns integers into numbers, and those beyond 2^53 into strings", () => {
    expect(toNative(neo4j.int(42))).toBe(42);
    expect(toNative(neo4j.int("9007199254740993"))).toBe("9007199254740993");
  });

  it("turns temporal values into their ISO strings", () => {
    expect(toNative(new Neo4jDate(2019, 6, 24))).toBe("2019-06-24");
    expect(toNative(new DateTime(2019, 6, 24, 10, 0, 0, 0, 0))).toBe("2019-06-24T10:00:00Z");
    expect(toNative(new Duration(0, 1, 0, 0))).toBe("P1DT");
  });

  it("turns nodes and relationships into labels or type, converted properties and element ids", () => {
    const node = new Node(neo4j.int(1), ["Entity", "Organisation"], { id: "org:a", degree: neo4j.int(3) }, "4:x:1");
    const rel = new Relationship(neo4j.int(7), neo4j.int(1), neo4j.int(2), "FUNDS", { amount: neo4j.int(100) }, "5:x:7", "4:x:1", "4:x:2");
    expect(toNative(node)).toEqual({ labels: ["Entity", "Organisation"], properties: { id: "org:a", degree: 3 }, elementId: "4:x:1" });
    expect(toNative(rel)).toEqual({ type: "FUNDS", properties: { amount: 100 }, elementId: "5:x:7", start: "4:x:1", end: "4:x:2" });
  });

  it("converts every value of nested rows, lists and maps, keys in their order", () => {
    const row = { b: [neo4j.int(1), { c: neo4j.int(2), d: [null, "x"] }], a: { e: undefined, f: new Neo4jDate(2020, 1, 2) } };
    const out = toNative(row);
    expect(out).toEqual({ b: [1, { c: 2, d: [null, "x"] }], a: { e: null, f: "2020-01-02" } });
    expect(JSON.stringify(out)).toBe('{"b":[1,{"c":2,"d":[null,"x"]}],"a":{"e":null,"f":"2020-01-02"}}');
  });

  it("copies other driver values field by field (paths, points)", () => {
    const a = new Node(neo4j.int(1), ["A"], {}, "a");
    const b = new Node(neo4j.int(2), ["B"], {}, "b");
    const r = new Relationship(neo4j.int(3), neo4j.int(1), neo4j.int(2), "R", {}, "r", "a", "b");
    const path = toNative(new Path(a, b, [new PathSegment(a, r, b)])) as Record<string, unknown>;
    expect(path.start).toEqual({ labels: ["A"], properties: {}, elementId: "a" });
    expect(path.length).toBe(1);
    expect(toNative(new Point(neo4j.int(7203), 1, 2, undefined))).toEqual({ srid: 7203, x: 1, y: 2, z: null });
  });

  it("returns a copy: changing it leaves the driver's value alone (a ReadTape hands one result to two readers)", () => {
    const row = { list: [{ n: 1 }], map: { k: "v" } };
    const out = toNative(row) as { list: { n: number }[]; map: { k: string } };
    out.list[0]!.n = 2;
    out.map.k = "w";
    expect(row).toEqual({ list: [{ n: 1 }], map: { k: "v" } });
  });
});
