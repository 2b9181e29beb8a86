/** stats(limit): counts by label and relationship type, and the most connected entities. */
import type { Database } from "../../db/database.ts";
import { int } from "../../db/database.ts";
import { countGraph } from "../../db/count-graph.ts";
import { query } from "../../db/named-queries.ts";
import { toNode } from "../to-graph.ts";
import { inRange } from "./check-args.ts";

export async function stats(db: Database, args: { limit?: number | null }) {
  const limit = inRange("limit", args.limit, 10, 1, 100);
  const [counts, labels, types, connected] = await Promise.all([
    countGraph(db),
    db.read(query("stats-labels"), {}, { what: "stats" }),
    db.read(query("stats-types"), {}, { what: "stats" }),
    db.read(query("most-connected"), { limit: int(limit) }, { what: "stats" }),
  ]);
  return {
    ...counts,
    labels: labels.map((r) => ({ label: String(r.label), count: Number(r.count) })).filter((r) => r.count > 0),
    relationshipTypes: types.map((r) => ({ label: String(r.label), count: Number(r.count) })).filter((r) => r.count > 0),
    mostConnected: connected.map((r) => ({ node: toNode(r.node as Record<string, unknown>), degree: Number(r.degree) })),
  };
}
