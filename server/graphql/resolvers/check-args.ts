/** Argument checks shared by the analyst queries: each failure is a BAD_USER_INPUT naming the range. */
import { ValidationError, NotFoundError } from "../../errors.ts";
import type { Database } from "../../db/database.ts";
import { query } from "../../db/named-queries.ts";
import { toNode, type GraphNode } from "../to-graph.ts";

export function inRange(name: string, value: number | null | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new ValidationError(`\`${name}\` must be a whole number from ${min} to ${max}; got ${v}`);
  }
  return v;
}

/** Refuses an argument that cannot be an entity id, before any read. */
export function checkEntityId(id: string, argument: string): void {
  if (!id || id.length > 300) throw new ValidationError(`\`${argument}\` must be an entity id such as "org:aurubis"`);
}

export function entityNotFound(id: string, argument: string): NotFoundError {
  return new NotFoundError(`no entity with id "${id}" (\`${argument}\`)`);
}

export async function entityById(db: Database, id: string, argument: string): Promise<GraphNode> {
  checkEntityId(id, argument);
  const [row] = await db.read(query("entity-by-id"), { id }, { what: argument });
  if (!row) throw entityNotFound(id, argument);
  return toNode(row.node as Record<string, unknown>);
}
