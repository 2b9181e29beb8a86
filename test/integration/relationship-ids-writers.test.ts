/**
 * A relationship id names one relationship graph-wide, whoever writes it: not only imports (see
 * import-concurrent.test.ts) but editors' GraphQL mutations (server/graphql/guard-relationship-ids.ts)
 * the seed loader (seed/load-seed.ts) and the review's undo (seed/review/review-similar.ts), which take the importers' lock, refuse an id another
 * relationship holds with nothing written, and make an import running at the same time look its ids
 * up again.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { query } from "../../server/db/named-queries.ts";
import { ConflictError, ValidationError } from "../../server/errors.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { accept, undo } from "../../seed/review/review-similar.ts";
import { seedDatabase } from "../../seed/seed-database.ts";
import { connectTestDb, fixtureGraph, gql, SEED_DIR, signedToken, startTestServer } from "../helpers/test-graph.ts";
import { holdersOf, edgeImport } from "../helpers/relationship-ids.ts";

const SECRET = "test-secret-test-secret-test-secret-0123";

const GRAPH = `CREATE (a:Entity:Organisation {id: 'org:ids-a', name: 'Ids A', aliases: []}),
  (b:Entity:Organisation {id: 'org:ids-b', name: 'Ids B', aliases: []}),
  (x:Entity:Cluster {id: 'cluster:ids-x', name: 'Ids X', aliases: []}),
  (y:Entity:Cluster {id: 'cluster:ids-y', name: 'Ids Y', aliases: []}),
  (a)-[:MEMBER_OF {id: 'e:ids-held', sources: [], evidence: []}]->(x),
  (b)-[:MEMBER_OF {id: 'e:ids-b-own', sources: [], evidence: []}]->(y)`;

let db: Database;
let http: RunningHttp;
let auth: Record<string, string>;

const holders = (id: string) => holdersOf(db, id);

/** Connects org:ids-b to cluster `to` through `field` (memberOf, funds …) with relationship id `id`. */
const connect = (id: string, field = "memberOf", to = "cluster:ids-x") =>
  gql(
    http.url,
    `mutation ($id: ID!, $to: ID!) { updateOrganisations(where: { id: { eq: "org:ids-b" } }, update: { ${field}: [{ connect: [{ where: { node: { id: { eq: $to } } }, edge: { id: $id, sources: [], evidence: [] } }] }] }) { info { relationshipsCreated } } }`,
    { id, to },
    auth,
  );

beforeAll(async () => {
  db = await connectTestDb();
  await fixtureGraph(db, GRAPH);
  http = await startTestServer(db, { JWT_SECRET: SECRET });
  auth = { authorization: `Bearer ${await signedToken(SECRET, ["editor"])}` };
});
afterAll(async () => {
  await http.close();
  await db.close();
});

describe("an editor's mutation", () => {
  beforeEach(async () => {
    await fixtureGraph(db, GRAPH);
  });

  it("is refused, writing nothing, when it creates a relationship with an id another relationship holds", async () => {
    const counts = await countGraph(db);
    // Another type and other ends than the holder's: an id names one relationship across types.
    const r = await connect("e:ids-held", "funds", "cluster:ids-y");
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringContaining(
        'relationship id "e:ids-held" is already held by MEMBER_OF org:ids-a → cluster:ids-x; this mutation would give it to FUNDS org:ids-b → cluster:ids-y too',
      ),
    });
    expect(r.errors?.[0]?.message).toContain("Nothing was written");
    // A new node with the taken id on its relationship: the node is not written either.
    const created = await gql(
      http.url,
      `mutation { createOrganisations(input: [{ id: "org:ids-new", name: "Ids New", aliases: [], memberOf: { connect: [{ where: { node: { id: { eq: "cluster:ids-y" } } }, edge: { id: "e:ids-held", sources: [], evidence: [] } }] } }]) { organisations { id } } }`,
      {},
      auth,
    );
    expect(created.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await holders("e:ids-held")).toEqual([{ type: "MEMBER_OF", from: "org:ids-a", to: "cluster:ids-x" }]);
    expect(await countGraph(db)).toEqual(counts);
    expect(await db.read("MATCH (n:Entity) WHERE n.id IN ['org:ids-new', 'source:graphql-edits'] RETURN n.id AS id")).toEqual([]);
  });

  it("is refused when it gives one new id to two relationships", async () => {
    const r = await gql(
      http.url,
      `mutation { updateOrganisations(where: { id: { eq: "org:ids-b" } }, update: { memberOf: [{ connect: [{ where: { node: { id: { in: ["cluster:ids-x", "cluster:ids-y"] } } }, edge: { id: "e:ids-twice", sources: [], evidence: [] } }] }] }) { info { relationshipsCreated } } }`,
      {},
      auth,
    );
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringContaining('this mutation would give relationship id "e:ids-twice" to 2 relationships'),
    });
    expect(await holders("e:ids-twice")).toEqual([]);
  });

  it("is refused when it changes a relationship's id to one another relationship holds", async () => {
    const r = await gql(
      http.url,
      `mutation { updateOrganisations(where: { id: { eq: "org:ids-b" } }, update: { memberOf: [{ update: { edge: { id: { set: "e:ids-held" } } } }] }) { organisations { id } } }`,
      {},
      auth,
    );
    expect(r.errors?.[0]).toMatchObject({
      extensions: { code: "CONFLICT" },
      message: expect.stringContaining(
        'relationship id "e:ids-held" is already held by MEMBER_OF org:ids-a → cluster:ids-x; this mutation would give it to MEMBER_OF org:ids-b → cluster:ids-y too',
      ),
    });
    expect(await holders("e:ids-held")).toEqual([{ type: "MEMBER_OF", from: "org:ids-a", to: "cluster:ids-x" }]);
    expect(await holders("e:ids-b-own")).toEqual([{ type: "MEMBER_OF", from: "org:ids-b", to: "cluster:ids-y" }]);
  });

  it("writes a relationship with a free id, and changes an id to a free one, as before", async () => {
    const r = await connect("e:ids-fresh");
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ updateOrganisations: { info: { relationshipsCreated: 1 } } });
    expect(await holders("e:ids-fresh")).toEqual([{ type: "MEMBER_OF", from: "org:ids-b", to: "cluster:ids-x" }]);
    const renamed = await gql(
      http.url,
      `mutation { updateOrganisations(where: { id: { eq: "org:ids-a" } }, update: { memberOf: [{ update: { edge: { id: { set: "e:ids-renamed" } } } }] }) { organisations { id } } }`,
      {},
      auth,
    );
    expect(renamed.errors).toBeUndefined();
    expect(await holders("e:ids-renamed")).toEqual([{ type: "MEMBER_OF", from: "org:ids-a", to: "cluster:ids-x" }]);
    expect(await holders("e:ids-held")).toEqual([]);
  });

  it("makes an import that planned the same id as free refuse its row when it writes", async () => {
    // The import plans e:ids-race as free; the editor writes it before the import's first batch.
    let edited: Awaited<ReturnType<typeof connect>> | undefined;
    const summary = await runImport(db, edgeImport("ids-race", "e:ids-race", "MEMBER_OF", "org:ids-a", "cluster:ids-y"), {
      beforeWrite: async () => void (edited = await connect("e:ids-race")),
    });
    expect(edited?.errors).toBeUndefined();
    expect(await holders("e:ids-race")).toEqual([{ type: "MEMBER_OF", from: "org:ids-b", to: "cluster:ids-x" }]);
    expect(summary).toMatchObject({ rowsLoaded: 0, rowsSkipped: 1, edgesCreated: 0 });
    expect(summary.issues[0]?.reason).toContain(
      'relationship id "e:ids-race" is already held in the graph by MEMBER_OF org:ids-b → cluster:ids-x',
    );
  });

  it("is refused when an import has written the id", async () => {
    await runImport(db, edgeImport("ids-late", "e:ids-late", "MEMBER_OF", "org:ids-a", "cluster:ids-y"));
    const r = await connect("e:ids-late");
    expect(r.errors?.[0]?.extensions?.code).toBe("CONFLICT");
    expect(await holders("e:ids-late")).toEqual([{ type: "MEMBER_OF", from: "org:ids-a", to: "cluster:ids-y" }]);
  });

  it("waits for an import's batch that holds the importers' lock, then refuses the id the batch wrote", async () => {
    // A transaction standing for an import's batch: the lock taken, a relationship written, not yet committed.
    const session = db.driver.session();
    const tx = await session.beginTransaction();
    try {
      await tx.run(query("import-relationship-write-turn"), { sourceId: null });
      await tx.run(
        "MATCH (a:Entity {id: 'org:ids-a'}), (y:Entity {id: 'cluster:ids-y'}) CREATE (a)-[:MEMBER_OF {id: 'e:ids-wait', sources: [], evidence: []}]->(y)",
      );
      let finished = false;
      const editing = connect("e:ids-wait").finally(() => (finished = true));
      // Until Neo4j reports the mutation's transaction blocked on the lock; without the lock it finishes first.
      while (!finished) {
        const [blocked] = await db.read(
          "SHOW TRANSACTIONS YIELD status, currentQuery WHERE status STARTS WITH 'Blocked' AND currentQuery CONTAINS 'lock:import-relationship-writes' RETURN count(*) AS n",
        );
        if (Number(blocked?.n) > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(finished).toBe(false);
      await tx.commit();
      expect((await editing).errors?.[0]).toMatchObject({
        extensions: { code: "CONFLICT" },
        message: expect.stringContaining('relationship id "e:ids-wait" is already held by MEMBER_OF org:ids-a → cluster:ids-y'),
      });
    } finally {
      await session.close();
    }
    expect(await holders("e:ids-wait")).toEqual([{ type: "MEMBER_OF", from: "org:ids-a", to: "cluster:ids-y" }]);
  });
});

describe("the seed loader", () => {
  it("refuses, writing nothing, a seed relationship whose id the graph gives to another relationship", async () => {
    await fixtureGraph(
      db,
      `CREATE (:Entity:Organisation {id: 'org:aurubis', name: 'Aurubis AG', aliases: []})-[:FUNDS {id: 'e:aurubis-member-of-smart-value'}]->(:Entity:Cluster {id: 'cluster:ids-x', name: 'Ids X', aliases: []})`,
    );
    const counts = await countGraph(db);
    const failed = await seedDatabase(db, SEED_DIR).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ValidationError);
    expect((failed as Error).message).toContain(
      'relationship id "e:aurubis-member-of-smart-value" (MEMBER_OF org:aurubis → cluster:smart-value) is already held in the graph by FUNDS org:aurubis → cluster:ids-x',
    );
    expect(await countGraph(db)).toEqual(counts);
  });

  it("makes an import that planned a seed relationship's id as free refuse its row when it writes", async () => {
    await fixtureGraph(db, GRAPH);
    const summary = await runImport(
      db,
      edgeImport("ids-seed-race", "e:aurubis-member-of-smart-value", "MEMBER_OF", "org:ids-a", "cluster:ids-y"),
      { beforeWrite: async () => void (await seedDatabase(db, SEED_DIR)) },
    );
    expect(await holders("e:aurubis-member-of-smart-value")).toEqual([
      { type: "MEMBER_OF", from: "org:aurubis", to: "cluster:smart-value" },
    ]);
    expect(summary).toMatchObject({ rowsLoaded: 0, rowsSkipped: 1 });
  });
});

describe("the review's undo of a merge", () => {
  it("leaves out, and names, a relationship whose copy got another id since the merge; the id another relationship took stays its", async () => {
    await fixtureGraph(
      db,
      `CREATE (d:Entity:Organisation {id: 'org:ids-dup', name: 'Ids Dup', aliases: []}),
         (k:Entity:Organisation {id: 'org:ids-keep', name: 'Ids Keep', aliases: []}),
         (x:Entity:Cluster {id: 'cluster:ids-x', name: 'Ids X', aliases: []}),
         (y:Entity:Cluster {id: 'cluster:ids-y', name: 'Ids Y', aliases: []}),
         (d)-[:MEMBER_OF {id: 'e:ids-moved', sources: [], evidence: []}]->(x),
         (d)-[:SIMILAR_TO {id: 'e:ids-similar', status: 'open', score: 0.9}]->(k)`,
    );
    const merged = await accept(db, "e:ids-similar");
    // Since the merge, the moved relationship got another id and its old one went to another relationship.
    await db.write("MATCH ()-[r {id: 'e:ids-moved'}]->() SET r.id = 'e:ids-renamed'");
    await db.write("MATCH (k:Entity {id: 'org:ids-keep'}), (y:Entity {id: 'cluster:ids-y'}) CREATE (k)-[:FUNDS {id: 'e:ids-moved'}]->(y)");
    const done = await undo(db, merged.recordId);
    expect(done.skipped).toEqual(['MEMBER_OF org:ids-dup → cluster:ids-x (id "e:ids-moved")']);
    expect(done.moved).toBe(0);
    expect(await holders("e:ids-moved")).toEqual([{ type: "FUNDS", from: "org:ids-keep", to: "cluster:ids-y" }]);
    expect(await holders("e:ids-renamed")).toEqual([{ type: "MEMBER_OF", from: "org:ids-keep", to: "cluster:ids-x" }]);
    const [record] = await db.read("MATCH (m:MergeRecord {id: $id}) RETURN m.status AS status", { id: merged.recordId });
    expect(record).toEqual({ status: "undone" });
  });
});
