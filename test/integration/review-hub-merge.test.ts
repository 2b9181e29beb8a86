/**
 * `npm run review -- accept|undo` of a hub: a node with 1,500 relationships, more than one batch of
 * the statements that move them, of several types, both directions, parallel ones to the same node,
 * some without an id and some alike, and some with the kept node or itself. Accept then undo gives
 * back every relationship as it was (type, ends, direction, id, properties), undo leaves out and names
 * exactly the copies deleted since, and neither runs a statement per relationship.
 */
import type { ManagedTransaction } from "neo4j-driver";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { accept, undo } from "../../seed/review/review-similar.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";

const DUP = "org:rh-dup";
const KEEP = "org:rh-keep";
const HUB_RELATIONSHIPS = 1500;
/** The other ends: 50 of each label, so that the hub has parallel relationships to each. */
const OTHERS = ["Cluster", "Ministry", "Project", "Organisation"].flatMap((label) =>
  Array.from({ length: 50 }, (_, i) => ({ id: `${label.toLowerCase()}:rh-${i}`, label })),
);
const TYPES = ["MEMBER_OF", "FUNDS", "SUPPORTS", "PARTICIPATES_IN", "PART_OF", "AFFILIATED_WITH", "BOARD_MEMBER_OF"];

interface Rel {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/**
 * The hub's relationships with other nodes: about seven to each other node, of several types, in both
 * directions; every seventh, and every hundredth, without an id; each one after a hundredth alike it
 * (same type, ends and properties, no id: undo must take a copy for each).
 */
function hubRelationships(): Rel[] {
  return Array.from({ length: HUB_RELATIONSHIPS }, (_, i) => {
    const like = i % 100 === 1 ? i - 1 : i;
    const other = OTHERS[(like * 7) % OTHERS.length]!.id;
    const outgoing = like % 3 !== 0;
    const props =
      like % 100 === 0 || like % 7 === 0
        ? { role: `no id ${like}`, sources: ["import:rh"] }
        : {
            id: `e:rh-${like}`,
            sources: ["import:rh", `import:rh-${like % 5}`],
            evidence: [`rh.csv line ${like}`, "x"],
            amount: like * 1.5,
          };
    return { type: TYPES[like % TYPES.length]!, from: outgoing ? DUP : other, to: outgoing ? other : DUP, props };
  });
}

/** Between the two nodes, and of the hub with itself: accept deletes and records them, undo recreates them. */
const BETWEEN: Rel[] = [
  { type: "PART_OF", from: DUP, to: KEEP, props: { id: "e:rh-part", sources: ["import:rh"] } },
  { type: "SUPPORTS", from: KEEP, to: DUP, props: { id: "e:rh-supports" } },
  { type: "SUPPORTS", from: KEEP, to: DUP, props: { id: "e:rh-supports-2", purpose: "twice" } },
  { type: "AFFILIATED_WITH", from: DUP, to: DUP, props: { id: "e:rh-self" } },
  { type: "SIMILAR_TO", from: KEEP, to: DUP, props: { id: "e:rh-similar-back", status: "rejected", score: 0.7 } },
];

let db: Database;

/** Every relationship with one of the two nodes at an end but the link, each as `written` gives it, sorted. */
async function relationshipsOfBoth(): Promise<string[]> {
  const rows = await db.read(
    `MATCH (a)-[r]->(b) WHERE (a.id IN $ends OR b.id IN $ends) AND coalesce(r.id, '') <> 'e:rh-similar'
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props`,
    { ends: [DUP, KEEP] },
  );
  return rows.map((r) => written(r as unknown as Rel)).sort();
}

/** "TYPE from -> to {properties, keys sorted}". */
const written = (r: Rel): string =>
  `${r.type} ${r.from} -> ${r.to} ${JSON.stringify(Object.fromEntries(Object.entries(r.props).sort(([a], [b]) => a.localeCompare(b))))}`;

/** The hub's relationships as accept leaves them: on the kept node. */
const onKept = (rels: Rel[]): string[] =>
  rels.map((r) => written({ ...r, from: r.from === DUP ? KEEP : r.from, to: r.to === DUP ? KEEP : r.to })).sort();

/** `db` whose review transactions count the statements they run. */
function countingStatements(): { counted: Database; statements: () => number } {
  let n = 0;
  const counted = Object.create(db) as Database;
  counted.inTransaction = (mode, work, options) =>
    db.inTransaction(
      mode,
      (tx) =>
        work(
          new Proxy(tx, {
            get: (t, key) =>
              key === "run" ? (...args: Parameters<ManagedTransaction["run"]>) => (n++, t.run(...args)) : Reflect.get(t, key),
          }),
        ),
      options,
    );
  return { counted, statements: () => n };
}

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await fixtureGraph(
    db,
    `CREATE (:Entity:Organisation {id: '${DUP}', name: 'Rh Dup', aliases: []}), (:Entity:Organisation {id: '${KEEP}', name: 'Rh Keep', aliases: []})`,
  );
  await db.write("UNWIND $others AS o CALL (o) { CREATE (n:Entity {id: o.id, name: o.id, aliases: []}) SET n:$(o.label) }", {
    others: OTHERS,
  });
  // One statement per type, the type written out: the fixture does not use the mechanism under test.
  for (const type of [...TYPES, "SIMILAR_TO"]) {
    const rels = [...hubRelationships(), ...BETWEEN].filter((r) => r.type === type);
    await db.write(`UNWIND $rels AS r MATCH (a:Entity {id: r.from}), (b:Entity {id: r.to}) CREATE (a)-[x:${type}]->(b) SET x = r.props`, {
      rels,
    });
  }
  await db.write(
    `MATCH (a:Entity {id: '${DUP}'}), (b:Entity {id: '${KEEP}'}) CREATE (a)-[:SIMILAR_TO {id: 'e:rh-similar', status: 'open', score: 0.9}]->(b)`,
  );
});

describe("accepting and undoing the merge of a hub", () => {
  it("moves every relationship to the kept node and back, with its type, direction, id and properties", async () => {
    const before = await relationshipsOfBoth();
    expect(before).toHaveLength(HUB_RELATIONSHIPS + BETWEEN.length);
    const counts = await countGraph(db);

    const merged = await accept(db, "e:rh-similar");
    expect(await relationshipsOfBoth()).toEqual(onKept(hubRelationships()));
    expect([...merged.dropped].sort()).toEqual([
      'AFFILIATED_WITH org:rh-dup → org:rh-dup (id "e:rh-self")',
      'PART_OF org:rh-dup → org:rh-keep (id "e:rh-part")',
      'SIMILAR_TO org:rh-keep → org:rh-dup (id "e:rh-similar-back")',
      'SUPPORTS org:rh-keep → org:rh-dup (id "e:rh-supports")',
      'SUPPORTS org:rh-keep → org:rh-dup (id "e:rh-supports-2")',
    ]);

    const undone = await undo(db, merged.recordId);
    expect(undone).toEqual({ restored: DUP, kept: KEEP, moved: HUB_RELATIONSHIPS, recreated: BETWEEN.length, skipped: [] });
    expect(await relationshipsOfBoth()).toEqual(before);
    const [link] = await db.read(
      `MATCH (:Entity {id: '${DUP}'})-[r:SIMILAR_TO {id: 'e:rh-similar'}]->(:Entity {id: '${KEEP}'}) RETURN r.status AS status`,
    );
    expect(link).toEqual({ status: "open" });
    // The graph holds what it held, plus the merge record and the review's Source.
    expect(await countGraph(db)).toEqual({ nodes: counts.nodes + 2, relationships: counts.relationships });
  });

  it("leaves out, and names in the merge's order, the copies deleted since in any batch, and moves back a changed one as it is", async () => {
    const merged = await accept(db, "e:rh-similar");
    const [row] = await db.read("MATCH (m:MergeRecord {id: $id}) RETURN m.rels AS rels", { id: merged.recordId });
    type Recorded = { type: string; outgoing: boolean; other: string; props: { id?: string; role?: string } };
    const recorded = JSON.parse(String(row?.rels)) as Recorded[];
    expect(recorded).toHaveLength(HUB_RELATIONSHIPS);
    // Copies with ids near the start, on both sides of the first batch's end, in the second batch, and the last.
    const hasId = (r: Recorded): boolean => typeof r.props.id === "string";
    const gonePositions = [
      recorded.findIndex((r, i) => i >= 3 && hasId(r)),
      recorded.findLastIndex((r, i) => i <= 999 && hasId(r)),
      recorded.findIndex((r, i) => i >= 1000 && hasId(r)),
      recorded.findIndex((r, i) => i >= 1250 && hasId(r)),
      recorded.findLastIndex(hasId),
    ];
    const changed = recorded.findIndex((r, i) => i >= 1400 && hasId(r) && !gonePositions.includes(i));
    const gone = gonePositions.map((p) => recorded[p]!.props.id!);
    await db.write("MATCH ()-[r]->() WHERE r.id IN $gone DELETE r", { gone });
    await db.write("MATCH ()-[r {id: $id}]->() SET r.amount = -1, r.note = 'since'", { id: recorded[changed]!.props.id });
    // One of two copies alike: the first of the two recorded takes the other, the second is left out.
    await db.write("MATCH (:Entity {id: $keep})-[r {role: 'no id 0'}]-() WITH r LIMIT 1 DELETE r", { keep: KEEP });
    const alikeLeftOut = recorded.findLastIndex((r) => r.props.role === "no id 0");

    const undone = await undo(db, merged.recordId);
    const named = (r: Recorded): string =>
      `${r.type} ${r.outgoing ? DUP : r.other} → ${r.outgoing ? r.other : DUP}${hasId(r) ? ` (id "${r.props.id}")` : ""}`;
    const leftOut = [...gonePositions, alikeLeftOut].sort((a, b) => a - b);
    expect(undone).toEqual({
      restored: DUP,
      kept: KEEP,
      moved: HUB_RELATIONSHIPS - leftOut.length,
      recreated: BETWEEN.length,
      skipped: leftOut.map((p) => named(recorded[p]!)),
    });
    const expected = hubRelationships()
      .filter((r, i) => !gone.includes(r.props.id as string) && i !== 1)
      .map((r) => (r.props.id === recorded[changed]!.props.id ? { ...r, props: { ...r.props, amount: -1, note: "since" } } : r));
    expect(await relationshipsOfBoth()).toEqual([...expected, ...BETWEEN].map(written).sort());
  });

  it("runs a few statements per thousand relationships, not one per relationship", async () => {
    const { counted, statements } = countingStatements();
    const merged = await accept(counted, "e:rh-similar");
    await undo(counted, merged.recordId);
    // 19 when written: two batches each of the three statements that move relationships, and the fixed ones.
    // One per relationship would be over 4,500 (1,500 moved there, 1,500 copies taken back, 1,500 moved back).
    expect(statements()).toBeLessThan(40);
  });
});
