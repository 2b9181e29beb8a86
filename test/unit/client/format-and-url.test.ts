import { describe, expect, it } from "vitest";
import { formatMoney, formatMoneyFull, formatMoneyShort } from "../../../client/graph/format-money.ts";
import { DEFAULT_STATE, formatUrlState, parseUrlState } from "../../../client/state/url-state.ts";
import { toCsvExport } from "../../../client/graph/export-view.ts";

describe("German money formatting", () => {
  it("says unbekannt for an unknown amount, never 0", () => {
    expect(formatMoney(null, "EUR")).toBe("unbekannt");
    expect(formatMoneyShort(undefined)).toBe("unbekannt");
  });

  it("writes millions short and in full with German separators", () => {
    expect(formatMoneyShort(15_000_000, "EUR")).toBe("15 Mio. €");
    expect(formatMoneyFull(15_000_000, "EUR")).toBe("15.000.000 €");
    expect(formatMoneyShort(2_500_000, "EUR")).toBe("2,5 Mio. €");
    expect(formatMoney(53_000_000, "EUR")).toBe("53 Mio. € (53.000.000 €)");
    expect(formatMoney(1200, "USD")).toBe("1.200 $");
  });
});

describe("the URL state", () => {
  it("ignores unknown modes and sizes", () => {
    expect(parseUrlState("#mode=weird&size=huge")).toEqual(DEFAULT_STATE);
  });

  it("ignores an unknown flow view and a neighbour limit out of range", () => {
    expect(parseUrlState("#mode=funding&root=x&view=pie&nlimit=0")).toEqual({ ...DEFAULT_STATE, mode: "funding", root: "x" });
    expect(parseUrlState("#nlimit=2.5").nlimit).toBe(DEFAULT_STATE.nlimit);
  });

  it("round-trips the Sankey view of a funding trace and the neighbour limit", () => {
    const s = { ...DEFAULT_STATE, mode: "funding" as const, root: "ministry:land-nrw", view: "sankey" as const, nlimit: 5 };
    expect(formatUrlState(s)).toBe("#mode=funding&root=ministry%3Aland-nrw&dir=funder&view=sankey&nlimit=5");
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
  });

  it("round-trips selection, filters and the funding mode", () => {
    const s = {
      ...DEFAULT_STATE,
      sel: "org:aurubis",
      hide: ["Topic", "Place"],
      from: "2019",
      to: "2020-06",
      mode: "funding" as const,
      root: "ministry:land-nrw",
    };
    expect(parseUrlState(formatUrlState(s))).toEqual(s);
  });
});

describe("the CSV export", () => {
  it("quotes cells with commas and quotes", () => {
    const csv = toCsvExport({
      nodes: [{ id: "org:x", type: "Organisation", name: 'A, "B"', kind: null, aliases: [], properties: {} }],
      edges: [],
    });
    expect(csv.split("\n")[1]).toBe('org:x,Organisation,"A, ""B""",,');
  });
});
