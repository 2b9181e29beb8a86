import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiError } from "../../../client/api/api-error.ts";
import * as v from "../../../client/api/validate.ts";
import { validateInSlices } from "../../../client/api/validate-in-slices.ts";
import { largeGraph } from "../../e2e/large-graph.ts";

/** A 20k-element neighbourhood response as the page receives it (parsed JSON). */
const response20k = () => {
  const g = largeGraph(20_000);
  return JSON.parse(JSON.stringify({ nodes: g.nodes, edges: g.edges, truncated: false, omittedNodes: 0 })) as {
    nodes: Record<string, unknown>[];
    edges: Record<string, unknown>[];
    truncated: unknown;
    omittedNodes: unknown;
  };
};

/** The message `validate` throws for `value`, or null. */
function syncMessage(operation: string, schema: Parameters<typeof v.validate>[1], value: unknown): string | null {
  try {
    v.validate(operation, schema, value);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("validateInSlices (a response checked in slices that yield to the page)", () => {
  it("rejects a non-object response with validate's ApiError at (root)", async () => {
    const err = await validateInSlices("neighbourhood", v.subgraph, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("BAD_RESPONSE");
    expect((err as ApiError).message).toBe(syncMessage("neighbourhood", v.subgraph, null));
    expect((err as ApiError).message).toMatch(/^api: neighbourhood: unexpected response at \(root\): /);
  });

  it("names the path of a bad element deep in a 20k-element response, as validate does", async () => {
    const res = response20k();
    res.edges[11_000]!.type = "NOT_A_TYPE";
    const err = await validateInSlices("neighbourhood", v.subgraph, res).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toMatch(/^api: neighbourhood: unexpected response at edges\.11000\.type: /);
    expect((err as ApiError).message).toBe(syncMessage("neighbourhood", v.subgraph, res));
  });

  it("reports the first wrong path in the schema's order when the small fields are wrong too", async () => {
    const res = response20k();
    res.nodes[7000]!.name = 5;
    res.truncated = "no";
    const err = (await validateInSlices("neighbourhood", v.subgraph, res).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/at nodes\.7000\.name: /);
    expect(err.message).toBe(syncMessage("neighbourhood", v.subgraph, res));
    res.nodes[7000]!.name = "fixed";
    const err2 = (await validateInSlices("neighbourhood", v.subgraph, res).catch((e: unknown) => e)) as ApiError;
    expect(err2.message).toMatch(/at truncated: /);
    expect(err2.message).toBe(syncMessage("neighbourhood", v.subgraph, res));
  });

  it("rejects a bad element nested in a funding-flows response with validate's path", async () => {
    const g = largeGraph(100);
    const flows = {
      root: g.nodes[0],
      direction: "FROM_FUNDER",
      funders: [g.nodes[0]],
      flows: [],
      totals: [],
      unknownAmounts: 0,
      recipients: [],
      subgraph: {
        nodes: g.nodes,
        edges: g.edges.map((e, i) => (i === 30 ? { ...e, amount: "lots" } : e)),
        truncated: false,
        omittedNodes: 0,
      },
    };
    const err = (await validateInSlices("fundingFlows", v.fundingFlows, flows).catch((e: unknown) => e)) as ApiError;
    expect(err.message).toMatch(/^api: fundingFlows: unexpected response at subgraph\.edges\.30\.amount: /);
    expect(err.message).toBe(syncMessage("fundingFlows", v.fundingFlows, flows));
  });

  it("gives exactly validate's result, absent and null fields filled in and unknown keys dropped", async () => {
    const res = response20k();
    delete res.nodes[3]!.kind;
    delete res.nodes[3]!.aliases;
    res.nodes[4]!.properties = null;
    delete res.edges[5]!.citations;
    res.edges[6]!.extra = "dropped";
    (res as Record<string, unknown>).extra = 1;
    const out = await validateInSlices("neighbourhood", v.subgraph, res);
    expect(out).toStrictEqual(v.validate("neighbourhood", v.subgraph, res));
    expect(Object.keys(out)).toEqual(["nodes", "edges", "truncated", "omittedNodes"]);
    expect(out.nodes[3]).toMatchObject({ kind: null, aliases: [] });
    expect(out.nodes[4]!.properties).toEqual({});
    expect(out.edges[5]!.citations).toEqual([]);
    expect(out.edges[6]).not.toHaveProperty("extra");
  });

  it("gives exactly validate's result for the stats and search responses", async () => {
    const g = largeGraph(50);
    const stats = {
      nodes: 20,
      relationships: 30,
      labels: [{ label: "Project", count: 3 }],
      relationshipTypes: [],
      mostConnected: g.nodes.map((node, i) => ({ node, degree: i })),
    };
    expect(await validateInSlices("stats", v.stats, stats)).toStrictEqual(v.validate("stats", v.stats, stats));
    const hits = g.nodes.map((node) => ({ node, score: 1, matched: "name" }));
    expect(await validateInSlices("search", v.searchHits, hits)).toStrictEqual(v.validate("search", v.searchHits, hits));
  });

  it("yields to the page between slices while it checks a 20k-element response (a timer runs meanwhile)", async () => {
    const res = response20k();
    let ticks = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      ticks++;
      setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    let yields = -1;
    // 2-ms slices: a slow or fast machine alike needs many of them for 20k elements.
    const out = await validateInSlices("neighbourhood", v.subgraph, res, { sliceMs: 2, onDone: (n) => (yields = n) });
    done = true;
    expect(out.nodes.length + out.edges.length).toBe(20_000);
    expect(yields).toBeGreaterThan(1);
    expect(ticks).toBeGreaterThan(1);
  });

  it("parses an object with a refinement of the whole, or a loose one, whole: the refinement sees every field, extra keys stay", async () => {
    const refined = z.object({ items: z.array(z.number()), total: z.number() }).refine((o) => o.items.length === o.total, {
      message: "total is not the number of items",
    });
    const bad = { items: [1, 2, 3], total: 2 };
    const err = await validateInSlices("stats", refined, bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(syncMessage("stats", refined, bad));
    expect((err as ApiError).message).toContain("total is not the number of items");
    const loose = z.looseObject({ items: z.array(z.number()) });
    expect(await validateInSlices("stats", loose, { items: [1], extra: "kept" })).toEqual({ items: [1], extra: "kept" });
  });
});
