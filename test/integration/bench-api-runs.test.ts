import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/run-cli.ts";

// The benches are code that changes with the queries they measure: `npm run bench:api` once stopped at its
// own PROFILE of a named query whose parameters had changed, and no test noticed. This runs it end to end
// on a small generated graph, a few runs a query. No figure is judged here (speed lives in the benches);
// only that every table is printed, with a number in each figure's place.
const QUERIES = [
  "lookup by id",
  "page of 50 (filter + sort)",
  "neighbourhood depth 2 (largest cluster)",
  "neighbourhood depth 2 (small organisation)",
  "shortestPaths",
  "shortestPaths to the hub",
  "fundingFlows (Land, depth 2)",
  "stats",
];

const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("npm run bench:api", () => {
  it("runs end to end at 2k relationships and prints a row for every query and every PROFILE", async () => {
    const run = await runCli("test/bench/api-latency.ts", [], { SCALES: "2k", ITER: "2", SLOW_ITER: "2", FAST_ITER: "3" }, 280_000);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    const number = String.raw`-?[\d.,]+`;
    for (const q of QUERIES) {
      // GraphQL median and p95, driver median and p95, then GraphQL ÷ driver.
      expect(run.stdout).toMatch(
        new RegExp(String.raw`\| 2,000 \| ${escaped(q)} \| ${number} \| ${number} \| ${number} \| ${number} \| ${number}× \|`),
      );
    }
    expect(run.stdout).toMatch(/\| 2,000 \| lookup by id \| \d+ \| \d+ \| none \| none \|/);
    expect(run.stdout).toMatch(
      /\| 2,000 \| neighbourhood depth 1 \(named query neighbours: the level and its edges\) \| — \| \d+ \| — \| none \|/,
    );
  }, 300_000);
});
