import { describe, expect, it } from "vitest";
import { joinFlows } from "../../../client/api/join-flows.ts";
import { fundingFlowsByReference, validate } from "../../../client/api/validate.ts";

const node = (id: string, type = "Organisation") => ({ id, type, name: id, kind: null, aliases: [], properties: {} });
const edge = (id: string, source: string, target: string) => ({ id, type: "FUNDS", source, target, citations: [], properties: {} });

/** A fundingFlows answer as the page gets it: flows by reference, the rest in full. */
function answer(flow: Record<string, unknown>) {
  return validate("fundingFlows", fundingFlowsByReference, {
    root: node("ministry:m", "Ministry"),
    direction: "FROM_FUNDER",
    funders: [node("ministry:m", "Ministry")],
    flows: [{ level: 2, amount: 5, currency: "EUR", amountKnown: true, status: null, startDate: null, endDate: null, ...flow }],
    totals: [],
    unknownAmounts: 0,
    recipients: [],
    subgraph: {
      nodes: [node("ministry:m", "Ministry"), node("cluster:c", "Cluster"), node("org:a")],
      edges: [edge("e:1", "ministry:m", "cluster:c"), edge("e:2", "org:a", "cluster:c")],
      truncated: false,
      omittedNodes: 0,
    },
  });
}

describe("fundingFlows' flows put back whole from the subgraph (join-flows.ts)", () => {
  it("puts each flow's edge, funder, recipient and stops back from the subgraph and the funders", () => {
    const joined = joinFlows(
      answer({
        edge: { id: "e:2", source: "org:a", target: "cluster:c" },
        funder: { id: "ministry:m" },
        recipient: { id: "org:a" },
        via: [{ id: "cluster:c" }],
      }),
    );
    expect(joined.flows[0]).toMatchObject({
      edge: { id: "e:2", type: "FUNDS", source: "org:a", target: "cluster:c" },
      funder: { id: "ministry:m", type: "Ministry", name: "ministry:m" },
      recipient: { id: "org:a", type: "Organisation" },
      via: [{ id: "cluster:c", type: "Cluster" }],
      amount: 5,
    });
  });

  it.each([
    [{ recipient: { id: "org:nobody" } }, "flows.0.recipient: org:nobody"],
    [{ via: [{ id: "cluster:c" }, { id: "project:x" }] }, "flows.0.via.1: project:x"],
    [{ edge: { id: "e:9", source: "org:a", target: "cluster:c" } }, "flows.0.edge: e:9"],
    // The same id with other ends is another relationship.
    [{ edge: { id: "e:2", source: "cluster:c", target: "org:a" } }, "flows.0.edge: e:2"],
  ])("refuses a reference the answer does not hold (%o) as a bad response", (wrong, where) => {
    const flow = {
      edge: { id: "e:2", source: "org:a", target: "cluster:c" },
      funder: { id: "ministry:m" },
      recipient: { id: "org:a" },
      via: [],
      ...wrong,
    };
    expect(() => joinFlows(answer(flow))).toThrow(
      expect.objectContaining({ code: "BAD_RESPONSE", message: expect.stringContaining(where) }),
    );
  });
});
