/**
 * Typed JSON (seed/review/typed-json.ts), the merge record's text for property values: each value
 * comes back as the driver's value of the type it had, which plain JSON cannot do.
 */
import neo4j from "neo4j-driver";
import { describe, expect, it } from "vitest";
import { ConflictError } from "../../server/errors.ts";
import { fromTypedJson, toTypedJson } from "../../seed/review/typed-json.ts";

const T = neo4j.types;
const roundTrip = (v: unknown): unknown => fromTypedJson(toTypedJson(v));

describe("typed JSON", () => {
  it("refuses a value of a type it does not know, naming it", () => {
    expect(() => fromTypedJson('{"$uuid": "x"}')).toThrow(ConflictError);
    expect(() => fromTypedJson('{"$uuid": "x"}')).toThrow('unknown type "$uuid"');
    expect(() => fromTypedJson('{"$point": {"srid": 7203, "x": "one", "y": 2}}')).toThrow("where a float belongs");
  });

  it("writes strings, booleans, null and finite floats as plain JSON, which an older reader still reads", () => {
    const props = { id: "e:1", role: "member", yes: true, none: null, score: 0.9, whole: 2, strings: ["a", "b"] };
    expect(JSON.parse(toTypedJson(props))).toEqual(props);
    expect(roundTrip(props)).toEqual(props);
  });

  it("keeps an INTEGER an Integer, beyond 2^53 exactly, and a float a number", () => {
    const v = roundTrip({ i: neo4j.int(12), big: neo4j.int("9007199254740993"), ints: [neo4j.int(1)], f: 2, bigint: 5n }) as Record<
      string,
      unknown
    >;
    expect(neo4j.isInt(v.i)).toBe(true);
    expect(String(v.i)).toBe("12");
    expect(String(v.big)).toBe("9007199254740993");
    expect(neo4j.isInt((v.ints as unknown[])[0])).toBe(true);
    expect(String(v.bigint)).toBe("5");
    expect(v.f).toBe(2);
  });

  it("keeps the floats plain JSON cannot hold", () => {
    expect(roundTrip([NaN, Infinity, -Infinity, -0])).toEqual([NaN, Infinity, -Infinity, -0]);
    expect(Object.is((roundTrip([-0]) as number[])[0], -0)).toBe(true);
  });

  it("keeps dates, times, datetimes with a zone or an offset, durations and points as the driver's types", () => {
    const values = [
      new T.Date(2024, 1, 2),
      new T.LocalTime(3, 4, 5, 1),
      new T.Time(3, 4, 5, 250000000, 7200),
      new T.LocalDateTime(2024, 1, 2, 3, 4, 5, 6),
      new T.DateTime(2024, 7, 1, 12, 0, 0, 123456789, 7200, "Europe/Berlin"),
      new T.DateTime(2024, 1, 2, 3, 4, 5, 0, -19800),
      new T.Duration(neo4j.int(14), neo4j.int(3), neo4j.int("9007199254740993"), neo4j.int(700000000)),
      new T.Point(neo4j.int(7203), 1.5, -2),
      new T.Point(neo4j.int(4979), 7.52, 51.61, 100),
    ];
    const back = roundTrip(values) as unknown[];
    expect(back.map(String)).toEqual(values.map(String));
    const kinds = (v: unknown) =>
      [neo4j.isDate, neo4j.isLocalTime, neo4j.isTime, neo4j.isLocalDateTime, neo4j.isDateTime, neo4j.isDuration, neo4j.isPoint].findIndex(
        (is) => is(v as never),
      );
    expect(back.map(kinds)).toEqual(values.map(kinds));
    expect((back[4] as { timeZoneId: string }).timeZoneId).toBe("Europe/Berlin");
    expect((back[8] as { z: number }).z).toBe(100);
    expect((back[7] as { z?: number }).z).toBeUndefined();
  });

  it("does not read a map whose one key begins with $ as a typed value", () => {
    const props = { weird: { $int: "1" }, list: [{ $date: "x" }] };
    expect(roundTrip(props)).toEqual(props);
  });
});
