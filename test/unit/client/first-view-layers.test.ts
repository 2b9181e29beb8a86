/**
 * How the first view of a graph comes into view on the canvas renderer (firstViewDrawing). Below
 * LAYERED_CACHE_MIN its frames are held while it is revealed out of view (the reveal styles its
 * elements in slices of its own), and the first frame in view draws the elements directly. Without
 * that, at 1k the longest task of the first drawing was a frame styling 500 elements (160–240 ms) or,
 * with the frames held, the first frame in view drawing every element into the layers at once (the
 * cache's first request). From LAYERS_FIRST_MIN the frames are held and the layers made before the
 * turn; between the two, neither. Against a stand-in for Cytoscape's canvas renderer (3.x), as far as
 * skipFirstLayerDrawing uses it.
 */
import { describe, expect, it } from "vitest";
import cytoscape, { type Core } from "cytoscape";
import { skipFirstLayerDrawing } from "../../../client/graph/canvas-layers.ts";
import { firstViewDrawing, LAYERED_CACHE_MIN, LAYERS_FIRST_MIN } from "../../../client/graph/create-graph-view.ts";

/** Headless Cytoscape whose renderer() is `r`. */
function withRenderer(r: unknown): Core {
  const cy = cytoscape({ headless: true });
  (cy as unknown as { renderer(): unknown }).renderer = () => r;
  return cy;
}

describe("the first view's layered cache", () => {
  it("holds the reveal's frames and draws the first frame directly below LAYERED_CACHE_MIN (1k)", () => {
    expect(LAYERED_CACHE_MIN).toBeGreaterThan(1000);
    expect(firstViewDrawing(1000)).toEqual({ hold: true, layersFirst: false, drawDirectly: true });
    expect(firstViewDrawing(LAYERED_CACHE_MIN - 1)).toEqual({ hold: true, layersFirst: false, drawDirectly: true });
  });

  it("leaves the middle sizes (5k) as they were: no hold, the first frame asks for layers", () => {
    expect(firstViewDrawing(LAYERED_CACHE_MIN)).toEqual({ hold: false, layersFirst: false, drawDirectly: false });
    expect(firstViewDrawing(5000)).toEqual({ hold: false, layersFirst: false, drawDirectly: false });
  });

  it("holds the reveal's frames and makes the layers before the turn from LAYERS_FIRST_MIN (20k)", () => {
    expect(firstViewDrawing(LAYERS_FIRST_MIN)).toEqual({ hold: true, layersFirst: true, drawDirectly: false });
    expect(firstViewDrawing(20_000)).toEqual({ hold: true, layersFirst: true, drawDirectly: false });
  });

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
