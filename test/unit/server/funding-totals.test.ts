import { describe, expect, it } from "vitest";
import { largest, ranked, recipientGroups, totals } from "../../../server/graphql/resolvers/funding-totals.ts";
import type { GraphNode } from "../../../server/graphql/to-graph.ts";

const node = (id: string, name = id): GraphNode => ({ id, type: "Organisation", name, kind: null, aliases: [], properties: {} });

describe("funding totals", () => {
  it("sums known amounts per currency and status in the order they first appear, to the cent, and counts unknown ones apart", () => {
    const t = totals([
      { amount: 0.1, currency: "EUR", status: "committed" },
      { amount: null, currency: "EUR", status: "committed" },
      { amount: 5, currency: "USD", status: null },
      { amount: 0.2, currency: "EUR", status: "committed" },
    ]);
    expect(t).toEqual({
      totals: [
        { currency: "EUR", status: "committed", amount: 0.3, count: 2 },
        { currency: "USD", status: "unknown", amount: 5, count: 1 },
      ],
      unknownAmounts: 1,
    });
  });

  it('keeps no currency apart from the text "null", and a missing status apart from the text "null" or a joined key', () => {
    const t = totals([
      { amount: 1, currency: null, status: "committed" },
      { amount: 2, currency: "null", status: "committed" },
      { amount: 4, currency: "EUR", status: null },
      { amount: 8, currency: "EUR", status: "null" },
      { amount: 16, currency: "a|b", status: "c" },
      { amount: 32, currency: "a", status: "b|c" },
    ]);
    expect(t.totals.map((x) => [x.currency, x.status, x.amount])).toEqual([
      ["?", "committed", 1],
      ["null", "committed", 2],
      ["EUR", "unknown", 4],
      ["EUR", "null", 8],
      ["a|b", "c", 16],
      ["a", "b|c", 32],
    ]);
  });

  it('groups recipients per currency of a known amount, with no currency, the text "null", the text "" and unknown amounts apart', () => {
    const groups = recipientGroups({
      recipientIds: ["r", "r", "r", "r", "r", "s"],
      amounts: [10, 20, 1, NaN, 5, 3],
      currencies: ["null", null, "", null, null, "EUR"],
    });
    expect(groups.map((g) => [g.id, g.currency, g.amount, g.flows, g.unknownAmounts])).toEqual([
      ["r", "null", 10, 1, 0],
      ["r", null, 25, 2, 0],
      ["r", "", 1, 1, 0],
      ["r", null, null, 1, 1],
      ["s", "EUR", 3, 1, 0],
    ]);
  });

  it("ranks the largest by amount (unknown last), then by name as people read it, then by first appearance, ties at the limit kept", () => {
    const groups = recipientGroups({
      recipientIds: ["a", "b", "c", "d", "e"],
      amounts: [5, NaN, 7, 5, 5],
      currencies: ["EUR", null, "EUR", "EUR", "EUR"],
    });
    const names: Record<string, string> = { a: "beta", b: "alpha", c: "gamma", d: "Beta", e: "alpha" };
    const candidates = largest(groups, 2);
    expect(candidates.map((g) => g.id)).toEqual(["a", "c", "d", "e"]);
    const top = ranked(candidates, (id) => node(id, names[id]), 3);
    const betas = ["beta", "Beta"].sort((x, y) => x.localeCompare(y)).map((n) => (n === "beta" ? "a" : "d"));
    expect(top.map((x) => x.recipient.id)).toEqual(["c", "e", betas[0]]);
    expect(ranked(groups, (id) => node(id, names[id]), 5).at(-1)).toMatchObject({
      recipient: { id: "b" },
      amount: null,
      unknownAmounts: 1,
    });
  });
});
