import { describe, expect, it } from "vitest";
import { generateEcosystem } from "../../../test/bench/generate/generate-ecosystem.ts";
import { edgeRecord } from "../../../seed/validate-seed.ts";

describe("the benchmark generator's relationship ids", () => {
  it("never give one id to different relationships, within a graph or across scales (node ids are shared by design)", () => {
    const relationshipOf = new Map<string, string>();
    for (const relationships of [2_000, 12_000]) {
      const { edges } = generateEcosystem({ relationships, seed: 1 });
      expect(new Set(edges.map((e) => e.id)).size).toBe(edges.length);
      for (const e of edges) {
        const key = `${e.type} ${e.from} → ${e.to}`;
        const seen = relationshipOf.get(e.id);
        if (seen !== undefined) expect(seen, e.id).toBe(key);
        else relationshipOf.set(e.id, key);
      }
    }
  });

  it("are valid seed-format edge ids", () => {
    const { edges } = generateEcosystem({ relationships: 1_000, seed: 1 });
    for (const e of edges.slice(0, 200)) expect(edgeRecord.safeParse(e).success, e.id).toBe(true);
  });
});
