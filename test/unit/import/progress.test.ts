/**
 * The importer's progress (seed/import/progress.ts): plain lines for logs, a bar on a terminal, a line
 * of its own for a step without rows, and rows per second counted from the first row phase.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Progress } from "../../../seed/import/progress.ts";

function stream(isTTY: boolean): { isTTY: boolean; text: string[]; write: (t: string) => void } {
  const text: string[] = [];
  return { isTTY, text, write: (t) => void text.push(t) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("import progress", () => {
  it("writes plain lines off a terminal: each step, each phase's start, then a line every few seconds", () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(false);
    const p = new Progress(out, 2000);
    p.note("planning 3 nodes and 2 relationships against the graph");
    p.start("nodes", 3);
    p.tick(1);
    vi.advanceTimersByTime(2500);
    p.tick(2);
    p.start("relationships", 2);
    expect(out.text).toEqual([
      "import: planning 3 nodes and 2 relationships against the graph\n",
      "import: 0/3 rows (0 rows/s) nodes\n",
      "import: 3/3 rows (1 rows/s) nodes\n",
      "import: 3/5 rows (1 rows/s) relationships\n",
    ]);
  });

  it("on a terminal, redraws one bar and puts a step's line in its place", () => {
    vi.useFakeTimers({ now: 0 });
    const out = stream(true);
    const p = new Progress(out);
    p.start("nodes", 4);
    vi.advanceTimersByTime(1000);
    p.tick(2);
    p.note("a step");
    p.finish();
    expect(out.text[1]).toBe(`\r\x1b[2K[${"#".repeat(15)}${" ".repeat(15)}] 50% 2/4 rows (2 rows/s) nodes`);
    expect(out.text[2]).toBe("\r\x1b[2Kimport: a step\n");
    expect(out.text.at(-1)).toBe("\n");
  });

  it("counts rows per second from the first row phase, not from the planning before it", () => {
    vi.useFakeTimers({ now: 0 });
    const p = new Progress(undefined);
    expect(p.rowsPerSecond).toBe(0);
    vi.advanceTimersByTime(60_000); // planning
    p.start("nodes", 100);
    vi.advanceTimersByTime(2000);
    p.tick(100);
    expect(p.rowsPerSecond).toBe(50);
  });
});
