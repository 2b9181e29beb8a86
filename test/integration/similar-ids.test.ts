/**
 * The importer's SIMILAR_TO links (import-flag-similar) keep a relationship id naming one relationship:
 * a link's id, "e:similar-<new>~<existing>" ("%" and "~" in each node id percent-escaped), is made
 * from its pair, and no two pairs share one, but another relationship can hold it — one an editor gave
 * that id before mutations refused such ids, or a link the review moved to a merge's kept node. Then
 * the import refuses the node batch, nothing of it written, naming the holder.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { ConflictError } from "../../server/errors.ts";
import type { ImportNode, ParsedImport } from "../../seed/import/import-model.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { similarId } from "../../seed/import/to-import-rows.ts";
import { connectTestDb, fixtureGraph } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

const NEW = "org:sim-new";
const OLD = "org:sim-old";
const ID = similarId(NEW, OLD);

const NODES = `CREATE (:Entity:Organisation {id: '${OLD}', name: 'Simtestwerk', aliases: ['Simtestwerk']}),
  (:Entity:Organisation {id: 'org:sim-other', name: 'Quaxel Holding', aliases: ['Quaxel Holding']}),
  (:Entity:Cluster {id: 'cluster:sim-x', name: 'Sim X', aliases: []})`;

const newOrganisation = (id: string, name: string, ref: string): ImportNode => ({
  id,
  label: "Organisation",
  name,
  aliases: [name],
  shortNames: [],
  props: {},
  externalIds: [],
  sources: [],
  ref,
});

const jsonImport = (slug: string, nodes: ImportNode[]): ParsedImport => ({
  format: "json",
  layout: "test",
  slug,
  title: slug,
  files: [],
  nodes,
  edges: [],
  issues: [],
  rowsRead: nodes.length,
  rowsGood: nodes.length,
});

/** An import of one new organisation whose name the resolver finds likely the same as Simtestwerk's. */
function likelyDuplicate(slug: string): ParsedImport {
  return jsonImport(slug, [newOrganisation(NEW, "SIMTESTWERK STEEL EUROPE AG", `${slug}.json line 2`)]);
}

let db: Database;

const holders = (id: string) => holdersOf(db, id);
const exists = async (id: string) => (await db.read("MATCH (n:Entity {id: $id}) RETURN n.id AS id", { id })).length > 0;

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

describe("the importer's SIMILAR_TO links", () => {
  it("link a likely duplicate with the id made from the pair when no relationship holds it", async () => {
    await fixtureGraph(db, NODES);
    const summary = await runImport(db, likelyDuplicate("sim-free"));
    expect(summary.flagged).toBe(1);
    expect(await holders(ID)).toEqual([{ type: "SIMILAR_TO", from: NEW, to: OLD }]);
  });

  it("refuse the batch, writing nothing of it, when a relationship of another type holds the link's id", async () => {
    await fixtureGraph(
      db,
      `${NODES} WITH 1 AS one MATCH (o:Entity {id: 'org:sim-other'}), (x:Entity {id: 'cluster:sim-x'}) CREATE (o)-[:MEMBER_OF {id: '${ID}', sources: [], evidence: []}]->(x)`,
    );
    const failed = await runImport(db, likelyDuplicate("sim-member")).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConflictError);
    expect((failed as Error).message).toContain(
      `the likely-duplicate link SIMILAR_TO ${NEW} → ${OLD} (sim-member.json line 2) would get relationship id "${ID}", which MEMBER_OF org:sim-other → cluster:sim-x holds`,
    );
    expect((failed as Error).message).toContain("nothing of this batch was written");
    expect(await holders(ID)).toEqual([{ type: "MEMBER_OF", from: "org:sim-other", to: "cluster:sim-x" }]);
    expect(await exists(NEW)).toBe(false);
  });

  it("refuse the batch when a SIMILAR_TO link between another pair holds the id, as a merge's kept node has it", async () => {
    await fixtureGraph(
      db,
      `${NODES} WITH 1 AS one MATCH (o:Entity {id: 'org:sim-other'}), (k:Entity {id: '${OLD}'}) CREATE (o)-[:SIMILAR_TO {id: '${ID}', status: 'open', score: 0.9}]->(k)`,
    );
    const failed = await runImport(db, likelyDuplicate("sim-moved")).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ConflictError);
    expect((failed as Error).message).toContain(`which SIMILAR_TO org:sim-other → ${OLD} holds`);
    expect(await holders(ID)).toEqual([{ type: "SIMILAR_TO", from: "org:sim-other", to: OLD }]);
    expect(await exists(NEW)).toBe(false);
  });

  it("give two pairs whose ids contain ~ two links with two ids (both got e:similar-org:t~x~org:old)", async () => {
    // org:t~x → org:old and org:t → x~org:old: "e:similar-" + from + "~" + to was one id for both.
    await fixtureGraph(
      db,
      `CREATE (:Entity:Organisation {id: 'org:old', name: 'Simtestwerk', aliases: ['Simtestwerk']}),
        (:Entity:Organisation {id: 'x~org:old', name: 'Quaxelwerke', aliases: ['Quaxelwerke']})`,
    );
    const summary = await runImport(
      db,
      jsonImport("sim-tilde", [
        newOrganisation("org:t~x", "SIMTESTWERK STEEL EUROPE AG", "sim-tilde.json line 2"),
        newOrganisation("org:t", "QUAXELWERKE ANLAGENBAU AG", "sim-tilde.json line 3"),
      ]),
    );
    expect(summary.flagged).toBe(2);
    const first = similarId("org:t~x", "org:old");
    const second = similarId("org:t", "x~org:old");
    expect(await holders(first)).toEqual([{ type: "SIMILAR_TO", from: "org:t~x", to: "org:old" }]);
    expect(await holders(second)).toEqual([{ type: "SIMILAR_TO", from: "org:t", to: "x~org:old" }]);
  });
});
