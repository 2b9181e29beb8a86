import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { int, type Database } from "../../server/db/database.ts";
import { query } from "../../server/db/named-queries.ts";
import { shortestPaths } from "../../server/graphql/resolvers/shortest-paths.ts";
import { connectTestDb, fixtureGraph, wipeGraph } from "../helpers/test-graph.ts";

// shortest-paths sends only the answer's paths: the first `limit` of one sequence of nodes each, none
// over maxLength. From a to b there are four shortest paths (length 2) but three sequences of nodes:
// a–c–b twice (parallel edges a→c), a–d–b and a–e–b. One longer detour (a–f–g–b) is not shortest.
const FIXTURE = `
CREATE (a:Entity:Organisation {id: 'org:a', name: 'A'}),
       (b:Entity:Organisation {id: 'org:b', name: 'B'}),
       (c:Entity:Cluster {id: 'cluster:c', name: 'C'}),
       (d:Entity:Project {id: 'project:d', name: 'D'}),
       (e:Entity:Project {id: 'project:e', name: 'E'}),
       (f:Entity:Organisation {id: 'org:f', name: 'F'}),
       (g:Entity:Organisation {id: 'org:g', name: 'G'})
CREATE (a)-[:MEMBER_OF {id: 'e:a-c'}]->(c),
       (a)-[:SUPPORTS {id: 'e:a-c-2'}]->(c),
       (b)-[:MEMBER_OF {id: 'e:b-c'}]->(c),
       (a)-[:PARTICIPATES_IN {id: 'e:a-d'}]->(d),
       (b)-[:PARTICIPATES_IN {id: 'e:b-d'}]->(d),
       (a)-[:PARTICIPATES_IN {id: 'e:a-e'}]->(e),
       (b)-[:PARTICIPATES_IN {id: 'e:b-e'}]->(e),
       (a)-[:SUPPORTS {id: 'e:a-f'}]->(f),
       (f)-[:SUPPORTS {id: 'e:f-g'}]->(g),
       (g)-[:SUPPORTS {id: 'e:g-b'}]->(b)
`;

type Path = { nodes: { id: string }[]; edges: { id: string }[] };
const sequence = (p: Path) => p.nodes.map((n) => n.id).join(">");

describe("shortest-paths: only the answer's paths leave Neo4j", () => {
  let db: Database;
  const read = async (limit: number, maxLength = 8): Promise<Path[]> => {
    const [row] = await db.read(query("shortest-paths"), {
      sized: { fromId: "org:a", toId: "org:b", relationshipTypes: [] },
      maxLength: int(maxLength),
      limit: int(limit),
      citations: false,
    });
    return row!.paths as Path[];
  };

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, FIXTURE);
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it("sends one path per sequence of nodes: three of the four shortest paths", async () => {
    const paths = await read(25);
    expect(paths.map(sequence).sort()).toEqual(["org:a>cluster:c>org:b", "org:a>project:d>org:b", "org:a>project:e>org:b"]);
    expect(paths.every((p) => p.edges.length === 2)).toBe(true);
  });

  it("sends at most `limit` paths, and none when the least length is over maxLength", async () => {
    expect(await read(2)).toHaveLength(2);
    expect(await read(1)).toHaveLength(1);
    expect(await read(5, 1)).toEqual([]);
    expect(await read(5, 2)).toHaveLength(3);
  });

  it("answers shortestPaths with those paths, in the statement's order", async () => {
    const all = await read(25);
    const answer = await shortestPaths(db, { fromId: "org:a", toId: "org:b", limit: 2 });
    expect(answer.map((p) => p.length)).toEqual([2, 2]);
    expect(answer.map((p) => p.nodes.map((n) => n.id).join(">"))).toEqual(all.slice(0, 2).map(sequence));
    expect(await shortestPaths(db, { fromId: "org:a", toId: "org:b", maxLength: 1 })).toEqual([]);
  });
});
