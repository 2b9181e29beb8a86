import { describe, expect, it } from "vitest";
import { fastAndLibrary } from "../helpers/fast-and-library.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";
import { explainReads } from "../helpers/explain-reads.ts";

/**
 * Counts without a filter (`organisationsConnection { totalCount }`): the library counts the nodes that carry
 * both of a type's labels (`MATCH (this0:Organisation&Entity)`), which the count store cannot, so it reads
 * every one (1M-relationship bench graph: 180,003 db hits). The fast path answers from the count store while
 * every node of the type's own label is known, at that version of the graph, to carry the other labels.
 */
const FIXTURE = `
UNWIND range(0, 119) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Organisation " + i, aliases: []})
WITH i WHERE i < 30
CREATE (:Entity:Person {id: "person:" + i, name: "Person " + i, aliases: []})`;

describe("counts without a filter come from the count store", () => {
  const t = fastAndLibrary(FIXTURE, { replan: false });
  const { run } = t;

  const answer = async (query: string) => {
    const { viaFast, viaLibrary, ran, byLibrary } = await t.answer(query);
    expect(viaFast.errors).toBeUndefined();
    expect(JSON.stringify(viaFast)).toBe(JSON.stringify(viaLibrary));
    return { ran, byLibrary, data: viaFast.data };
  };

  it.each([
    `{ organisationsConnection { totalCount } }`,
    `{ organisationsConnection { aggregate { count { nodes } } } }`,
    `{ a: organisationsConnection { __typename n: totalCount aggregate { __typename count { __typename nodes } } } }`,
    `{ peopleConnection { totalCount } projectsConnection { totalCount aggregate { count { nodes } } } }`,
  ])("answers %s as the library does, from the count store", async (query) => {
    // Twice: the first may check the labels (once per version of the graph), the second only counts.
    await answer(query);
    const { ran, byLibrary } = await answer(query);
    expect(byLibrary).toBe(false);
    for (const s of ran) {
      expect(s.cypher).toMatch(/^MATCH \(n:\w+\) RETURN count\(n\) AS count$/);
      expect(await explainReads(t.db, s)).toEqual([]);
    }
  });

  it.each([
    `{ organisationsConnection(where: { name: { eq: "Organisation 3" } }) { totalCount } }`,
    `{ organisationsConnection(first: 5) { totalCount } }`,
    `{ organisationsConnection { totalCount edges { node { id } } } }`,
    `{ organisationsConnection { aggregate { count { nodes edges } } } }`,
    `{ organisationsConnection { aggregate { node { name { longest } } } } }`,
    `{ entitiesConnection { aggregate { count { nodes } } } }`,
  ])("leaves %s to the library", async (query) => {
    expect((await answer(query)).byLibrary).toBe(true);
  });

  it("leaves counts to the library while a node of the type's label lacks the shared one, and the lane to Apollo", async () => {
    const query = `{ organisationsConnection { totalCount } }`;
    expect(await fastOperations(t.fast, run).answer({ query })).toBeUndefined();
    try {
      await t.db.write(`CREATE (:Organisation {id: "org:alone", name: "Alone", aliases: []})`);
      const lacking = await answer(query);
      expect(lacking.byLibrary).toBe(true);
      expect(lacking.data).toEqual({ organisationsConnection: { totalCount: 120 } });
    } finally {
      await t.db.write(`MATCH (o:Organisation {id: "org:alone"}) DETACH DELETE o`);
    }
    await t.db.write(`CREATE (:Entity:Organisation {id: "org:new", name: "New", aliases: []})`);
    const counted = await answer(query);
    expect(counted.byLibrary).toBe(false);
    expect(counted.data).toEqual({ organisationsConnection: { totalCount: 121 } });
  });
});
