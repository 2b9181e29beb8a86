/**
 * `npm run review -- accept` and `undo` keep every property's Neo4j type: an INTEGER (beyond 2^53 too)
 * stays INTEGER, a whole FLOAT stays FLOAT, and dates, times, durations and points stay what they
 * are — on the merged node, on the relationships accept moves to the kept node, on those between the
 * two that it deletes and undo recreates, and on the link. The merge record once kept them as plain
 * JSON, which turned integers into floats and temporal values into strings; a record written that way
 * still undoes as it did.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { accept, undo } from "../../seed/review/review-similar.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";

/** One property of each type Neo4j stores, and a list of each. */
const PROPS = `i: 12, big: 9007199254740993, negative: -9007199254740993, whole: 2.0, fraction: 0.1, s: 'text', yes: true,
  ints: [1, 9007199254740993], floats: [2.0, 0.5], strings: ['a', 'b'], booleans: [true, false],
  day: date('2024-01-02'), zoned: datetime('2024-07-01T12:00:00.123456789[Europe/Berlin]'),
  offset: datetime('2024-01-02T03:04:05.5-05:30'), local: localdatetime('2024-01-02T03:04:05.000000001'),
  localTime: localtime('03:04:05.25'), time: time('03:04:05+02:00'),
  span: duration('P1Y2M3DT4H5M6.7S'), backwards: duration('-PT1.5S'), long: duration({seconds: 9007199254740993}),
  flat: point({x: 1.5, y: -2.0}), flat3: point({x: 1.0, y: 2.0, z: 3.0}),
  earth: point({longitude: 7.52, latitude: 51.61}), earth3: point({longitude: 7.52, latitude: 51.61, height: 100.0}),
  days: [date('2024-01-02'), date('2025-12-31')], zonedList: [datetime('2024-07-01T12:00[Europe/Berlin]'), datetime('2024-01-01T00:00Z')],
  localList: [localdatetime('2024-01-02T03:04:05')], localTimes: [localtime('23:59:59.999999999')], times: [time('12:00Z')],
  spans: [duration('PT1S'), duration('P2D')], points: [point({x: 1.0, y: 2.0}), point({x: 3.0, y: 4.0})]`;

const GRAPH = `CREATE (:TypeRef {${PROPS}}),
  (d:Entity:Organisation {id: 'org:rt-dup', name: 'Rt Dup', aliases: [], ${PROPS}}),
  (k:Entity:Organisation {id: 'org:rt-keep', name: 'Rt Keep', aliases: [], ${PROPS}}),
  (x:Entity:Cluster {id: 'cluster:rt-x', name: 'Rt X', aliases: []}),
  (m:Entity:Ministry {id: 'ministry:rt-m', name: 'Rt M', aliases: []}),
  (d)-[:MEMBER_OF {id: 'e:rt-member', ${PROPS}}]->(x),
  (m)-[:FUNDS {id: 'e:rt-funds', ${PROPS}}]->(d),
  (d)-[:AFFILIATED_WITH {${PROPS}}]->(x),
  (d)-[:PART_OF {id: 'e:rt-part', ${PROPS}}]->(k),
  (k)-[:SUPPORTS {id: 'e:rt-supports', ${PROPS}}]->(d),
  (d)-[:SIMILAR_TO {id: 'e:rt-similar', status: 'open', score: 0.9, ${PROPS}}]->(k)`;

let db: Database;

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await fixtureGraph(db, GRAPH);
});

/**
 * The properties of the one node or relationship `match` binds to `x` that differ from the reference
 * node's (:TypeRef) in type or value, as "name: now TYPE, was TYPE" (or "changed"); ["no match"] if
 * `match` binds none, ["2 matches"] if several.
 */
async function wrongProperties(match: string, params: Record<string, unknown> = {}): Promise<string[]> {
  const rows = await db.read(
    `MATCH (ref:TypeRef) ${match}
     RETURN [k IN keys(ref) WHERE valueType(x[k]) <> valueType(ref[k]) OR NOT x[k] = ref[k]
               OR (valueType(ref[k]) STARTS WITH 'ZONED DATETIME' AND toString(x[k]) <> toString(ref[k]))
             | k + CASE WHEN valueType(x[k]) = valueType(ref[k]) THEN ': changed'
                        ELSE ': now ' + valueType(x[k]) + ', was ' + valueType(ref[k]) END] AS wrong`,
    params,
  );
  if (rows.length !== 1) return [rows.length ? `${rows.length} matches` : "no match"];
  return (rows[0]!.wrong as string[]).sort();
}

const node = (id: string) => wrongProperties("MATCH (x:Entity {id: $id})", { id });
const rel = (id: string, from: string, to: string) =>
  wrongProperties("MATCH (:Entity {id: $from})-[x {id: $id}]->(:Entity {id: $to})", { id, from, to });
const affiliated = (from: string) =>
  wrongProperties("MATCH (:Entity {id: $from})-[x:AFFILIATED_WITH]->(:Entity {id: 'cluster:rt-x'})", { from });

describe("accepting and undoing a merge keeps every property's type", () => {
  it("checks what it means to check: the reference tells a FLOAT from an INTEGER and a string from a date", async () => {
    await db.write("MATCH (d:Entity {id: 'org:rt-dup'}) SET d.i = 12.0, d.day = '2024-01-02', d.ints = [1.0, 2.0]");
    expect(await node("org:rt-dup")).toEqual([
      "day: now STRING NOT NULL, was DATE NOT NULL",
      "i: now FLOAT NOT NULL, was INTEGER NOT NULL",
      "ints: now LIST<FLOAT NOT NULL> NOT NULL, was LIST<INTEGER NOT NULL> NOT NULL",
    ]);
  });

  it("moves the merged node's relationships to the kept node with their properties' types, and leaves the kept node's as they were", async () => {
    await accept(db, "e:rt-similar");
    expect(await node("org:rt-keep")).toEqual([]);
    expect(await rel("e:rt-member", "org:rt-keep", "cluster:rt-x")).toEqual([]);
    expect(await rel("e:rt-funds", "ministry:rt-m", "org:rt-keep")).toEqual([]);
    expect(await affiliated("org:rt-keep")).toEqual([]);
  });

  it("restores after accept and undo every property with its type and value: merged node, moved and recreated relationships, link", async () => {
    const merged = await accept(db, "e:rt-similar");
    const undone = await undo(db, merged.recordId);
    expect(undone).toEqual({ restored: "org:rt-dup", kept: "org:rt-keep", moved: 3, recreated: 2, skipped: [] });
    expect(await node("org:rt-dup")).toEqual([]);
    expect(await node("org:rt-keep")).toEqual([]);
    expect(await rel("e:rt-member", "org:rt-dup", "cluster:rt-x")).toEqual([]);
    expect(await rel("e:rt-funds", "ministry:rt-m", "org:rt-dup")).toEqual([]);
    expect(await affiliated("org:rt-dup")).toEqual([]);
    expect(await rel("e:rt-part", "org:rt-dup", "org:rt-keep")).toEqual([]);
    expect(await rel("e:rt-supports", "org:rt-keep", "org:rt-dup")).toEqual([]);
    expect(await rel("e:rt-similar", "org:rt-dup", "org:rt-keep")).toEqual([]);
    const [link] = await db.read("MATCH ()-[r {id: 'e:rt-similar'}]->() RETURN r.status AS status, r.score AS score");
    expect(link).toEqual({ status: "open", score: 0.9 });
  });
});

/** The graph after an accept by the code that kept the merge record as plain JSON, with that record. */
const OLD_GRAPH = `CREATE (k:Entity:Organisation {id: 'org:ro-keep', name: 'Ro Keep', aliases: ['Ro Dup'], mergedIds: ['org:ro-dup']}),
  (x:Entity:Cluster {id: 'cluster:ro-x', name: 'Ro X', aliases: []}),
  (k)-[:MEMBER_OF {id: 'e:ro-member', role: 'member', amount: 12.0, since: '2024-01-02'}]->(x),
  (:MergeRecord {id: 'merge:e:ro-similar', similarId: 'e:ro-similar', keptId: 'org:ro-keep', mergedId: 'org:ro-dup',
    mergedLabels: '["Entity","Organisation"]',
    mergedProps: '{"id":"org:ro-dup","name":"Ro Dup","aliases":[],"degree":12,"founded":"2024-01-02"}',
    keptPropsBefore: '{"id":"org:ro-keep","name":"Ro Keep","aliases":[]}',
    rels: '[{"type":"MEMBER_OF","outgoing":true,"other":"cluster:ro-x","props":{"id":"e:ro-member","role":"member","amount":12,"since":"2024-01-02"}}]',
    betweenRels: '[{"type":"PART_OF","outgoing":true,"other":"org:ro-keep","props":{"id":"e:ro-part","share":3}}]',
    link: '{"id":"e:ro-similar","status":"accepted","score":0.9,"reviewedAt":"2026-11-01T10:00:00.000Z"}',
    status: 'merged', mergedAt: '2026-11-01T10:00:00.000Z'})`;

describe("undoing a merge recorded as plain JSON (before the record kept types)", () => {
  it("restores the node, moves back and recreates the relationships, and opens the link, as it did", async () => {
    await fixtureGraph(db, OLD_GRAPH);
    const undone = await undo(db, "merge:e:ro-similar");
    expect(undone).toEqual({ restored: "org:ro-dup", kept: "org:ro-keep", moved: 1, recreated: 1, skipped: [] });
    const [dup] = await db.read(
      "MATCH (d:Entity:Organisation {id: 'org:ro-dup'}) RETURN d.name AS name, d.aliases AS aliases, valueType(d.degree) AS degree, d.founded AS founded",
    );
    // Plain JSON could not tell 12 from 12.0, nor a date from a string: what it kept comes back as it always did.
    expect(dup).toEqual({ name: "Ro Dup", aliases: [], degree: "FLOAT NOT NULL", founded: "2024-01-02" });
    const [kept] = await db.read("MATCH (k:Entity {id: 'org:ro-keep'}) RETURN k.aliases AS aliases, k.mergedIds AS mergedIds");
    expect(kept).toEqual({ aliases: [], mergedIds: null });
    const rels = await db.read(
      "MATCH (a)-[r]->(b) WHERE r.id IN ['e:ro-member', 'e:ro-part', 'e:ro-similar'] RETURN r.id AS id, a.id AS from, b.id AS to, properties(r) AS props ORDER BY id",
    );
    expect(rels).toEqual([
      {
        id: "e:ro-member",
        from: "org:ro-dup",
        to: "cluster:ro-x",
        props: { id: "e:ro-member", role: "member", amount: 12, since: "2024-01-02" },
      },
      { id: "e:ro-part", from: "org:ro-dup", to: "org:ro-keep", props: { id: "e:ro-part", share: 3 } },
      { id: "e:ro-similar", from: "org:ro-dup", to: "org:ro-keep", props: expect.objectContaining({ status: "open", score: 0.9 }) },
    ]);
    const [record] = await db.read("MATCH (m:MergeRecord) RETURN m.status AS status");
    expect(record).toEqual({ status: "undone" });
  });
});
