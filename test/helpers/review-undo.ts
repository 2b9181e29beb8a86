/** For the review's tests: an undo that must be refused leaves the graph and its merge record as they were. */
import { expect } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { undo } from "../../seed/review/review-similar.ts";

/** Undoes `recordId` expecting `error` whose message holds each of `says`; nothing counted changes and the merge stays. */
export async function expectUndoRefused(
  db: Database,
  recordId: string,
  error: new (...args: never[]) => Error,
  ...says: string[]
): Promise<void> {
  const counts = await countGraph(db);
  const failed = await undo(db, recordId).catch((e: unknown) => e);
  expect(failed).toBeInstanceOf(error);
  for (const text of says) expect((failed as Error).message).toContain(text);
  expect(await countGraph(db)).toEqual(counts);
  const [record] = await db.read("MATCH (m:MergeRecord {id: $id}) RETURN m.status AS status", { id: recordId });
  expect(record).toEqual({ status: "merged" });
}
