/**
 * Cytoscape's canvas renderer (3.x) makes the layer of a zoom level in the first frame that asks
 * for a level without one (getLayers): the bounding box of every element (twice: their union, then
 * each one's fit in it), a canvas of up to 4,000 × 4,000 pixels, and every element queued for
 * drawing into it. At 20k elements that is one task of 100–180 ms of CPU here: the frame of the
 * details panel's zoom to 1.2 that passes zoom 1, and the Escape after it (drawStatesOnTop's
 * settle discards that level's layer, built without the highlighted elements, and asks for a new one).
 *
 * makeLayersInSlices makes such a layer in steps of their own instead, LAYER_SLICE_MS per task:
 * the elements' bounds; the canvas; the elements queued. The layer joins its level only once all
 * are queued, so a frame meanwhile never sees half a level; until then frames are answered with a
 * complete level of another zoom, as the renderer answers for a level it is still drawing. Without
 * such a level, shortly after a change (the renderer then draws directly anyway), for a level too
 * large for a layer, or once anything the job depends on changes, the renderer's own getLayers
 * answers, as before. The renderer (frames) and keepLayers draw the queued elements as they do for
 * a level the renderer queued. What users see is what they saw before: the same layers, the stand-in
 * level shown a few frames longer. Uses the renderer's internals, checked before use; without them
 * it does nothing. Returns a function that stops it.
 */
import type { Core } from "cytoscape";
import type { Box } from "./make-textures-in-slices.ts";
import { yieldToPage } from "../yield-to-page.ts";

export interface RendererEle {
  boundingBox(): Box;
  _private: { rscratch: { imgLayerCaches?: Record<number, Layer | null | undefined> } };
}

export interface Layer {
  eles: RendererEle[];
  bb: Box;
  level: number;
  invalid?: boolean;
}

/** The parts of the renderer's layered cache (3.x) used here. */
export interface LayeredCache {
  layersByLevel: Record<number, Layer[] | undefined>;
  /** The first answer draws the elements at once (prepareLayers relies on it): left to the renderer. */
  firstGet: boolean;
  /** Set before each frame: the level counts as recently changed (the renderer then draws directly). */
  skipping: boolean;
  lastInvalidationTime: number;
  getLayers(eles: RendererEle[], pxRatio: number, lvl?: number): Layer[] | null;
  makeLayer(bb: Box, lvl: number): Layer;
  queueLayer(layer: Layer, ele: RendererEle): void;
  invalidateLayer(layer: Layer): void;
  levelIsComplete(lvl: number, eles: RendererEle[]): boolean;
  validateLayersElesOrdering(lvl: number, eles: RendererEle[]): void;
}

/** The layered cache's levels and limits (3.x). */
export const MIN_LEVEL = -4;
export const MAX_LEVEL = 2;
export const MAX_ZOOM = 3.99;
export const MAX_LAYER_DIM = 32767;
export const MAX_LAYER_AREA = 4000 * 4000;

/** Work per task; frames and input get their turn in between. */
export const LAYER_SLICE_MS = 12;

export function layeredCache(cy: Core): LayeredCache | null {
  const r = (cy as unknown as { renderer(): { data?: { lyrTxrCache?: Partial<LayeredCache> } } | undefined }).renderer();
  const c = r?.data?.lyrTxrCache;
  if (!c || typeof c.layersByLevel !== "object" || c.layersByLevel === null) return null;
  if (typeof c.firstGet !== "boolean" || typeof c.skipping !== "boolean" || typeof c.lastInvalidationTime !== "number") return null;
  for (const f of ["getLayers", "makeLayer", "queueLayer", "invalidateLayer", "levelIsComplete", "validateLayersElesOrdering"] as const)
    if (typeof c[f] !== "function") return null;
  return c as LayeredCache;
}

export const inside = (outer: Box, b: Box) => b.x1 >= outer.x1 && b.x2 <= outer.x2 && b.y1 >= outer.y1 && b.y2 <= outer.y2;

/** A level's layer in the making: for these elements (the renderer's drawing order), at `step`. */
interface Job {
  level: number;
  eles: RendererEle[];
  step: "bounds" | "canvas" | "queue";
  cursor: number;
  bb: Box;
  layer: Layer | null;
}

export function makeLayersInSlices(cy: Core, sliceMs = LAYER_SLICE_MS): () => void {
  const cache = layeredCache(cy);
  if (!cache) return () => undefined;
  let job: Job | null = null;
  let running = false;
  /** A level found too large for a layer, for these elements: left to the renderer until they change. */
  let tooLarge: { level: number; eles: RendererEle[]; since: number } | null = null;
  let stopped = false;

  /** The renderer's stand-in for a level it is drawing: the nearest complete level above, else below. */
  const standIn = (level: number, eles: RendererEle[]): Layer[] | null => {
    for (const dir of [1, -1])
      for (let l = level + dir; l >= MIN_LEVEL && l <= MAX_LEVEL; l += dir) {
        cache.validateLayersElesOrdering(l, eles);
        if (cache.levelIsComplete(l, eles)) return cache.layersByLevel[l]!;
      }
    return null;
  };

  /** Gives the job up; a layer it made (never in its level) is discarded without counting as a change. */
  const drop = (j: Job) => {
    if (job === j) job = null;
    if (j.layer && !j.layer.invalid) {
      const changedAt = cache.lastInvalidationTime;
      // (The renderer's invalidateLayer takes the layer out of its level's list, which must exist.)
      cache.layersByLevel[j.level] ??= [];
      cache.invalidateLayer(j.layer);
      cache.lastInvalidationTime = changedAt;
    }
  };

  /** One task's share of the job; false once it ended (done or dropped). */
  const step = (j: Job): boolean => {
    const end = performance.now() + sliceMs;
    if (j.step === "bounds") {
      const bb = j.bb;
      while (j.cursor < j.eles.length && performance.now() < end) {
        const b = j.eles[j.cursor++]!.boundingBox();
        if (b.x1 < bb.x1) bb.x1 = b.x1;
        if (b.y1 < bb.y1) bb.y1 = b.y1;
        if (b.x2 > bb.x2) bb.x2 = b.x2;
        if (b.y2 > bb.y2) bb.y2 = b.y2;
      }
      if (j.cursor < j.eles.length) return true;
      bb.w = bb.x2 - bb.x1;
      bb.h = bb.y2 - bb.y1;
      const scale = 2 ** j.level;
      const w = Math.ceil(bb.w * scale);
      const h = Math.ceil(bb.h * scale);
      if (!(w > 0 && h > 0) || w > MAX_LAYER_DIM || h > MAX_LAYER_DIM || w * h > MAX_LAYER_AREA) {
        tooLarge = { level: j.level, eles: j.eles, since: cache.lastInvalidationTime };
        drop(j);
        return false;
      }
      j.step = "canvas";
      return true;
    }
    if (j.step === "canvas") {
      // The level's canvas: a task of its own.
      j.layer = cache.makeLayer(j.bb, j.level);
      j.step = "queue";
      j.cursor = 0;
      return true;
    }
    const layer = j.layer!;
    while (j.cursor < j.eles.length && performance.now() < end) {
      const ele = j.eles[j.cursor]!;
      const caches = (ele._private.rscratch.imgLayerCaches ??= {});
      // Changed since its bounds were taken, or already in a layer of the level: the renderer's.
      if (caches[j.level] || !inside(layer.bb, ele.boundingBox())) {
        drop(j);
        return false;
      }
      // Queued for drawing (frames and keepLayers may start drawing it); its change discards the layer.
      cache.queueLayer(layer, ele);
      layer.eles.push(ele);
      caches[j.level] = layer;
      j.cursor++;
    }
    if (j.cursor < j.eles.length) return true;
    // As the renderer's getLayers puts a level's first layer; a layer made meanwhile (there should
    // be none: frames got the stand-in) would have the same elements: then this one is not needed.
    const layers = (cache.layersByLevel[j.level] ??= []);
    if (layers.some((l) => !l.invalid)) {
      drop(j);
      return false;
    }
    layers.unshift(layer);
    job = null;
    return false;
  };

  const run = async (): Promise<void> => {
    running = true;
    try {
      // Not in the task that asked for the level.
      await yieldToPage();
      while (job && !stopped) {
        const j = job;
        // A change discarded the layer (an element of it changed): the renderer makes the level.
        if (j.layer?.invalid) {
          drop(j);
          continue;
        }
        if (!step(j)) continue;
        await yieldToPage();
      }
    } finally {
      running = false;
    }
  };

  const getLayers0 = cache.getLayers;
  const getLayers = function (this: LayeredCache, eles: RendererEle[], pxRatio: number, lvl?: number) {
    if (stopped || lvl != null || this.firstGet) return getLayers0.call(this, eles, pxRatio, lvl);
    const zoom = cy.zoom();
    const level = Math.max(MIN_LEVEL, Math.ceil(Math.log2(zoom * pxRatio)));
    if (zoom >= MAX_ZOOM || level > MAX_LEVEL) return getLayers0.call(this, eles, pxRatio, lvl);
    const j = job;
    const building = j !== null && j.level === level && j.eles === eles && !j.layer?.invalid;
    // Shortly after a change the renderer draws directly (and makes no layer); the job waits.
    if (this.skipping && !building) return getLayers0.call(this, eles, pxRatio, lvl);
    if (tooLarge && tooLarge.level === level && tooLarge.eles === eles && tooLarge.since === this.lastInvalidationTime)
      return getLayers0.call(this, eles, pxRatio, lvl);
    if (!building) {
      // A level with a layer (whole or being drawn) is the renderer's, as is a level already asked for.
      this.validateLayersElesOrdering(level, eles);
      if (this.layersByLevel[level]?.some((l) => !l.invalid)) return getLayers0.call(this, eles, pxRatio, lvl);
    }
    const other = standIn(level, eles);
    if (!other) {
      // Nothing to show meanwhile: the renderer's answer, as before.
      if (j) drop(j);
      return getLayers0.call(this, eles, pxRatio, lvl);
    }
    if (!building) {
      if (j) drop(j);
      const bb = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity, w: 0, h: 0 };
      job = { level, eles, step: "bounds", cursor: 0, bb, layer: null };
      // As the renderer's getLayers does first: the level's list of layers. Its invalidateLayer, which
      // a change of an element queued here calls, takes the layer out of that list and fails without it.
      this.layersByLevel[level] ??= [];
      if (!running) void run();
    }
    return other;
  };
  cache.getLayers = getLayers;
  return () => {
    stopped = true;
    if (job) drop(job);
    // Unless another wrapper was put over it meanwhile (it then calls this one, which passes through).
    if (cache.getLayers === getLayers) cache.getLayers = getLayers0;
  };
}
