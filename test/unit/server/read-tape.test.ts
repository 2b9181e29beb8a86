import { describe, expect, it } from "vitest";
import { int, type Params } from "../../../server/db/database.ts";
import { ReadTape } from "../../../server/db/read-tape.ts";

/** A read that counts its runs and answers with its statement and parameters, or fails when asked to. */
function fakeRead() {
  const runs: string[] = [];
  const run = (query: string, params: Params): Promise<string> => {
    runs.push(query);
    return query === "fail" ? Promise.reject(new Error("no such statement")) : Promise.resolve(`${query} ${JSON.stringify(params)}`);
  };
  return { runs, run };
}

describe("ReadTape", () => {
  it("refuses to run a read once stopped: the first run's answer is no longer wanted", async () => {
    const { runs, run } = fakeRead();
    const tape = new ReadTape();
    expect(tape.stop()).toBe(false);
    await expect(tape.record("MATCH (n) RETURN n", {}, run)).rejects.toThrow(/read tape: stopped/);
    expect(runs).toEqual([]);
  });

  it("replays each recorded read once, by statement and equal parameters, failures too", async () => {
    const { runs, run } = fakeRead();
    const tape = new ReadTape();
    const first = await tape.record("A", { id: "x", limit: int(5), ids: ["a", "b"] }, run);
    await tape.record("A", { id: "x", limit: int(5), ids: ["a", "b"] }, run);
    await expect(tape.record("fail", {}, run)).rejects.toThrow("no such statement");
    expect(tape.stop()).toBe(true);
    expect(runs).toEqual(["A", "A", "fail"]);

    // Other parameters (an Integer is not a number) and other statements run; the rest comes from the tape.
    await tape.replay("A", { id: "x", limit: 5, ids: ["a", "b"] }, run);
    await tape.replay("B", { id: "x", limit: int(5), ids: ["a", "b"] }, run);
    expect(runs).toEqual(["A", "A", "fail", "A", "B"]);
    expect(await tape.replay("A", { id: "x", limit: int(5), ids: ["a", "b"] }, run)).toBe(first);
    await expect(tape.replay("fail", {}, run)).rejects.toThrow("no such statement");
    expect(runs).toEqual(["A", "A", "fail", "A", "B"]);
    await tape.replay("A", { id: "x", limit: int(5), ids: ["a", "b"] }, run);
    await tape.replay("A", { id: "x", limit: int(5), ids: ["a", "b"] }, run);
    await tape.replay("fail", {}, run).catch(() => undefined);
    expect(runs).toEqual(["A", "A", "fail", "A", "B", "A", "fail"]);
  });

  it("hands a read still running to the replay, which waits for the same outcome", async () => {
    let finish!: (value: string) => void;
    let started = 0;
    const tape = new ReadTape();
    const slow = () => {
      started++;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const recorded = tape.record("S", {}, slow);
    tape.stop();
    const replayed = tape.replay("S", {}, slow);
    finish("rows");
    expect(await Promise.all([recorded, replayed])).toEqual(["rows", "rows"]);
    expect(started).toBe(1);
  });
});
