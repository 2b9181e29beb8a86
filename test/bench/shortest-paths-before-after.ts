/**
 * `npx tsx test/bench/shortest-paths-before-after.ts`: the fifth session's before/after for
 * shortestPaths, on a database holding the generated graph `bench:api` leaves in KEEP_DIR (e.g. the 1M
 * one, served alone by `NEO4J_DATA_DIR=<KEEP_DIR> NEO4J_BOLT_PORT=7790 npm run neo4j`; NEO4J_URI and
 * NEO4J_PASSWORD pick another, SCALE the graph's size, default 1M). For the two pairs bench:api times
 * (its small organisation to a person and to the largest hub), alternating RUNS times (default 7):
 * before — the ends checked in two reads, then ALL SHORTEST with a predicate on the path's length; after —
 * the named query `shortest-paths` (allShortestPaths, one read). Prints each run and the medians, and
 * how many paths each found. A benchmark: asserts nothing.
 */
import neo4j from "neo4j-driver";
import { query } from "../../server/db/named-queries.ts";
import { generateEcosystem, GEN_IDS } from "./generate/generate-ecosystem.ts";
import { parseScale } from "./generate/parse-scale.ts";
import { median } from "./bench-table.ts";

const BEFORE = `MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
MATCH p = ALL SHORTEST (a)-[rels]-{1,8}(b)
WHERE length(p) <= $maxLength
  AND all(r IN rels WHERE size($relationshipTypes) = 0 OR type(r) IN $relationshipTypes)
WITH p LIMIT 200
RETURN [n IN nodes(p) | n {.*, labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {id: coalesce(r.id, elementId(r)), type: type(r), source: startNode(r).id, target: endNode(r).id, properties: properties(r)}] AS edges`;
const BY_ID = "MATCH (n:Entity {id: $id}) RETURN n {.*, labels: labels(n)} AS node";

const scale = parseScale(process.env.SCALE ?? "1M");
const runs = Math.max(1, Number(process.env.RUNS ?? 7) || 7);
const small = generateEcosystem({ relationships: scale, seed: 1 })
  .nodes.filter((n) => n.label === "Organisation")
  .at(-1)!.id;
const driver = neo4j.driver(
  process.env.NEO4J_URI ?? "bolt://127.0.0.1:7790",
  neo4j.auth.basic("neo4j", process.env.NEO4J_PASSWORD ?? "innograph-local"),
);
const read = async (cypher: string, params: Record<string, unknown>) => {
  const session = driver.session({ defaultAccessMode: neo4j.session.READ });
  try {
    return (await session.executeRead((tx) => tx.run(cypher, params))).records;
  } finally {
    await session.close();
  }
};
const ms = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(" ");

try {
  for (const to of [GEN_IDS.person, GEN_IDS.hub]) {
    const before: number[] = [];
    const after: number[] = [];
    let found = [0, 0];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      await read(BY_ID, { id: small });
      await read(BY_ID, { id: to });
      const old = await read(BEFORE, { fromId: small, toId: to, maxLength: neo4j.int(6), relationshipTypes: [] });
      before.push(performance.now() - t);
      t = performance.now();
      const [now] = await read(query("shortest-paths"), {
        sized: { fromId: small, toId: to, relationshipTypes: [] },
        maxLength: neo4j.int(8),
        limit: neo4j.int(200),
        citations: false,
      });
      after.push(performance.now() - t);
      found = [old.length, (now!.get("paths") as unknown[]).length];
    }
    console.log(
      `${small} → ${to}: paths before ${found[0]}, after ${found[1]}; ` +
        `before median ${median(before).toFixed(1)} ms (${ms(before)}), after median ${median(after).toFixed(1)} ms (${ms(after)})`,
    );
  }
} finally {
  await driver.close();
}
