/**
 * stats' ranking of the most connected entities is read again only when the graph has changed since
 * (server/graphql/resolvers/stats.ts): whoever wrote, and even when every count stayed the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { int } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import { stats } from "../../server/graphql/resolvers/stats.ts";
import { connectTestDb, seededGraph } from "../helpers/test-graph.ts";
import { readsDuring } from "../helpers/reads-during.ts";

const RANKING = query("most-connected");
const rankingReads = (reads: string[]) => reads.filter((r) => r.includes(RANKING)).length;

describe("stats: the most connected entities", () => {
  let db: Database;
  /** Another client, as a notebook or an import is: its writes do not pass through `db`. */
  let other: Database;
  beforeAll(async () => {
    db = await connectTestDb();
    other = await connectTestDb();
    await seededGraph(db);
  });
  afterAll(async () => {
    await other.close();
    await db.close();
  });

  /** The ranking as the named query reads it now, without stats. */
  async function direct(limit: number) {
    const rows = await other.read(RANKING, { limit: int(limit) });
    return rows.map((r) => ({ id: (r.node as { id: string }).id, degree: Number(r.degree) }));
  }
  const ranked = (s: Awaited<ReturnType<typeof stats>>) => s.mostConnected.map((c) => ({ id: c.node.id, degree: c.degree }));

  it("reads the ranking once while the graph is unchanged, and answers each limit from it", async () => {
    const first = await readsDuring(db, () => stats(db, { limit: 10 }));
    expect(ranked(first.result)).toEqual(await direct(10));
    const again = await readsDuring(db, () => stats(db, { limit: 3 }));
    expect(rankingReads(again.reads)).toBe(0);
    expect(again.reads.length).toBeGreaterThan(0); // the counts are still read
    expect(ranked(again.result)).toEqual(await direct(3));
  });

  it("sees another client's write at once", async () => {
    await stats(db, {});
    await other.write(
      `CREATE (h:Entity:Organisation {id: 'org:test-new-hub', name: 'New hub'})
       WITH h UNWIND range(1, 80) AS i
       CREATE (:Entity:Person {id: 'person:test-spoke-' + i, name: 'Spoke ' + i})-[:AFFILIATED_WITH {id: 'rel:test-spoke-' + i}]->(h)`,
    );
    const after = await readsDuring(db, () => stats(db, {}));
    expect(rankingReads(after.reads)).toBe(1);
    expect(ranked(after.result)[0]).toEqual({ id: "org:test-new-hub", degree: 80 });
    expect(ranked(after.result)).toEqual(await direct(10));
  });

  it("sees a change that leaves every count as it was", async () => {
    const before = await stats(db, {});
    // 50 of the new hub's links move to another new organisation: the same nodes, the same relationships.
    await other.write(`CREATE (:Entity:Organisation {id: 'org:test-second-hub', name: 'Second hub'})`);
    const between = await stats(db, {});
    await other.write(
      `MATCH (p:Person)-[r:AFFILIATED_WITH]->(:Organisation {id: 'org:test-new-hub'}) WHERE toInteger(split(p.id, '-')[2]) <= 50
       MATCH (second:Organisation {id: 'org:test-second-hub'})
       WITH p, r, r.id AS id, second DELETE r CREATE (p)-[:AFFILIATED_WITH {id: id}]->(second)`,
    );
    const after = await stats(db, {});
    expect({ nodes: after.nodes, relationships: after.relationships }).toEqual({
      nodes: between.nodes,
      relationships: between.relationships,
    });
    expect(before.nodes + 1).toBe(after.nodes);
    const mine = (s: typeof after) => ranked(s).filter((c) => c.id.startsWith("org:test-"));
    expect(mine(between)).toEqual([{ id: "org:test-new-hub", degree: 80 }]);
    expect(mine(after)).toEqual([
      { id: "org:test-second-hub", degree: 50 },
      { id: "org:test-new-hub", degree: 30 },
    ]);
    expect(ranked(after)).toEqual(await direct(10));
  });

  it("answers through a readThrough that runs the statements its own way (bench:api's managed baseline)", async () => {
    const managed = db.through((cypher, params) => db.inTransaction("READ", (tx) => tx.run(cypher, params)) as never);
    const fresh = await connectTestDb(); // nothing kept for its driver yet
    try {
      const own = fresh.through((cypher, params) => fresh.inTransaction("READ", (tx) => tx.run(cypher, params)) as never);
      expect(ranked(await stats(own, { limit: 5 }))).toEqual(await direct(5));
    } finally {
      await fresh.close();
    }
    expect(ranked(await stats(managed, { limit: 5 }))).toEqual(await direct(5));
  });

  it("reads the ranking once for requests that ask while it is read", async () => {
    await other.write(
      `MATCH (h:Organisation {id: 'org:test-second-hub'}) CREATE (h)-[:AFFILIATED_WITH {id: 'rel:test-extra'}]->(:Entity:Person {id: 'person:test-extra', name: 'Extra'})`,
    );
    const many = await readsDuring(db, () => Promise.all([1, 2, 3, 4, 5].map(() => stats(db, { limit: 5 }))));
    expect(rankingReads(many.reads)).toBe(1);
    for (const s of many.result) expect(ranked(s)).toEqual(await direct(5));
    expect(ranked(many.result[0]!).find((c) => c.id === "org:test-second-hub")?.degree).toBe(51);
  });
});
