/**
 * A zoom level's new layer made in slices (makeLayersInSlices), against a stand-in layered cache
 * over headless Cytoscape that answers as the canvas renderer's (3.x) does: a frame asking for a
 * level without a layer gets a complete level of another zoom, and the layer (bounds, canvas,
 * every element queued in drawing order) is made in later tasks; without another complete level,
 * shortly after a change, for a level too large, or once an element of the layer changes, the
 * renderer's own getLayers answers. What the real renderer draws: test/e2e/large-graph-layout.test.ts.
 */
import { describe, expect, it, vi } from "vitest";
import cytoscape, { type Core } from "cytoscape";
import { makeLayersInSlices } from "../../../client/graph/make-layers-in-slices.ts";
import type { Box } from "../../../client/graph/make-textures-in-slices.ts";

/** `count` nodes, 20 apart, 10 wide, in rows of `perRow`. */
function nodes(count: number, perRow = count): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    elements: Array.from({ length: count }, (_, i) => ({
      group: "nodes" as const,
      data: { id: `n${i}` },
      position: { x: (i % perRow) * 20, y: Math.floor(i / perRow) * 20 },
    })),
    layout: { name: "preset", fit: false },
    style: [{ selector: "node", style: { width: 10, height: 10 } }],
  });
}

type Ele = cytoscape.NodeSingular & { _private: { rscratch: { imgLayerCaches?: Record<number, Layer | null | undefined> } } };
interface Layer {
  id: number;
  level: number;
  bb: Box;
  eles: Ele[];
  queued: Ele[];
  invalid?: boolean;
}

/**
 * A stand-in layered cache: levels `complete` hold every element; its own getLayers makes a
 * level's layer at once (recorded in `madeAtOnce`) and answers null, as the renderer does.
 */
function standInCache(cy: Core, complete: number[]) {
  let ids = 0;
  const eles = cy.nodes().toArray() as Ele[];
  const made: Layer[] = [];
  const cache = {
    firstGet: false,
    skipping: false,
    lastInvalidationTime: performance.now() - 10_000,
    layersByLevel: {} as Record<number, Layer[] | undefined>,
    madeAtOnce: 0,
    makeLayer(bb: Box, level: number): Layer {
      const layer = { id: ++ids, level, bb, eles: [], queued: [] };
      made.push(layer);
      return layer;
    },
    queueLayer: (layer: Layer, ele: Ele) => void layer.queued.push(ele),
    invalidateLayer(layer: Layer) {
      cache.lastInvalidationTime = performance.now();
      layer.invalid = true;
      // As the renderer's: out of its level's list, which it expects to exist (3.x throws without it).
      const ls = cache.layersByLevel[layer.level]!;
      if (ls.includes(layer)) ls.splice(ls.indexOf(layer), 1);
      for (const e of layer.eles) e._private.rscratch.imgLayerCaches![layer.level] = null;
    },
    levelIsComplete: (level: number, asked: Ele[]) =>
      (cache.layersByLevel[level] ?? []).reduce((k, l) => k + (l.invalid ? NaN : l.eles.length), 0) === asked.length,
    validateLayersElesOrdering: () => undefined,
    getLayers: vi.fn((asked: Ele[], _pxRatio: number, lvl?: number): Layer[] | null => {
      const level = lvl ?? Math.ceil(Math.log2(cy.zoom()));
      if (cache.levelIsComplete(level, asked)) return cache.layersByLevel[level]!;
      if (cache.skipping || (cache.layersByLevel[level] ?? []).length > 0) return null;
      cache.madeAtOnce++;
      const layer = cache.makeLayer(cy.nodes().boundingBox() as Box, level);
      for (const e of asked) layer.eles.push(e);
      cache.layersByLevel[level] = [layer];
      return null;
    }),
  };
  for (const level of complete) {
    const layer = cache.makeLayer(cy.nodes().boundingBox() as Box, level);
    layer.eles.push(...eles);
    cache.layersByLevel[level] = [layer];
  }
  made.length = 0;
  // Over headless Cytoscape's own (drawing-free) renderer, which bounding boxes use.
  const r = Object.assign(Object.create((cy as unknown as { renderer(): object }).renderer()) as object, { data: { lyrTxrCache: cache } });
  (cy as unknown as { renderer(): object }).renderer = () => r;
  /** A frame's question to the layered cache. */
  const frame = () => cache.getLayers(eles, 1);
  /** The stand-in's own getLayers (makeLayersInSlices puts its own over it). */
  return { cache, eles, made, frame, own: cache.getLayers };
}

/** Lets `n` tasks run. */
async function tasks(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

describe("a zoom level's new layer", () => {
  it("is left to the renderer without its internals", () => {
    const cy = nodes(2);
    (cy as unknown as { renderer(): object }).renderer = () => ({ data: {} });
    expect(() => makeLayersInSlices(cy)()).not.toThrow();
  });

  it("is made in tasks after the frame that asks for it, which gets a complete level of another zoom", async () => {
    const cy = nodes(3000, 55);
    cy.zoom(1.2); // level 1
    const { cache, eles, made, frame } = standInCache(cy, [0]);
    const stop = makeLayersInSlices(cy, 1);
    const standIn = cache.layersByLevel[0];
    expect(frame()).toBe(standIn);
    expect(made).toEqual([]);
    // Frames meanwhile get the same stand-in, and the level stays empty until every element is queued.
    await tasks(2);
    expect(frame()).toBe(standIn);
    expect(cache.layersByLevel[1] ?? []).toEqual([]);
    await vi.waitFor(() => expect(cache.layersByLevel[1]).toHaveLength(1), { timeout: 5000 });
    const layer = cache.layersByLevel[1]![0]!;
    expect(layer.queued).toEqual(eles);
    expect(layer.eles).toEqual(eles);
    expect(layer.bb).toMatchObject(cy.nodes().boundingBox());
    expect(eles.every((e) => e._private.rscratch.imgLayerCaches?.[1] === layer)).toBe(true);
    expect(made).toHaveLength(1);
    expect(cache.madeAtOnce).toBe(0);
    stop();
  });

  it("is the renderer's at once without a complete level to stand in, or shortly after a change", () => {
    const cy = nodes(10);
    cy.zoom(1.2);
    const none = standInCache(cy, []);
    const stop = makeLayersInSlices(cy);
    expect(none.frame()).toBeNull();
    expect(none.cache.madeAtOnce).toBe(1);
    stop();

    const cy2 = nodes(10);
    cy2.zoom(1.2);
    const changed = standInCache(cy2, [0]);
    changed.cache.skipping = true;
    const stop2 = makeLayersInSlices(cy2);
    expect(changed.frame()).toBeNull();
    expect(changed.own).toHaveBeenCalled();
    stop2();
  });

  it("is given up when one of its elements changes, and made anew once the change is past", async () => {
    const cy = nodes(3000, 55);
    cy.zoom(1.2);
    const { cache, eles, made, frame } = standInCache(cy, [0]);
    const stop = makeLayersInSlices(cy, 1);
    frame();
    // Once the layer has its first elements: one of them changes (the renderer discards its layer).
    await vi.waitFor(() => expect(made[0]?.eles.length ?? 0).toBeGreaterThan(0), { timeout: 5000 });
    cache.invalidateLayer(eles[0]!._private.rscratch.imgLayerCaches![1]!);
    // The renderer's frames for 250 ms after a change: drawn directly, no layer made.
    cache.skipping = true;
    await tasks(5);
    expect(cache.layersByLevel[1] ?? []).toEqual([]);
    expect(frame()).toBeNull();
    cache.skipping = false;
    expect(frame()).toBe(cache.layersByLevel[0]);
    await vi.waitFor(() => expect(cache.layersByLevel[1]).toHaveLength(1), { timeout: 5000 });
    expect(cache.layersByLevel[1]![0]).toBe(made[1]);
    expect(made[1]!.eles).toEqual(eles);
    expect(cache.madeAtOnce).toBe(0);
    stop();
  });

  it("is the renderer's for a level too large for a layer", async () => {
    // 2,000 nodes 20 apart: 40,000 wide, over 32,767 pixels at level 0 and above.
    const cy = nodes(2000);
    cy.zoom(0.9); // level 0
    const { cache, made, frame } = standInCache(cy, [-1]);
    const stop = makeLayersInSlices(cy);
    expect(frame()).toBe(cache.layersByLevel[-1]);
    await tasks(10);
    expect(made).toEqual([]);
    expect(frame()).toBeNull();
    expect(cache.madeAtOnce).toBe(1);
    stop();
  });

  it("is the renderer's again once stopped", () => {
    const cy = nodes(10);
    cy.zoom(1.2);
    const { cache, frame } = standInCache(cy, [0]);
    makeLayersInSlices(cy)();
    expect(frame()).toBeNull();
    expect(cache.madeAtOnce).toBe(1);
  });
});
