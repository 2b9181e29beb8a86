import { describe, expect, it } from "vitest";
import { readSeed } from "../../../seed/read-seed.ts";
import { validateSeed, type SeedFiles } from "../../../seed/validate-seed.ts";
import { SEED_DIR } from "../../helpers/paths.ts";

const source = { id: "s1", label: "Source", name: "Text one" };
const org = { id: "org:a", label: "Organisation", name: "A GmbH", aliases: ["A"], kind: "company", sources: ["s1"] };
const cluster = { id: "cluster:c", label: "Cluster", name: "C", sources: ["s1"] };
const edge = {
  id: "e:a-member-of-c",
  type: "MEMBER_OF",
  from: "org:a",
  to: "cluster:c",
  role: "founding member",
  sources: [{ source: "s1", evidence: "A gründet C." }],
};

function files(over: { sources?: unknown; nodes?: unknown; edges?: unknown } = {}): SeedFiles {
  return {
    sources: { file: "sources.json", data: over.sources ?? [source] },
    nodes: { file: "nodes.json", data: over.nodes ?? [org, cluster] },
    edges: { file: "edges.json", data: over.edges ?? [edge] },
    texts: new Map([["s1", "Heute: A  gründet\nC. Sonst nichts."]]),
  };
}

describe("seed validation", () => {
  it("rejects a node without an id, naming file, record and field", () => {
    const { errors } = validateSeed(files({ nodes: [{ ...org, id: undefined }, cluster] }));
    expect(errors).toContainEqual(expect.stringMatching(/record #0 in nodes\.json, field "id"/));
  });

  it("rejects an edge to an unknown node, naming the edge, its type and the missing id", () => {
    const { errors } = validateSeed(files({ edges: [{ ...edge, to: "org:x" }] }));
    expect(errors).toEqual(['seed: edge "e:a-member-of-c" (MEMBER_OF) in edges.json, field "to": points at unknown node "org:x"']);
  });

  it("rejects an unknown label and an unknown relationship type", () => {
    const { errors } = validateSeed(files({ nodes: [{ ...org, label: "Company" }, cluster], edges: [{ ...edge, type: "LIKES" }] }));
    expect(errors.some((e) => e.includes('record "org:a" in nodes.json, field "label"'))).toBe(true);
    expect(errors.some((e) => e.includes('record "e:a-member-of-c" in edges.json, field "type"'))).toBe(true);
  });

  it("rejects a malformed date and a negative or textual amount", () => {
    const { errors } = validateSeed(
      files({
        edges: [
          { ...edge, startDate: "26.06.2019" },
          { ...edge, id: "e:f", type: "FUNDS", amount: "15 Mio", currency: "EUR", status: "committed" },
        ],
      }),
    );
    expect(errors.some((e) => e.includes('field "startDate"') && e.includes("partial ISO date"))).toBe(true);
    expect(errors.some((e) => e.includes('record "e:f"') && e.includes('field "amount"'))).toBe(true);
  });

  it("rejects an amount without currency and funding without status", () => {
    const { errors } = validateSeed(files({ edges: [{ ...edge, type: "FUNDS", amount: 5 }] }));
    expect(errors.some((e) => e.includes('field "currency"'))).toBe(true);
    expect(errors.some((e) => e.includes('field "status"'))).toBe(true);
  });

  it("rejects a quote that does not stand in the cited source", () => {
    const { errors } = validateSeed(files({ edges: [{ ...edge, sources: [{ source: "s1", evidence: "B gründet C." }] }] }));
    expect(errors).toEqual([expect.stringContaining('field "sources.0.evidence": the quote is not in source "s1"')]);
  });

  it("rejects duplicate ids and organisations without a known kind", () => {
    const { errors } = validateSeed(files({ nodes: [org, { ...org }, { ...org, id: "org:b", kind: "startup" }, cluster] }));
    expect(errors.some((e) => e.includes('node "org:a" in nodes.json is defined twice'))).toBe(true);
    expect(errors.some((e) => e.includes('unknown organisation kind "startup"'))).toBe(true);
  });

  it("accepts a small valid graph, matching quotes across line breaks and double spaces", () => {
    expect(validateSeed(files()).errors).toEqual([]);
  });

  it("accepts the curated seed graph of the five sources", async () => {
    const { graph, errors } = validateSeed(await readSeed(SEED_DIR));
    expect(errors).toEqual([]);
    expect(graph.sources).toHaveLength(5);
    expect(graph.nodes.length).toBeGreaterThan(80);
    expect(graph.edges.length).toBeGreaterThan(100);
  });
});
