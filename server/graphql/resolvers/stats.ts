/**
 * stats(limit): counts by label and relationship type, and the most connected entities.
 *
 * The counts come from Neo4j's count store. Ranking entities by degree has no index to read: it
 * reads every entity (119 ms at 1M relationships, most of stats' time). So the ranking is kept, per
 * driver, with the version of the graph it was made from (Database.readWithVersion: the last
 * transaction committed, by anyone), and made again only when a write has changed the graph since.
 * The version is taken before the ranking is read, so a write committed while it runs makes the
 * next request read it again; requests that ask during one reading share it.
 */
import type { Driver } from "neo4j-driver";
import type { Database, Row } from "../../db/database.ts";
import { int } from "../../db/database.ts";
import { countGraphVersioned } from "../../db/count-graph.ts";
import { query } from "../../db/named-queries.ts";
import { toNode } from "../to-graph.ts";
import { inRange } from "./check-args.ts";

/** The most `limit` may ask for: the ranking is read this long, and each answer is its first `limit`. */
const MOST = 100;

const rankings = new WeakMap<Driver, { version: string; rows: Promise<Row[]> }>();

/**
 * The ranking at `version`: the kept one if it was read at that version, else read (and kept). An unknown
 * version (the counts were read by a caller's own readThrough) takes the kept one, or reads without keeping.
 */
function ranking(db: Database, version: string | undefined): Promise<Row[]> {
  const kept = rankings.get(db.driver);
  if (kept && (version === undefined || kept.version === version)) return kept.rows;
  const rows = db.read(query("most-connected"), { limit: int(MOST) }, { what: "stats" });
  if (version === undefined) return rows;
  const entry = { version, rows };
  rankings.set(db.driver, entry);
  // A failed reading (a timeout, an outage) is not kept: the next request reads again.
  rows.catch(() => {
    if (rankings.get(db.driver) === entry) rankings.delete(db.driver);
  });
  return rows;
}

export async function stats(db: Database, args: { limit?: number | null }) {
  const limit = inRange("limit", args.limit, 10, 1, MOST);
  const [{ version, ...counts }, labels, types] = await Promise.all([
    countGraphVersioned(db),
    db.read(query("stats-labels"), {}, { what: "stats" }),
    db.read(query("stats-types"), {}, { what: "stats" }),
  ]);
  const connected = (await ranking(db, version)).slice(0, limit);
  return {
    ...counts,
    labels: labels.map((r) => ({ label: String(r.label), count: Number(r.count) })).filter((r) => r.count > 0),
    relationshipTypes: types.map((r) => ({ label: String(r.label), count: Number(r.count) })).filter((r) => r.count > 0),
    mostConnected: connected.map((r) => ({ node: toNode(r.node as Record<string, unknown>), degree: Number(r.degree) })),
  };
}
