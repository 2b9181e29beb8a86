/**
 * `npm run review -- accept` and the merged node's relationships: those between the merged and the
 * kept node (other than the link) and those of the merged node with itself would become the kept
 * node's relationships with itself; accept deletes them, records them on the MergeRecord and names
 * them, and undo recreates them. Accept moves the others' ids to the kept node under the importers'
 * lock and marks the review as the last writer, so that an import planned before looks its ids up again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { ConflictError } from "../../server/errors.ts";
import type { ImportNode, ParsedImport } from "../../seed/import/import-model.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { accept, undo } from "../../seed/review/review-similar.ts";
import { runCli } from "../helpers/run-cli.ts";
import { expectUndoRefused } from "../helpers/review-undo.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

const GRAPH = `CREATE (d:Entity:Organisation {id: 'org:ra-dup', name: 'Ra Dup', aliases: []}),
  (k:Entity:Organisation {id: 'org:ra-keep', name: 'Ra Keep', aliases: []}),
  (x:Entity:Cluster {id: 'cluster:ra-x', name: 'Ra X', aliases: []}),
  (d)-[:MEMBER_OF {id: 'e:ra-member', role: 'member', sources: [], evidence: []}]->(x),
  (d)-[:PART_OF {id: 'e:ra-part', sources: ['import:ra'], evidence: ['ra.csv line 3']}]->(k),
  (k)-[:SUPPORTS {id: 'e:ra-supports', sources: [], evidence: []}]->(d),
  (d)-[:AFFILIATED_WITH {id: 'e:ra-self', sources: [], evidence: []}]->(d),
  (k)-[:SIMILAR_TO {id: 'e:ra-similar-back', status: 'rejected', score: 0.8}]->(d),
  (d)-[:SIMILAR_TO {id: 'e:ra-similar', status: 'open', score: 0.9}]->(k)`;

let db: Database;

const holders = (id: string) => holdersOf(db, id);

/** The kept node's relationships with itself. */
const selfLoops = async () => db.read("MATCH (k:Entity {id: 'org:ra-keep'})-[r]->(k) RETURN r.id AS id");

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});
beforeEach(async () => {
  await fixtureGraph(db, GRAPH);
});

describe("accepting a merge of two nodes related to each other", () => {
  it("deletes, records and names the relationships between them and the merged node's with itself, and undo recreates them", async () => {
    const before = await countGraph(db);
    const merged = await accept(db, "e:ra-similar");
    // No relationship of the kept node with itself; the others moved.
    expect(await selfLoops()).toEqual([]);
    expect(await holders("e:ra-part")).toEqual([]);
    expect(await holders("e:ra-member")).toEqual([{ type: "MEMBER_OF", from: "org:ra-keep", to: "cluster:ra-x" }]);

    const undone = await undo(db, merged.recordId);
    expect(await holders("e:ra-part")).toEqual([{ type: "PART_OF", from: "org:ra-dup", to: "org:ra-keep" }]);
    expect(await holders("e:ra-supports")).toEqual([{ type: "SUPPORTS", from: "org:ra-keep", to: "org:ra-dup" }]);
    expect(await holders("e:ra-self")).toEqual([{ type: "AFFILIATED_WITH", from: "org:ra-dup", to: "org:ra-dup" }]);
    expect(await holders("e:ra-similar-back")).toEqual([{ type: "SIMILAR_TO", from: "org:ra-keep", to: "org:ra-dup" }]);
    expect(await holders("e:ra-member")).toEqual([{ type: "MEMBER_OF", from: "org:ra-dup", to: "cluster:ra-x" }]);
    // Recreated with their properties, the link open again; the graph holds what it held, plus the record and the review's Source.
    const [part] = await db.read("MATCH ()-[r {id: 'e:ra-part'}]->() RETURN r.sources AS sources, r.evidence AS evidence");
    expect(part).toEqual({ sources: ["import:ra"], evidence: ["ra.csv line 3"] });
    const [back] = await db.read("MATCH ()-[r {id: 'e:ra-similar-back'}]->() RETURN r.status AS status, r.score AS score");
    expect(back).toEqual({ status: "rejected", score: 0.8 });
    expect(await holders("e:ra-similar")).toEqual([{ type: "SIMILAR_TO", from: "org:ra-dup", to: "org:ra-keep" }]);
    expect(await countGraph(db)).toEqual({ nodes: before.nodes + 2, relationships: before.relationships });
    expect(undone).toEqual({ restored: "org:ra-dup", kept: "org:ra-keep", moved: 1, recreated: 4, skipped: [] });
    expect([...merged.dropped].sort()).toEqual([
      'AFFILIATED_WITH org:ra-dup → org:ra-dup (id "e:ra-self")',
      'PART_OF org:ra-dup → org:ra-keep (id "e:ra-part")',
      'SIMILAR_TO org:ra-keep → org:ra-dup (id "e:ra-similar-back")',
      'SUPPORTS org:ra-keep → org:ra-dup (id "e:ra-supports")',
    ]);
  });

  it("refuses to undo, nothing written, when another relationship took the id of one between them since", async () => {
    const merged = await accept(db, "e:ra-similar");
    await db.write("MATCH (k:Entity {id: 'org:ra-keep'}), (x:Entity {id: 'cluster:ra-x'}) CREATE (k)-[:FUNDS {id: 'e:ra-part'}]->(x)");
    await expectUndoRefused(
      db,
      merged.recordId,
      ConflictError,
      'relationship id "e:ra-part" is held by FUNDS org:ra-keep → cluster:ra-x',
      "nothing was undone",
    );
  });

  it("undoes a merge recorded before accept kept them (no betweenRels on the record)", async () => {
    const merged = await accept(db, "e:ra-similar");
    await db.write("MATCH (m:MergeRecord {id: $id}) REMOVE m.betweenRels", { id: merged.recordId });
    const undone = await undo(db, merged.recordId);
    expect(undone).toMatchObject({ moved: 1, skipped: [] });
    expect(await holders("e:ra-member")).toEqual([{ type: "MEMBER_OF", from: "org:ra-dup", to: "cluster:ra-x" }]);
  });

  it("prints the relationships it deleted (npm run review -- accept)", async () => {
    const { uri, user, password } = inject("neo4j");
    const r = await runCli("seed/review/main.ts", ["accept", "e:ra-similar"], {
      NEO4J_URI: uri,
      NEO4J_USER: user,
      NEO4J_PASSWORD: password,
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("review: merged org:ra-dup into org:ra-keep");
    expect(r.stdout).toContain("undo recreates them");
    expect(r.stdout).toContain('PART_OF org:ra-dup → org:ra-keep (id "e:ra-part")');
  });
});

describe("accepting a merge while an import runs", () => {
  /** A re-import of the merged node and its membership, as the graph held them before the merge. */
  const reimport = (): ParsedImport => {
    const node: ImportNode = {
      id: "org:ra-dup",
      label: "Organisation",
      name: "Ra Dup",
      aliases: ["Ra Dup"],
      shortNames: [],
      props: { kind: "company" },
      externalIds: [],
      sources: [],
      ref: "ra-race.csv line 2",
    };
    const edge = {
      id: "e:ra-member",
      type: "MEMBER_OF",
      from: "org:ra-dup",
      to: "cluster:ra-x",
      props: {},
      cites: [],
      ref: "ra-race.csv line 3",
    };
    return {
      format: "csv",
      layout: "test",
      slug: "ra-race",
      title: "ra-race",
      files: [],
      nodes: [node],
      edges: [edge],
      issues: [],
      rowsRead: 2,
      rowsGood: 2,
    };
  };

  it("merges once when the same link is accepted twice at once; the other is refused (NOT_FOUND)", async () => {
    const results = await Promise.allSettled([accept(db, "e:ra-similar"), accept(db, "e:ra-similar")]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    const failed = results.find((r) => r.status === "rejected");
    expect(failed?.reason).toMatchObject({ code: "NOT_FOUND" });
    expect(await db.read("MATCH (m:MergeRecord) RETURN m.id AS id")).toEqual([{ id: "merge:e:ra-similar" }]);
    expect(await holders("e:ra-member")).toEqual([{ type: "MEMBER_OF", from: "org:ra-keep", to: "cluster:ra-x" }]);
  });

  it("makes an import planned before it look its ids up again, so a moved id is not written twice", async () => {
    // Planned while e:ra-member is the merged node's relationship: the row confirms it there.
    const summary = await runImport(db, reimport(), { beforeWrite: async () => void (await accept(db, "e:ra-similar")) });
    expect(await holders("e:ra-member")).toEqual([{ type: "MEMBER_OF", from: "org:ra-keep", to: "cluster:ra-x" }]);
    expect(summary).toMatchObject({ rowsSkipped: 1, edgesCreated: 0, edgesPresent: 0 });
    expect(summary.issues[0]?.reason).toContain(
      'relationship id "e:ra-member" is already held in the graph by MEMBER_OF org:ra-keep → cluster:ra-x',
    );
    // The accept marked the review's Source as the last writer of relationships: the import saw it.
    expect(await db.read("MATCH (s:Source {id: 'source:review'}) RETURN s.relationshipWrites > 0 AS marked")).toEqual([{ marked: true }]);
  });
});
