/**
 * The layer of the zoom level in view, made and filled with every element's place in the queue in
 * slices, without a frame. prepareLayers used to ask for one frame to have the renderer's getLayers
 * do this (canvas-layers.ts): every element's bounds, a canvas of up to 4,000 × 4,000 pixels and
 * every element queued, in that one frame — with the z-sort and the frame's own work, the longest
 * task of a 20k first drawing (≈ 150–200 ms on a quiet machine). Here the same is done as
 * makeLayersInSlices does for a later level: the bounds, LAYER_SLICE_MS per task; the canvas, a task
 * of its own; the elements queued, LAYER_SLICE_MS per task; the layer joins its level only at the end.
 * The renderer then finds the level as its own getLayers would have left it (one layer, every
 * element in it queued), and the queue is drawn as before (drainQueue).
 *
 * Resolves "done" when the level's layer is in place with every element queued; "changed" when an
 * element changed meanwhile or `go()` stopped holding (nothing is left behind: the layer, if made,
 * is discarded without counting as a change); "unavailable" without the renderer's internals, for a
 * level the renderer does not layer (too large, zoomed in too far), or a level that already has a
 * layer — the caller then asks the renderer for a frame, as before.
 */
import type { Core } from "cytoscape";
import type { Box } from "./make-textures-in-slices.ts";
import {
  inside,
  LAYER_SLICE_MS,
  layeredCache,
  MAX_LAYER_AREA,
  MAX_LAYER_DIM,
  MAX_LEVEL,
  MAX_ZOOM,
  MIN_LEVEL,
  type Layer,
  type RendererEle,
} from "./make-layers-in-slices.ts";
import { yieldToPage } from "../yield-to-page.ts";

export type QueuedLevel = "done" | "changed" | "unavailable";

interface ZSortingRenderer {
  getCachedZSortedEles(): { nondrag?: RendererEle[] };
  getPixelRatio(): number;
}

export async function queueLevelInSlices(cy: Core, go: () => boolean = () => true, sliceMs = LAYER_SLICE_MS): Promise<QueuedLevel> {
  const cache = layeredCache(cy);
  const r = (cy as unknown as { renderer(): Partial<ZSortingRenderer> | undefined }).renderer();
  if (!cache || typeof r?.getCachedZSortedEles !== "function" || typeof r.getPixelRatio !== "function") return "unavailable";
  const eles = r.getCachedZSortedEles().nondrag;
  if (!Array.isArray(eles) || eles.length === 0) return "unavailable";
  const zoom = cy.zoom();
  const level = Math.max(MIN_LEVEL, Math.ceil(Math.log2(zoom * r.getPixelRatio())));
  if (zoom >= MAX_ZOOM || level > MAX_LEVEL) return "unavailable";
  cache.validateLayersElesOrdering(level, eles);
  if (cache.layersByLevel[level]?.some((l) => !l.invalid)) return "unavailable";
  const changedAt = cache.lastInvalidationTime;
  let layer: Layer | null = null;
  /** Whether to go on after a yield: nothing changed (no layer discarded), still wanted. */
  const going = () => go() && cache.lastInvalidationTime === changedAt && !layer?.invalid;
  const drop = (): QueuedLevel => {
    if (layer && !layer.invalid) {
      // (The renderer's invalidateLayer takes the layer out of its level's list, which must exist.)
      cache.layersByLevel[level] ??= [];
      cache.invalidateLayer(layer);
      cache.lastInvalidationTime = changedAt;
    }
    return "changed";
  };

  const bb: Box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, w: 0, h: 0 };
  for (let i = 0; i < eles.length;) {
    const end = performance.now() + sliceMs;
    for (; i < eles.length && performance.now() < end; i++) {
      const b = eles[i]!.boundingBox();
      if (b.x1 < bb.x1) bb.x1 = b.x1;
      if (b.y1 < bb.y1) bb.y1 = b.y1;
      if (b.x2 > bb.x2) bb.x2 = b.x2;
      if (b.y2 > bb.y2) bb.y2 = b.y2;
    }
    await yieldToPage();
    if (!going()) return "changed";
  }
  bb.w = bb.x2 - bb.x1;
  bb.h = bb.y2 - bb.y1;
  const scale = 2 ** level;
  const [w, h] = [Math.ceil(bb.w * scale), Math.ceil(bb.h * scale)];
  if (!(w > 0 && h > 0) || w > MAX_LAYER_DIM || h > MAX_LAYER_DIM || w * h > MAX_LAYER_AREA) return "unavailable";
  // The level's canvas: a task of its own.
  layer = cache.makeLayer(bb, level);
  await yieldToPage();
  if (!going()) return drop();
  for (let i = 0; i < eles.length;) {
    const end = performance.now() + sliceMs;
    for (; i < eles.length && performance.now() < end; i++) {
      const ele = eles[i]!;
      const caches = (ele._private.rscratch.imgLayerCaches ??= {});
      // In a layer of the level already, or moved since its bounds were taken: the renderer's frame.
      if (caches[level] || !inside(layer.bb, ele.boundingBox())) return drop();
      cache.queueLayer(layer, ele);
      layer.eles.push(ele);
      caches[level] = layer;
    }
    await yieldToPage();
    if (!going()) return drop();
  }
  // As the renderer's getLayers puts a level's first layer; one made meanwhile (no frame asked for
  // it) would hold the same elements: then this one is not needed.
  const layers = (cache.layersByLevel[level] ??= []);
  if (layers.some((l) => !l.invalid)) return drop();
  layers.unshift(layer);
  return "done";
}
