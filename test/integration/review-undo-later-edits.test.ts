/**
 * `npm run review -- undo` undoes a merge, not the edits made since: a copy of the merged node's
 * relationship that an editor deleted from the kept node stays deleted (and undo names it), a copy an
 * editor changed goes back as it is now, and a relationship added to the kept node since stays there.
 * Undo still refuses, nothing written, to move back an id another relationship holds too.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { ConflictError, NotFoundError } from "../../server/errors.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { accept, undo } from "../../seed/review/review-similar.ts";
import { runCli } from "../helpers/run-cli.ts";
import { expectUndoRefused } from "../helpers/review-undo.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { holdersOf, edgeImport } from "../helpers/relationship-ids.ts";

const GRAPH = `CREATE (d:Entity:Organisation {id: 'org:rv-dup', name: 'Rv Dup', aliases: []}),
  (k:Entity:Organisation {id: 'org:rv-keep', name: 'Rv Keep', aliases: []}),
  (x:Entity:Cluster {id: 'cluster:rv-x', name: 'Rv X', aliases: []}),
  (y:Entity:Cluster {id: 'cluster:rv-y', name: 'Rv Y', aliases: []}),
  (m:Entity:Ministry {id: 'ministry:rv-m', name: 'Rv M', aliases: []}),
  (d)-[:MEMBER_OF {id: 'e:rv-gone', role: 'member', sources: [], evidence: []}]->(x),
  (d)-[:MEMBER_OF {id: 'e:rv-changed', role: 'member', sources: [], evidence: []}]->(y),
  (m)-[:FUNDS {id: 'e:rv-funds', status: 'committed', sources: [], evidence: []}]->(d),
  (d)-[:SIMILAR_TO {id: 'e:rv-similar', status: 'open', score: 0.9}]->(k)`;

let db: Database;

const holders = (id: string) => holdersOf(db, id, "role");

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await fixtureGraph(db, GRAPH);
});

describe("undoing a merge after the kept node's relationships were edited", () => {
  it("refuses, undoing nothing, when the kept node was deleted since the merge", async () => {
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH (k:Entity {id: 'org:rv-keep'}) DETACH DELETE k");
    await expectUndoRefused(db, merged.recordId, NotFoundError, 'the kept node "org:rv-keep"');
  });

  it("does not recreate a relationship whose copy an editor deleted since the merge, and names it", async () => {
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH ()-[r:MEMBER_OF {id: 'e:rv-gone'}]->() DELETE r");
    const result = await undo(db, merged.recordId);
    expect(await holders("e:rv-gone")).toEqual([]);
    expect(result).toEqual({
      restored: "org:rv-dup",
      kept: "org:rv-keep",
      moved: 2,
      recreated: 0,
      skipped: ['MEMBER_OF org:rv-dup → cluster:rv-x (id "e:rv-gone")'],
    });
    // The others go back to the restored node, and the link is open again.
    expect(await holders("e:rv-changed")).toEqual([{ type: "MEMBER_OF", from: "org:rv-dup", to: "cluster:rv-y", role: "member" }]);
    expect(await holders("e:rv-funds")).toEqual([{ type: "FUNDS", from: "ministry:rv-m", to: "org:rv-dup", role: null }]);
    const [link] = await db.read(
      "MATCH (:Entity {id: 'org:rv-dup'})-[r:SIMILAR_TO {id: 'e:rv-similar'}]->(:Entity {id: 'org:rv-keep'}) RETURN r.status AS status",
    );
    expect(link).toEqual({ status: "open" });
  });

  it("moves back a copy an editor changed as it is now, and leaves a relationship added since on the kept node", async () => {
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH ()-[r:MEMBER_OF {id: 'e:rv-changed'}]->() SET r.role = 'founding member'");
    await db.write(
      "MATCH (k:Entity {id: 'org:rv-keep'}), (x:Entity {id: 'cluster:rv-x'}) CREATE (k)-[:BOARD_MEMBER_OF {id: 'e:rv-added', role: 'chair', sources: [], evidence: []}]->(x)",
    );
    const result = await undo(db, merged.recordId);
    expect(await holders("e:rv-changed")).toEqual([{ type: "MEMBER_OF", from: "org:rv-dup", to: "cluster:rv-y", role: "founding member" }]);
    expect(await holders("e:rv-added")).toEqual([{ type: "BOARD_MEMBER_OF", from: "org:rv-keep", to: "cluster:rv-x", role: "chair" }]);
    expect(result).toMatchObject({ moved: 3, skipped: [] });
  });

  it("takes off the kept node what the merge added, and keeps the node's edits made since", async () => {
    await db.write("MATCH (d:Entity {id: 'org:rv-dup'}) SET d.aliases = ['RV DUP GMBH'], d.country = 'DE', d.sources = ['import:rv']");
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH (k:Entity {id: 'org:rv-keep'}) SET k.name = 'Rv Keep GmbH', k.aliases = k.aliases + 'Rv Keep GmbH'");
    await undo(db, merged.recordId);
    const [kept] = await db.read(
      "MATCH (k:Entity {id: 'org:rv-keep'}) RETURN k.name AS name, k.aliases AS aliases, k.country AS country, k.sources AS sources, k.mergedIds AS mergedIds",
    );
    expect(kept).toEqual({ name: "Rv Keep GmbH", aliases: ["Rv Keep GmbH"], country: null, sources: null, mergedIds: null });
  });

  it("leaves out a copy given another id since, even when another relationship took its old id", async () => {
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH ()-[r {id: 'e:rv-gone'}]->() SET r.id = 'e:rv-renamed'");
    await db.write("MATCH (k:Entity {id: 'org:rv-keep'}), (y:Entity {id: 'cluster:rv-y'}) CREATE (k)-[:FUNDS {id: 'e:rv-gone'}]->(y)");
    const result = await undo(db, merged.recordId);
    expect(result.skipped).toEqual(['MEMBER_OF org:rv-dup → cluster:rv-x (id "e:rv-gone")']);
    expect(await holders("e:rv-gone")).toEqual([{ type: "FUNDS", from: "org:rv-keep", to: "cluster:rv-y", role: null }]);
    expect(await holders("e:rv-renamed")).toEqual([{ type: "MEMBER_OF", from: "org:rv-keep", to: "cluster:rv-x", role: "member" }]);
  });

  it("refuses, undoing nothing, to move back a copy whose id another relationship holds too", async () => {
    const merged = await accept(db, "e:rv-similar");
    // A duplicate of the id written by a statement that checks no ids (the writers that do refuse it).
    await db.write("MATCH (k:Entity {id: 'org:rv-keep'}), (y:Entity {id: 'cluster:rv-y'}) CREATE (k)-[:FUNDS {id: 'e:rv-funds'}]->(y)");
    await expectUndoRefused(
      db,
      merged.recordId,
      ConflictError,
      'relationship id "e:rv-funds" is held by FUNDS org:rv-keep → cluster:rv-y',
      "nothing was undone",
    );
  });

  it("makes an import planned before it look its ids up again, so a moved-back id is not written twice", async () => {
    const merged = await accept(db, "e:rv-similar");
    // Planned while e:rv-changed is the kept node's relationship: the row confirms it there.
    const summary = await runImport(db, edgeImport("rv-race", "e:rv-changed", "MEMBER_OF", "org:rv-keep", "cluster:rv-y"), {
      beforeWrite: async () => void (await undo(db, merged.recordId)),
    });
    expect(await holders("e:rv-changed")).toEqual([{ type: "MEMBER_OF", from: "org:rv-dup", to: "cluster:rv-y", role: "member" }]);
    expect(summary).toMatchObject({ rowsSkipped: 1, edgesCreated: 0 });
    // The undo marked the review's Source as the last writer of relationships: the import saw it.
    expect(await db.read("MATCH (s:Source {id: 'source:review'}) RETURN s.relationshipWrites > 0 AS marked")).toEqual([{ marked: true }]);
    expect(summary.issues[0]?.reason).toContain(
      'relationship id "e:rv-changed" is already held in the graph by MEMBER_OF org:rv-dup → cluster:rv-y',
    );
  });

  it("prints the relationships it left out (npm run review -- undo)", async () => {
    const merged = await accept(db, "e:rv-similar");
    await db.write("MATCH ()-[r:MEMBER_OF {id: 'e:rv-gone'}]->() DELETE r");
    const { uri, user, password } = inject("neo4j");
    const r = await runCli("seed/review/main.ts", ["undo", merged.recordId], {
      NEO4J_URI: uri,
      NEO4J_USER: user,
      NEO4J_PASSWORD: password,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("review: restored org:rv-dup beside org:rv-keep with 2 relationship(s) moved back");
    expect(r.stdout).toContain('MEMBER_OF org:rv-dup → cluster:rv-x (id "e:rv-gone")');
  });
});
