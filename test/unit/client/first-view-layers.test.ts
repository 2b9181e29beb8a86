/**
 * The first frame in view of a first view below LAYERED_CACHE_MIN draws its elements directly
 * (skipFirstLayerDrawing): its frames were held while it was revealed, so that frame would otherwise
 * be the layered cache's first request, which draws every element into new layers at once. Against
 * a stand-in for Cytoscape's canvas renderer (3.x), as far as skipFirstLayerDrawing uses it.
 */
import { describe, expect, it } from "vitest";
import cytoscape, { type Core } from "cytoscape";
import { skipFirstLayerDrawing } from "../../../client/graph/canvas-layers.ts";

/** Headless Cytoscape whose renderer() is `r`. */
function withRenderer(r: unknown): Core {
  const cy = cytoscape({ headless: true });
  (cy as unknown as { renderer(): unknown }).renderer = () => r;
  return cy;
}

describe("the first frame of a first view below LAYERED_CACHE_MIN", () => {
  it("is left untouched by skipFirstLayerDrawing without the renderer's internals", () => {
    expect(skipFirstLayerDrawing(withRenderer(undefined))).toBe(false);
    const cache = { firstGet: "yes" };
    expect(skipFirstLayerDrawing(withRenderer({ data: { lyrTxrCache: cache } }))).toBe(false);
    expect(cache.firstGet).toBe("yes");
  });

  it("does not draw every element at once on its first request after skipFirstLayerDrawing", () => {
    const cache = { firstGet: true };
    const cy = withRenderer({ data: { lyrTxrCache: cache } });
    expect(skipFirstLayerDrawing(cy)).toBe(true);
    expect(cache.firstGet).toBe(false);
    // Idempotent.
    expect(skipFirstLayerDrawing(cy)).toBe(true);
    expect(cache.firstGet).toBe(false);
  });
});
