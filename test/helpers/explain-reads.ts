/**
 * What a statement the API runs reads, by its plan (EXPLAIN): each operator that reads nodes (scans,
 * seeks) or sorts, as "Operator details" — for tests that check an index serves a query.
 */
import type { Database, Params } from "../../server/db/database.ts";

type Plan = { operatorType: string; arguments: { Details?: string }; children: Plan[] };
const flatten = (p: Plan): Plan[] => [p, ...p.children.flatMap(flatten)];

export async function explainReads(db: Database, statement: { cypher: string; params: Params }): Promise<string[]> {
  const session = db.driver.session();
  try {
    const { summary } = await session.run(`EXPLAIN ${statement.cypher.replace(/^CYPHER 5\s*/, "")}`, statement.params);
    return flatten(summary.plan as unknown as Plan)
      .filter((p) => /Scan|Seek|Sort|Top/.test(p.operatorType))
      .map((p) => `${p.operatorType.replace(/@.*/, "")} ${p.arguments.Details ?? ""}`.trim());
  } finally {
    await session.close();
  }
}
