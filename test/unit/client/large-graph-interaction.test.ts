/**
 * Interaction with a large graph without a whole-graph cost: the pointer's element test sees only
 * the elements near the point (indexHitTests, against a stand-in renderer over headless Cytoscape),
 * and the stylesheet for graphs drawn from the layered cache keeps marked elements in their place
 * of the drawing order while fading stays as the other sheets have it; the layers' drawing is
 * rasterised every few ms of drawing (against a stand-in layered cache), and the layered cache of a
 * drawn graph is built from the start, without waiting for a frame. The drawing on top of the
 * layered cache itself needs the real renderer: test/e2e/large-graph-layout.test.ts.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import cytoscape, { type Core, type NodeSingular } from "cytoscape";
import { indexHitTests } from "../../../client/graph/hit-index.ts";
import { BLANK_IMAGE, drawStatesOnTop, FADED_OPACITY, keepLayers } from "../../../client/graph/canvas-layers.ts";
import { rasteriseLayerDrawing } from "../../../client/graph/rasterise-layer-drawing.ts";
import { largeGraphStylesheet, layeredGraphStylesheet, layeredStylesheet, stylesheet } from "../../../client/graph/stylesheet.ts";
import { styledFunding } from "./graph-fixtures.ts";

/** A grid of `side` × `side` nodes, 20 apart, 10 wide, each drawn over the ones before it. */
function nodeGrid(side: number): Core {
  const elements = [];
  for (let i = 0; i < side * side; i++)
    elements.push({ group: "nodes" as const, data: { id: `n${i}` }, position: { x: (i % side) * 20, y: Math.floor(i / side) * 20 } });
  return cytoscape({
    headless: true,
    styleEnabled: true,
    elements,
    layout: { name: "preset", fit: false },
    style: [{ selector: "node", style: { width: 10, height: 10 } }],
  });
}

/**
 * A stand-in for the canvas renderer's hit test: the topmost element (last in drawing order) of
 * those it is given whose box holds the point; records how many it was given.
 */
type Ordered = NodeSingular[] & { interactive?: NodeSingular[] };
interface StandIn {
  getCachedZSortedEles(): Ordered;
  findNearestElements(x: number, y: number, interactiveOnly: boolean): NodeSingular[];
}

function standInRenderer(cy: Core) {
  const order = cy.nodes().toArray() as Ordered;
  order.interactive = order;
  const scanned: number[] = [];
  // Over headless Cytoscape's own (drawing-free) renderer, which bounding boxes and events use.
  const r = Object.create((cy as unknown as { renderer(): object }).renderer()) as StandIn;
  r.getCachedZSortedEles = () => order;
  r.findNearestElements = function (this: StandIn, x, y, interactiveOnly) {
    const eles = interactiveOnly ? this.getCachedZSortedEles().interactive! : this.getCachedZSortedEles();
    scanned.push(eles.length);
    for (let i = eles.length - 1; i >= 0; i--) {
      const b = eles[i]!.boundingBox();
      if (b.x1 <= x && x <= b.x2 && b.y1 <= y && y <= b.y2) return [eles[i]!];
    }
    return [];
  };
  (cy as unknown as { renderer(): StandIn }).renderer = () => r;
  return { r, scanned, order };
}

describe("the pointer's element test on a large graph", () => {
  const ids = (found: NodeSingular[]) => found.map((n) => n.id());

  it("finds what a test of every element finds, from the elements near the point", () => {
    const cy = nodeGrid(50);
    const { r, scanned, order } = standInRenderer(cy);
    const scanAll = r.findNearestElements;
    const stop = indexHitTests(cy);
    const points: [number, number][] = [
      [0, 0],
      [4, -4],
      [200, 200],
      [203, 197],
      [210, 210],
      [980, 980],
      [985, 975],
      [-50, 500],
      [2000, 2000],
    ];
    for (const [x, y] of points) {
      scanned.length = 0;
      const fast = ids(r.findNearestElements(x, y, true));
      expect(scanned.length).toBe(1);
      expect(scanned[0]).toBeLessThan(order.length / 20);
      scanned.length = 0;
      expect(fast).toEqual(ids(scanAll.call(r, x, y, true)));
    }
    expect(ids(r.findNearestElements(200, 200, true))).toEqual(["n510"]);
    // Only interactive elements are indexed; other requests test every element as before.
    scanned.length = 0;
    r.findNearestElements(200, 200, false);
    expect(scanned).toEqual([order.length]);
    stop();
    scanned.length = 0;
    r.findNearestElements(200, 200, true);
    expect(scanned).toEqual([order.length]);
  });

  it("gives the renderer only the elements whose box, widened by the pointer's tolerance, holds the point", () => {
    // Nodes 10 wide (boxes 12 wide: Cytoscape adds 1 on each side), 20 apart, at zoom 1.
    const cy = nodeGrid(50);
    const { r, scanned } = standInRenderer(cy);
    indexHitTests(cy);
    const given = (x: number, y: number, isTouch: boolean) => {
      scanned.length = 0;
      (r.findNearestElements as (x: number, y: number, i: boolean, t: boolean) => unknown)(x, y, true, isTouch);
      return scanned;
    };
    // A mouse (8 px and a margin of 2): the node under the point, or the four around a gap.
    expect(given(200, 200, false)).toEqual([1]);
    expect(given(210, 210, false)).toEqual([4]);
    // Touch (24 px and 2): the nodes within 26 of the point, 3 × 3 here.
    expect(given(200, 200, true)).toEqual([9]);
    // Nothing near: the renderer is given nothing to test.
    expect(given(-100, -100, false)).toEqual([0]);
  });

  it("follows elements that moved", () => {
    const cy = nodeGrid(50);
    const { r } = standInRenderer(cy);
    indexHitTests(cy);
    expect(ids(r.findNearestElements(200, 200, true))).toEqual(["n510"]);
    cy.getElementById("n0").position({ x: 5000, y: 5000 });
    cy.getElementById("n510").position({ x: 700, y: 705 });
    expect(ids(r.findNearestElements(5000, 5000, true))).toEqual(["n0"]);
    expect(ids(r.findNearestElements(0, 0, true))).toEqual([]);
    expect(ids(r.findNearestElements(200, 200, true))).toEqual([]);
    // n510 now lies over n1785 (at 700, 700), which comes later in the drawing order.
    expect(ids(r.findNearestElements(700, 703, true))).toEqual(["n1785"]);
    expect(ids(r.findNearestElements(700, 709, true))).toEqual(["n510"]);
  });

  it("is made after a frame with a new drawing order, in tasks of its own, not at the next pointer event", async () => {
    const cy = nodeGrid(50);
    const { r, order } = standInRenderer(cy);
    (r as StandIn & { cachedZSortedEles?: Ordered }).cachedZSortedEles = order;
    const boxes = vi.spyOn(cy.getElementById("n0") as unknown as { boundingBox(): unknown }, "boundingBox");
    const stop = indexHitTests(cy);
    cy.emit("render");
    // Not in the frame's task.
    expect(boxes).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(boxes).toHaveBeenCalledTimes(1));
    await new Promise((resolve) => setTimeout(resolve, 20));
    // A change meanwhile is applied at the test; the pointer's test takes no box but that one.
    cy.getElementById("n0").position({ x: 5000, y: 5000 });
    boxes.mockClear();
    expect(ids(r.findNearestElements(5000, 5000, true))).toEqual(["n0"]);
    expect(ids(r.findNearestElements(200, 200, true))).toEqual(["n510"]);
    expect(boxes.mock.calls.length).toBeLessThanOrEqual(3);
    stop();
  });

  it("is made ahead for a new drawing order after many changes to the one before", async () => {
    const cy = nodeGrid(50);
    const { r, order } = standInRenderer(cy);
    const stand = r as StandIn & { cachedZSortedEles?: Ordered };
    indexHitTests(cy);
    expect(ids(r.findNearestElements(200, 200, true))).toEqual(["n510"]);
    // Most elements change (as when a view is revealed), then the renderer sorts them anew.
    cy.nodes().forEach((n) => void n.position({ x: n.position("x"), y: n.position("y") + 1000 }));
    const next = [...order] as Ordered;
    next.interactive = next;
    stand.getCachedZSortedEles = () => next;
    stand.cachedZSortedEles = next;
    cy.emit("render");
    await new Promise((resolve) => setTimeout(resolve, 200));
    const boxes = vi.spyOn(cy.getElementById("n1") as unknown as { boundingBox(): unknown }, "boundingBox");
    expect(ids(r.findNearestElements(200, 1200, true))).toEqual(["n510"]);
    // Made ahead: the pointer's test took no box of a far element.
    expect(boxes).not.toHaveBeenCalled();
  });

  it("leaves small graphs to the renderer's own test", () => {
    const cy = nodeGrid(20);
    const { r, scanned } = standInRenderer(cy);
    indexHitTests(cy);
    r.findNearestElements(100, 100, true);
    expect(scanned).toEqual([400]);
  });
});

describe("graphs drawn from the layered cache", () => {
  for (const [sheet, plain, layered] of [
    ["the large-graph sheet", largeGraphStylesheet, layeredGraphStylesheet],
    ["the normal sheet (below LARGE_GRAPH_MIN)", stylesheet, layeredStylesheet],
  ] as const)
    it(`keep highlighted elements in their place of the drawing order, styled as in ${sheet} otherwise`, () => {
      const [a, b] = [styledFunding(plain), styledFunding(layered)];
      for (const cy of [a, b]) cy.elements().addClass("highlighted");
      expect(a.getElementById("org").style("z-index")).toBe("10");
      expect(b.getElementById("org").style("z-index")).toBe("0");
      expect(b.getElementById("f").style("z-index")).toBe("0");
      for (const [id, p] of [
        ["org", "border-color"],
        ["org", "border-width"],
        ["org", "font-size"],
        ["org", "min-zoomed-font-size"],
        ["f", "line-color"],
        ["f", "curve-style"],
        ["f", "target-arrow-shape"],
        ["f", "label"],
      ] as const)
        expect(b.getElementById(id).style(p)).toBe(a.getElementById(id).style(p));
      // The blank image the layered cache needs (see canvas-layers.ts BLANK_IMAGE), drawn at size 0.
      expect(b.getElementById("org").style("background-image")).toBe(BLANK_IMAGE);
    });

  it("fade by the same opacity as the veil over the layers, and draw nothing on top without a canvas renderer", () => {
    const cy = styledFunding(stylesheet);
    cy.getElementById("org").addClass("faded");
    expect(Number(cy.getElementById("org").style("opacity"))).toBe(FADED_OPACITY);
    expect(drawStatesOnTop(cy)).toBeNull();
  });
});

/**
 * A stand-in for the canvas renderer's layered cache: a queue of layers, each dequeue draws one
 * element into the first and takes `drawMs` of the clock; reading a pixel of a layer is recorded.
 */
function standInLayerCache(cy: Core, layers: { id: string; elements: number; invalid?: boolean }[], drawMs: number) {
  const clock = { now: 0 };
  vi.spyOn(performance, "now").mockImplementation(() => clock.now);
  const read: string[] = [];
  const queue = layers.map((l) => ({ ...l, context: { getImageData: () => void read.push(l.id) } }));
  const cache = {
    layersQueue: { size: () => queue.length, peek: () => queue[0] },
    dequeue(pxRatio: number) {
      expect(pxRatio).toBe(1);
      const layer = queue[0]!;
      clock.now += drawMs;
      if (--layer.elements === 0) queue.shift();
      return [true];
    },
  };
  const own = cache.dequeue;
  (cy as unknown as { renderer(): object }).renderer = () => ({ data: { lyrTxrCache: cache } });
  return { cache, own, read };
}

describe("the layers' drawing of a large graph", () => {
  afterEach(() => void vi.restoreAllMocks());

  it("is left alone without the renderer's layered cache", () => {
    const cy = nodeGrid(2);
    (cy as unknown as { renderer(): object }).renderer = () => ({ data: {} });
    expect(() => rasteriseLayerDrawing(cy)()).not.toThrow();
  });

  it("is rasterised after every few ms of drawing, each layer drawn into once", () => {
    const cy = nodeGrid(2);
    const { cache, read } = standInLayerCache(
      cy,
      [
        { id: "a", elements: 3 },
        { id: "b", elements: 4 },
      ],
      3,
    );
    rasteriseLayerDrawing(cy, 4);
    // 3 ms per element: a pixel is read after every second element, of the layers drawn into since.
    const readAfter: string[][] = [];
    for (let i = 0; i < 7; i++) {
      const before = read.length;
      cache.dequeue(1);
      readAfter.push(read.slice(before));
    }
    expect(readAfter).toEqual([[], ["a"], [], ["a", "b"], [], ["b"], []]);
  });

  it("does not read a discarded layer, and stops", () => {
    const cy = nodeGrid(2);
    const { cache, own, read } = standInLayerCache(
      cy,
      [
        { id: "gone", elements: 1, invalid: true },
        { id: "kept", elements: 2 },
      ],
      1,
    );
    const stop = rasteriseLayerDrawing(cy, 0);
    expect(cache.dequeue).not.toBe(own);
    cache.dequeue(1);
    cache.dequeue(1);
    expect(read).toEqual(["kept"]);
    stop();
    expect(cache.dequeue).toBe(own);
    cache.dequeue(1);
    expect(read).toEqual(["kept"]);
  });
});

describe("the layered cache of a drawn large graph", () => {
  /** A stand-in renderer: getLayers queues every element not yet in a layer, dequeue draws one. */
  function standInRenderer(cy: Core, elements: number) {
    const drawn = new Set<number>();
    const queue: number[] = [];
    const eles = Array.from({ length: elements }, (_, i) => i);
    const cache = {
      lastInvalidationTime: performance.now() - 10_000,
      layersQueue: { size: () => queue.length },
      getLayers: vi.fn((asked: number[]) => {
        for (const e of asked) if (!drawn.has(e) && !queue.includes(e)) queue.push(e);
        return null;
      }),
      dequeue: () => void drawn.add(queue.shift()!),
    };
    (cy as unknown as { renderer(): object }).renderer = () => ({
      data: { lyrTxrCache: cache },
      getPixelRatio: () => 1,
      getCachedZSortedEles: () => ({ nondrag: eles }),
    });
    return { cache, drawn };
  }

  it("is left alone without the renderer's layered cache", () => {
    const cy = nodeGrid(2);
    (cy as unknown as { renderer(): object }).renderer = () => ({ data: {} });
    expect(() => keepLayers(cy)()).not.toThrow();
  });

  it("is built from the start, without a frame drawn after it (the first view may have been its last)", async () => {
    const cy = nodeGrid(2);
    const { cache, drawn } = standInRenderer(cy, 50);
    const stop = keepLayers(cy);
    await vi.waitFor(() => expect(drawn.size).toBe(50), { timeout: 2000 });
    expect(cache.getLayers).toHaveBeenCalledTimes(1);
    expect(cache.layersQueue.size()).toBe(0);
    stop();
  });

  it("waits until nothing has changed for a while before building", async () => {
    const cy = nodeGrid(2);
    const { cache, drawn } = standInRenderer(cy, 10);
    cache.lastInvalidationTime = performance.now();
    const stop = keepLayers(cy);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cache.getLayers).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(drawn.size).toBe(10), { timeout: 2000 });
    stop();
  });

  it("builds nothing once stopped", async () => {
    const cy = nodeGrid(2);
    const { cache, drawn } = standInRenderer(cy, 10);
    cache.lastInvalidationTime = performance.now();
    keepLayers(cy)();
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(cache.getLayers).not.toHaveBeenCalled();
    expect(drawn.size).toBe(0);
  });
});
