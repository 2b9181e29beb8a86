/**
 * A node type's plain count (`organisationsConnection { totalCount }` or `{ aggregate { count {
 * nodes } } }`, no argument) from Neo4j's count store, one db hit, where the library counts the nodes
 * carrying all of the type's labels: which selections qualify (selectsOnly with COUNTS), and the
 * count, when it is the library's (countOf).
 */
import { Kind, type FieldNode } from "graphql";
import { isInt } from "neo4j-driver";
import { versionOf } from "../db/database.ts";
import type { ReadStatement, ReadTarget } from "./fast-read.ts";
import { publishRead } from "./fast-read-channel.ts";
import { fact } from "./version-facts.ts";

type Shape = { [field: string]: Shape | null };
/** What a count without a filter may select of `xConnection` (and `__typename` anywhere). */
export const COUNTS: Shape = { totalCount: null, aggregate: { count: { nodes: null } } };

/** Whether `node` selects nothing but `shape`'s fields (and `__typename`), without arguments or directives. */
export function selectsOnly(node: FieldNode, shape: Shape): boolean {
  if (node.directives?.length || !node.selectionSet) return false;
  for (const sel of node.selectionSet.selections) {
    if (sel.kind !== Kind.FIELD || sel.directives?.length || sel.arguments?.length) return false;
    const name = sel.name.value;
    if (name === "__typename" && !sel.selectionSet) continue;
    if (!Object.hasOwn(shape, name)) return false;
    const inner = shape[name];
    if (inner ? !selectsOnly(sel, inner) : sel.selectionSet) return false;
  }
  return true;
}

/**
 * The number of nodes of a node type, from Neo4j's count store (one db hit), or undefined when it may
 * not be the library's. The count store counts one label; the library counts the nodes that carry all
 * of the type's (`Organisation&Entity`: 180,003 db hits at 1M relationships). Nothing in Neo4j's
 * schema makes every Organisation an Entity, so that is checked (a scan) once per version of the
 * graph (fact()), and the count store answers while no write has come since.
 */
export async function countOf(target: ReadTarget, read: ReadStatement): Promise<number | undefined> {
  const [own, ...others] = target.labels as [string, ...string[]];
  const cypher = `MATCH (n:${own}) RETURN count(n) AS count`;
  publishRead({ cypher, params: {} });
  const result = await read(cypher, {});
  const count: unknown = result.records[0]?.get("count");
  if (!isInt(count) || !count.inSafeRange()) return undefined;
  if (others.length) {
    const version = versionOf(result);
    if (version === undefined) return undefined;
    const labels = others.join("&");
    const sole = `RETURN NOT EXISTS { MATCH (n:${own}) WHERE NOT n:${labels} } AS holds`;
    if (!(await fact(target, `all ${own} are ${labels}`, version, read, sole))) return undefined;
  }
  return count.toNumber();
}
