/**
 * A node type ranked by a network measure (`organisations(sort: [{ degree: DESC }], limit: 20)`),
 * read from the measure's RANGE index in order where the library reads and sorts the whole type
 * (fast-read.ts's planRead, `complete`): which single-property RANGE indexes cypher/schema.cypher
 * creates (rangeIndexes), and whether the rows an index read gave are the library's (confirmed).
 */
import type { QueryResult } from "neo4j-driver";
import { versionOf } from "../db/database.ts";
import { splitStatements } from "../db/apply-schema.ts";
import type { ReadPlan, ReadStatement } from "./fast-read.ts";
import { fact } from "./version-facts.ts";

/**
 * The single-property RANGE indexes on nodes that schema.cypher (cypher/schema.cypher's text) creates,
 * as "Label.property".
 */
export function rangeIndexes(schema: string): Set<string> {
  const out = new Set<string>();
  for (const statement of splitStatements(schema)) {
    const m = /^CREATE\s+(?:RANGE\s+)?INDEX\s+\w+\s+IF\s+NOT\s+EXISTS\s+FOR\s+\((\w+):(\w+)\)\s+ON\s+\((\w+)\.(\w+)\)$/i.exec(statement);
    if (m && m[1] === m[3]) out.add(`${m[2]}.${m[4]}`);
  }
  return out;
}

/**
 * For a plan that ranks by a nullable field from its index (`complete`): whether its rows are the
 * library's, that is, whether no node lacking the field belongs on the page. Ascending, a row after
 * the page shows that none does. Otherwise the label must have no node without the field: the count
 * store's count of the label equal to the index's count of the field's values, at the version of the
 * graph the page's read saw (fact()). False for a page read without a version.
 */
export async function confirmed(plan: ReadPlan, result: QueryResult, read: ReadStatement): Promise<boolean> {
  const c = plan.complete;
  if (!c || !plan.unique) return true;
  if (!c.descending && result.records.length > plan.unique.before + plan.unique.limit) return true;
  const version = versionOf(result);
  if (version === undefined) return false;
  return fact(
    c.target,
    `complete ${c.label}.${c.field}`,
    version,
    read,
    `CALL () { MATCH (n:${c.label}) WHERE n.${c.field} IS NOT NULL RETURN count(n) AS present }\n` +
      `CALL () { MATCH (n:${c.label}) RETURN count(n) AS total }\nRETURN present = total AS holds`,
  );
}
