import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { readJsonSeed } from "../../seed/import/read-json-seed.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { connectTestDb, seededGraph } from "../helpers/test-graph.ts";
import { FIXTURES } from "../helpers/paths.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

// edges.json: line 2 a new MEMBER_OF; line 3 reuses the seed's MEMBER_OF id between other ends; line 4
// reuses the seed's HOLDS_POSITION id between the same ends as another type; lines 5 and 6 give one id
// to two relationships of this file; line 7 repeats line 2 (the same relationship again).
const DIR = path.join(FIXTURES, "edge-ids");
let db: Database;
const importIds = async (options = {}) => runImport(db, await readJsonSeed([DIR]), options);
const holders = (id: string) => holdersOf(db, id, "sources");

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await seededGraph(db);
});

describe("a relationship id names one relationship, graph-wide", () => {
  it("refuses a row whose id the graph gives to a relationship between other ends, and leaves that relationship as it was", async () => {
    const before = await holders("e:aurubis-member-of-smart-value");
    const s = await importIds();
    expect(s.issues).toContainEqual({
      file: "edges.json",
      line: 3,
      column: "id",
      reason: expect.stringContaining(
        'relationship id "e:aurubis-member-of-smart-value" is already held in the graph by MEMBER_OF org:aurubis → cluster:smart-value; this row (MEMBER_OF org:edge-ids-gmbh → cluster:spin)',
      ),
    });
    expect(await holders("e:aurubis-member-of-smart-value")).toEqual(before);
  });

  it("refuses a row whose id the graph gives to a relationship of another type between the same ends", async () => {
    const before = await holders("e:eric-swehla-holds-position-wzl");
    expect(before.map((r) => r.type)).toEqual(["HOLDS_POSITION"]);
    const s = await importIds();
    expect(s.issues).toContainEqual({
      file: "edges.json",
      line: 4,
      column: "id",
      reason: expect.stringContaining(
        "already held in the graph by HOLDS_POSITION person:eric-swehla → org:wzl; this row (AFFILIATED_WITH person:eric-swehla → org:wzl)",
      ),
    });
    // Not confirmed either: the HOLDS_POSITION does not cite the run.
    expect(await holders("e:eric-swehla-holds-position-wzl")).toEqual(before);
  });

  it("refuses a later row that gives an earlier row's id to another relationship, naming the earlier row", async () => {
    const s = await importIds();
    expect(s.issues).toContainEqual({
      file: "edges.json",
      line: 6,
      column: "id",
      reason: expect.stringContaining(
        'relationship id "e:edge-ids-twice" is already used by edges.json line 5 for MEMBER_OF org:edge-ids-gmbh → cluster:its-owl; this row (SUPPORTS org:edge-ids-gmbh → cluster:its-owl)',
      ),
    });
    expect((await holders("e:edge-ids-twice")).map((r) => r.type)).toEqual(["MEMBER_OF"]);
  });

  it("loads the good rows, counts the refused ones as skipped, and changes nothing when imported again", async () => {
    const start = await countGraph(db);
    const s = await importIds();
    expect(s.issues.map((i) => [i.file, i.line, i.column])).toEqual([
      ["edges.json", 3, "id"],
      ["edges.json", 4, "id"],
      ["edges.json", 6, "id"],
    ]);
    expect(s.rowsSkipped).toBe(3);
    expect(s.edgesCreated).toBe(2);
    // The organisation, the file's source and the run's Source; the two new relationships (line 7 is line 2 again).
    const after = await countGraph(db);
    expect(after).toEqual({ nodes: start.nodes + 3, relationships: start.relationships + 2 });
    const again = await importIds();
    expect(again.issues.map((i) => i.line)).toEqual([3, 4, 6]);
    expect([again.edgesCreated, again.edgesPresent]).toEqual([0, 2]);
    expect(await countGraph(db)).toEqual(after);
  });

  it("refuses the whole file under --strict, naming file, line, id and the relationship that holds it, and writes nothing", async () => {
    const before = await countGraph(db);
    await expect(importIds({ strict: true })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringMatching(
        /edges\.json line 3, column "id": relationship id "e:aurubis-member-of-smart-value" is already held in the graph by MEMBER_OF org:aurubis → cluster:smart-value/,
      ),
    });
    expect(await countGraph(db)).toEqual(before);
  });

  it("applies the schema to a graph where two relationships already share an id, and refuses a row with that id", async () => {
    await db.write(
      `MATCH (a:Entity {id: 'org:aurubis'}), (b:Entity {id: 'cluster:spin'}), (c:Entity {id: 'cluster:its-owl'})
       CREATE (a)-[:SUPPORTS {id: 'e:edge-ids-member-of-smart-value'}]->(b), (a)-[:MEMBER_OF {id: 'e:edge-ids-member-of-smart-value'}]->(c)`,
    );
    await expect(applySchema(db)).resolves.toMatchObject({ created: 0 });
    const s = await importIds();
    expect(s.issues).toContainEqual({
      file: "edges.json",
      line: 2,
      column: "id",
      reason: expect.stringContaining(
        'relationship id "e:edge-ids-member-of-smart-value" is already held in the graph by 2 relationships (MEMBER_OF org:aurubis → cluster:its-owl and SUPPORTS org:aurubis → cluster:spin)',
      ),
    });
    expect((await holders("e:edge-ids-member-of-smart-value")).map((r) => r.type)).toEqual(["MEMBER_OF", "SUPPORTS"]);
  });
});
