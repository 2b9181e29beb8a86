/**
 * The first view's layer of a large graph (prepareLayers) is made and filled in slices without a
 * frame: the frame that did it at once (every element's bounds, the layer's canvas, every element
 * queued) was the longest task of a 20k first drawing. Against a stand-in for Cytoscape's canvas
 * renderer and its layered cache (3.x), as far as prepareLayers and queueLevelInSlices use them.
 */
import { describe, expect, it } from "vitest";
import type { Core } from "cytoscape";
import { prepareLayers } from "../../../client/graph/canvas-layers.ts";
import type { Box } from "../../../client/graph/make-textures-in-slices.ts";

interface Ele {
  id(): string;
  boundingBox(): Box;
  _private: { rscratch: { imgLayerCaches?: Record<number, Layer | null> } };
}

interface Layer {
  bb: Box;
  level: number;
  eles: Ele[];
  elesQueue: Ele[];
  reqs: number;
  invalid?: boolean;
}

/** `count` elements on a line, each 10 wide; `spread` stretches the line (a level too large for a layer). */
function standIn(count: number, spread = 1) {
  const eles: Ele[] = Array.from({ length: count }, (_, i) => ({
    id: () => `e${i}`,
    boundingBox: () => ({ x1: i * spread, y1: 0, x2: i * spread + 10, y2: 10, w: 10, h: 10 }),
    _private: { rscratch: {} },
  }));
  const log = { frames: 0, madeAt: [] as number[], queuedAt: [] as number[], joinedBeforeFull: false, tasks: 0, drawn: 0 };
  const queue: Layer[] = [];
  const cache = {
    layersByLevel: {} as Record<number, Layer[] | undefined>,
    firstGet: false,
    skipping: false,
    lastInvalidationTime: performance.now() - 10_000,
    layersQueue: { size: () => queue.length },
    dequeue() {
      const layer = queue[0];
      if (!layer) return;
      if (layer.elesQueue.shift()) log.drawn++;
      if (--layer.reqs <= 0) queue.shift();
    },
    makeLayer(bb: Box, level: number): Layer {
      log.madeAt.push(log.tasks);
      return { bb, level, eles: [], elesQueue: [], reqs: 0 };
    },
    queueLayer(layer: Layer, ele: Ele) {
      log.queuedAt.push(log.tasks);
      if (cache.layersByLevel[layer.level]?.includes(layer)) log.joinedBeforeFull = true;
      layer.elesQueue.push(ele);
      if (layer.reqs++ === 0) queue.push(layer);
    },
    invalidateLayer(layer: Layer) {
      cache.lastInvalidationTime = performance.now();
      layer.invalid = true;
      const list = cache.layersByLevel[layer.level]!;
      list.splice(list.indexOf(layer), 1);
      for (const e of layer.eles) e._private.rscratch.imgLayerCaches![layer.level] = null;
    },
    levelIsComplete: (level: number) => (cache.layersByLevel[level] ?? []).some((l) => !l.invalid && l.reqs === 0),
    validateLayersElesOrdering: () => undefined,
    /** What a frame asks for: the renderer queues every element of the level at once. */
    getLayers() {
      const layer = cache.makeLayer({ x1: 0, y1: 0, x2: count * spread + 10, y2: 10, w: count * spread + 10, h: 10 }, 0);
      for (const e of eles) cache.queueLayer(layer, e);
      (cache.layersByLevel[0] ??= []).unshift(layer);
      return null;
    },
  };
  const cy = {
    zoom: () => 1,
    renderer: () => ({ data: { lyrTxrCache: cache }, getPixelRatio: () => 1, getCachedZSortedEles: () => ({ nondrag: eles }) }),
    panBy: () => {
      log.frames++;
      cache.getLayers();
    },
  } as unknown as Core;
  // Counts tasks: every yield to the page (setTimeout 0) is a task boundary.
  const setTimeout0 = globalThis.setTimeout;
  const counting = ((fn: () => void, ms?: number) => setTimeout0(() => (log.tasks++, fn()), ms)) as typeof setTimeout;
  return { cy, cache, eles, log, counting, setTimeout0 };
}

describe("the first view's layer, made before the view turns to the graph", () => {
  it("is made and queued in slices of their own, without the frame that did it all in one task", async () => {
    const s = standIn(20_000);
    globalThis.setTimeout = s.counting;
    try {
      expect(await prepareLayers(s.cy, async () => undefined)).toBe(true);
    } finally {
      globalThis.setTimeout = s.setTimeout0;
    }
    // No frame asked for: the renderer's getLayers would have made and queued everything at once.
    expect(s.log.frames).toBe(0);
    const level = s.cache.layersByLevel[0]!;
    expect(level).toHaveLength(1);
    expect(level[0]!.eles).toHaveLength(20_000);
    expect(s.eles.every((e) => e._private.rscratch.imgLayerCaches?.[0] === level[0])).toBe(true);
    // The canvas in a task of its own, the queueing after it over more than one task, and the layer
    // in its level only once every element is queued (a frame meanwhile never sees half a level).
    const [made] = s.log.madeAt;
    expect(s.log.queuedAt.every((t) => t > made!)).toBe(true);
    expect(new Set(s.log.queuedAt).size).toBeGreaterThan(1);
    expect(s.log.joinedBeforeFull).toBe(false);
    expect(s.log.drawn).toBe(20_000);
  });

  it("leaves a level too large for a layer to the renderer's frame, as before", async () => {
    const s = standIn(1000, 5000);
    expect(await prepareLayers(s.cy, async () => undefined)).toBe(true);
    expect(s.log.frames).toBe(1);
    expect(s.log.drawn).toBe(1000);
  });

  it("starts over when an element changes while the layer is queued, leaving no half layer behind", async () => {
    const s = standIn(20_000);
    let changed = false;
    const queueLayer = s.cache.queueLayer;
    s.cache.queueLayer = (layer, ele) => {
      queueLayer(layer, ele);
      // An element changes once, halfway: the renderer discards its layer.
      if (!changed && layer.eles.length === 10_000) {
        changed = true;
        s.cache.lastInvalidationTime = performance.now();
      }
    };
    const pause = async () => void (s.cache.lastInvalidationTime = Math.min(s.cache.lastInvalidationTime, performance.now() - 1000));
    expect(await prepareLayers(s.cy, pause)).toBe(true);
    expect(changed).toBe(true);
    expect(s.log.madeAt).toHaveLength(2);
    const level = s.cache.layersByLevel[0]!;
    expect(level).toHaveLength(1);
    expect(level[0]!.invalid).toBeUndefined();
    expect(s.eles.every((e) => e._private.rscratch.imgLayerCaches?.[0] === level[0])).toBe(true);
  });
});
