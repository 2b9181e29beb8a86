import { describe, expect, it } from "vitest";
import cytoscape from "cytoscape";
import type { GraphEdge, GraphNode } from "../../../client/api/types.ts";
import { toElements, MIN_SIZE, MAX_SIZE } from "../../../client/graph/to-elements.ts";
import { stylesheet } from "../../../client/graph/stylesheet.ts";
import { edge, node } from "./graph-fixtures.ts";

const data = {
  nodes: [
    node("ministry:mwide", "Ministry", "ministry"),
    node("cluster:spin", "Cluster"),
    node("org:steag", "Organisation", "utility"),
    node("cluster:smart-value", "Cluster"),
  ],
  edges: [
    edge("e1", "FUNDS", "ministry:mwide", "cluster:spin", { amount: 15_000_000, currency: "EUR", status: "committed" }),
    edge("e2", "FUNDS", "ministry:mwide", "cluster:smart-value", { status: "intended" }),
    edge("e3", "MEMBER_OF", "org:steag", "cluster:spin", { role: "member" }),
  ],
};

describe("toElements", () => {
  it("drops edges whose end is not among the nodes", () => {
    const els = toElements({ nodes: data.nodes, edges: [...data.edges, edge("dangling", "MEMBER_OF", "org:steag", "org:unknown")] });
    expect(els.filter((e) => e.group === "edges").map((e) => e.data.id)).toEqual(["e1", "e2", "e3"]);
  });

  it("maps an empty graph to no elements", () => {
    expect(toElements({ nodes: [], edges: [] })).toEqual([]);
  });

  it("classes nodes by type and organisation kind and marks funders", () => {
    const byId = new Map(toElements(data).map((e) => [e.data.id, e]));
    expect(byId.get("org:steag")?.classes).toBe("Organisation kind-utility");
    expect(byId.get("ministry:mwide")?.classes).toContain("funder");
    expect(byId.get("cluster:spin")?.classes).toBe("Cluster");
  });

  it("sizes nodes by connections and by funding received", () => {
    const byId = new Map(toElements(data).map((e) => [e.data.id, e.data]));
    expect(byId.get("ministry:mwide")?.sizeDegree).toBe(MAX_SIZE);
    expect(byId.get("cluster:spin")?.sizeFunding).toBe(MAX_SIZE);
    expect(byId.get("cluster:smart-value")?.sizeFunding).toBe(MIN_SIZE);
    expect(byId.get("cluster:spin")?.fundingReceived).toBe(15_000_000);
  });

  it("labels FUNDS edges with the German amount and marks unknown amounts and the status", () => {
    const byId = new Map(toElements(data).map((e) => [e.data.id, e]));
    expect(byId.get("e1")?.data.label).toBe("15 Mio. €");
    expect(byId.get("e2")?.data.label).toBe("unbekannt");
    expect(byId.get("e2")?.classes).toBe("FUNDS status-intended amount-unknown");
    expect(byId.get("e3")?.data.label).toBe("member");
    expect(byId.get("e1")!.data.width).toBeGreaterThan(byId.get("e2")!.data.width as number);
  });

  it("keeps the API object on each element for the details panel", () => {
    const e1 = toElements(data).find((e) => e.data.id === "e1");
    expect(e1?.data.entity).toBe(data.edges[0]);
  });
});

describe("the stylesheet", () => {
  const cy = () => cytoscape({ headless: true, styleEnabled: true, elements: toElements(data), style: stylesheet });

  it("loads into Cytoscape without unknown properties", () => {
    const c = cy();
    expect(c.nodes().length).toBe(4);
    expect(c.getElementById("ministry:mwide").style("shape")).toBe("star");
  });

  it("draws types with their own shape and organisation kinds with their own colour", () => {
    const c = cy();
    expect(c.getElementById("cluster:spin").style("shape")).toBe("hexagon");
    expect(c.getElementById("org:steag").style("background-color")).toBe("rgb(230,171,2)");
  });

  it("dashes intended funding and draws committed funding solid", () => {
    const c = cy();
    expect(c.getElementById("e2").style("line-style")).toBe("dashed");
    expect(c.getElementById("e1").style("line-style")).toBe("solid");
  });

  it("hides elements by filter classes and sizes by funding on request", () => {
    const c = cy();
    c.getElementById("org:steag").addClass("hidden-type");
    expect(c.getElementById("org:steag").style("display")).toBe("none");
    c.getElementById("cluster:spin").addClass("size-funding");
    expect(c.getElementById("cluster:spin").style("width")).toBe(`${MAX_SIZE}px`);
  });
});
