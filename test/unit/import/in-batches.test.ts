/**
 * inBatches (seed/import/write-import.ts): the importer's batches, several under way at once for new
 * nodes. Batches start in order, never more than `inFlight` at a time; after a failure none starts,
 * the ones under way are awaited, and the first failure is what the caller gets.
 */
import { describe, expect, it } from "vitest";
import { inBatches } from "../../../seed/import/write-import.ts";

interface Held {
  rows: number[];
  settle: (error?: Error) => void;
}

/** A work function whose batches stay under way until the test settles them. */
function heldWork(): { work: (rows: number[]) => Promise<void>; held: Held[]; running: () => number } {
  const held: Held[] = [];
  let running = 0;
  const work = (rows: number[]): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      running++;
      held.push({
        rows,
        settle: (error) => {
          running--;
          if (error) reject(error);
          else resolve();
        },
      });
    });
  return { work, held, running: () => running };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("inBatches", () => {
  it("starts the batches in order, at most inFlight at a time, and ticks the progress once per batch written", async () => {
    const { work, held, running } = heldWork();
    const ticks: number[] = [];
    const progress = { tick: (n: number) => ticks.push(n) } as unknown as Parameters<typeof inBatches>[1]["progress"];
    const done = inBatches([1, 2, 3, 4, 5], { batchSize: 2, progress }, work, 2);
    await tick();
    expect(held.map((h) => h.rows)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(running()).toBe(2);
    held[1]!.settle();
    await tick();
    expect(held.map((h) => h.rows)).toEqual([[1, 2], [3, 4], [5]]);
    expect(running()).toBe(2);
    held[0]!.settle();
    held[2]!.settle();
    await done;
    expect(ticks).toEqual([2, 2, 1]);
  });

  it("one at a time by default", async () => {
    const { work, held } = heldWork();
    const done = inBatches([1, 2, 3], { batchSize: 1 }, work);
    for (let i = 0; i < 3; i++) {
      await tick();
      expect(held.length).toBe(i + 1);
      held[i]!.settle();
    }
    await done;
  });

  it("after a failure starts no batch, waits for the one under way, and throws the first failure", async () => {
    const { work, held, running } = heldWork();
    let settled = false;
    const done = inBatches([1, 2, 3, 4, 5, 6], { batchSize: 1 }, work, 2).then(
      () => (settled = true),
      (e: unknown) => {
        settled = true;
        return e;
      },
    );
    await tick();
    held[1]!.settle(new Error("batch 2 refused"));
    await tick();
    expect(settled).toBe(false); // batch 1 is still under way
    expect(running()).toBe(1);
    held[0]!.settle();
    const error = await done;
    expect((error as Error).message).toBe("batch 2 refused");
    expect(held.map((h) => h.rows)).toEqual([[1], [2]]);
  });

  it("throws the first failure when two batches under way fail", async () => {
    const { work, held } = heldWork();
    const done = inBatches([1, 2, 3], { batchSize: 1 }, work, 2).catch((e: unknown) => e);
    await tick();
    held[0]!.settle(new Error("first"));
    await tick();
    held[1]!.settle(new Error("second"));
    expect(((await done) as Error).message).toBe("first");
    expect(held.length).toBe(2);
  });
});
