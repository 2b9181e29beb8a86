/**
 * A zoom level the layered cache cannot hold (makeTexturesInSlices), against a stand-in renderer
 * over headless Cytoscape: a complete level of the cache stands in while the level's textures in
 * view are made in slices; then the renderer draws the level directly again. With only a few to
 * make, without a complete level, or shortly after a change, the renderer's answer is left as it is. What the
 * real renderer draws: test/e2e/large-graph-layout.test.ts.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import cytoscape, { type Core } from "cytoscape";
import { makeTexturesInSlices } from "../../../client/graph/make-textures-in-slices.ts";

/** A row of `count` nodes, 20 apart, 10 wide. */
function nodeRow(count: number): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    elements: Array.from({ length: count }, (_, i) => ({ group: "nodes" as const, data: { id: `n${i}` }, position: { x: i * 20, y: 0 } })),
    layout: { name: "preset", fit: false },
    style: [{ selector: "node", style: { width: 10, height: 10 } }],
  });
}

/**
 * A stand-in canvas renderer (3.x) whose layered cache cannot hold the level in view (getLayers
 * answers null, as for a layer over the renderer's largest area) and holds `complete` levels
 * whole; its texture caches record what is made, at which level, and take `msPerTexture` each.
 */
function standInRenderer(cy: Core, opts: { complete: number[]; msPerTexture?: number }) {
  const made: { cache: string; id: string; lvl: number; reason: string }[] = [];
  const textureCache = (name: string) => ({
    reasons: { highQuality: "highQuality" },
    getBoundingBox: (ele: cytoscape.SingularElementArgument) => ele.boundingBox(),
    getElement: (ele: cytoscape.SingularElementArgument, _bb: unknown, _px: number, lvl: number, reason: string) => {
      const until = performance.now() + (opts.msPerTexture ?? 0);
      while (performance.now() < until);
      made.push({ cache: name, id: ele.id(), lvl, reason });
      return {};
    },
  });
  const standIn = ["standIn"];
  const layers = {
    skipping: false,
    layersByLevel: Object.fromEntries(opts.complete.map((l) => [l, standIn])) as Record<string, unknown[]>,
    getLayers: vi.fn((_eles: unknown[], _pxRatio: number): unknown[] | null => null),
    levelIsComplete: (lvl: number) => opts.complete.includes(lvl),
  };
  const redraws = { count: 0 };
  // Over headless Cytoscape's own (drawing-free) renderer, which bounding boxes and events use.
  const r = Object.assign(Object.create((cy as unknown as { renderer(): object }).renderer()) as object, {
    getPixelRatio: () => 1,
    redrawHint: () => undefined,
    redraw: () => void redraws.count++,
    data: {
      lyrTxrCache: layers,
      eleTxrCache: textureCache("body"),
      lblTxrCache: textureCache("label"),
      slbTxrCache: textureCache("source label"),
      tlbTxrCache: textureCache("target label"),
    },
  });
  (cy as unknown as { renderer(): object }).renderer = () => r;
  const eles = cy.nodes().toArray();
  /** A frame's question to the layered cache. */
  const frame = () => layers.getLayers(eles as never, 1);
  return { layers, made, redraws, frame, standIn, eles };
}

/** Shows nodes n0 … n(k−1) (the extent in model coordinates). */
function showFirst(cy: Core, k: number): void {
  vi.spyOn(cy, "extent").mockReturnValue({ x1: -5, y1: -5, x2: (k - 1) * 20 + 4, y2: 5, w: (k - 1) * 20 + 9, h: 10 });
}

describe("a zoom level the layered cache cannot hold", () => {
  afterEach(() => void vi.restoreAllMocks());

  it("is left to the renderer without its internals", () => {
    const cy = nodeRow(2);
    (cy as unknown as { renderer(): object }).renderer = () => ({ data: {} });
    expect(() => makeTexturesInSlices(cy)()).not.toThrow();
  });

  it("is shown from a complete level while its textures in view are made in slices, then drawn directly", async () => {
    const cy = nodeRow(40);
    cy.zoom(1.2);
    showFirst(cy, 10);
    const { made, redraws, frame, standIn } = standInRenderer(cy, { complete: [0, -1], msPerTexture: 1 });
    const stop = makeTexturesInSlices(cy, 4, 5);
    // Level 1 (zoom 1.2), 10 nodes in view without textures: level 0 stands in, nothing is made in the frame.
    expect(frame()).toBe(standIn);
    expect(made).toEqual([]);
    expect(frame()).toBe(standIn);
    // Made in later tasks, a few per slice: the body and label of each node in view, at level 1, in full.
    await vi.waitFor(() => expect(redraws.count).toBe(1));
    expect(made.map((m) => m.id)).toEqual(Array.from({ length: 10 }, (_, i) => [`n${i}`, `n${i}`]).flat());
    expect(new Set(made.map((m) => `${m.lvl} ${m.reason}`))).toEqual(new Set(["1 highQuality"]));
    // Those in view made: the renderer draws the level directly again (its answer, null), and
    // nothing out of view is made.
    expect(frame()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made.length).toBe(20);
    stop();
  });

  it("follows the view while it moves (the panel's zoom animates), then is drawn directly", async () => {
    const cy = nodeRow(40);
    cy.zoom(1.2);
    showFirst(cy, 10);
    const { made, redraws, frame, standIn } = standInRenderer(cy, { complete: [0] });
    const stop = makeTexturesInSlices(cy, 4, 5);
    expect(frame()).toBe(standIn);
    // The view moves on to n30 … n39 before the first slice.
    vi.spyOn(cy, "extent").mockReturnValue({ x1: 595, y1: -5, x2: 784, y2: 5, w: 189, h: 10 });
    await vi.waitFor(() => expect(redraws.count).toBe(1));
    const ids = [...new Set(made.map((m) => m.id))];
    expect(ids).toEqual([...Array.from({ length: 10 }, (_, i) => `n${i}`), ...Array.from({ length: 10 }, (_, i) => `n${30 + i}`)]);
    expect(frame()).toBeNull();
    stop();
  });

  it("is drawn directly when only a few elements in view have no textures (the frame makes them, as before)", async () => {
    const cy = nodeRow(40);
    cy.zoom(1.2);
    showFirst(cy, 5);
    const { made, frame } = standInRenderer(cy, { complete: [0] });
    const stop = makeTexturesInSlices(cy, 4, 5);
    expect(frame()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(made).toEqual([]);
    stop();
  });

  it("is drawn directly as before without a complete level to stand in, or shortly after a change", async () => {
    const cy = nodeRow(10);
    cy.zoom(1.2);
    showFirst(cy, 10);
    const none = standInRenderer(cy, { complete: [] });
    const stop = makeTexturesInSlices(cy, 4, 5);
    expect(none.frame()).toBeNull();
    stop();

    const changed = standInRenderer(cy, { complete: [0] });
    changed.layers.skipping = true;
    const stop2 = makeTexturesInSlices(cy, 4, 5);
    expect(changed.frame()).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([...none.made, ...changed.made]).toEqual([]);
    stop2();
  });

  it("gives the renderer its own answer back once stopped", () => {
    const cy = nodeRow(10);
    cy.zoom(1.2);
    showFirst(cy, 10);
    const { layers, frame, standIn } = standInRenderer(cy, { complete: [0] });
    const own = layers.getLayers;
    const stop = makeTexturesInSlices(cy, 4, 5);
    expect(layers.getLayers).not.toBe(own);
    expect(frame()).toBe(standIn);
    stop();
    expect(layers.getLayers).toBe(own);
    expect(frame()).toBeNull();
  });
});
