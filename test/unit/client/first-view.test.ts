/**
 * How a large first view and later additions are drawn: the reveal puts every element back placed
 * (headless Cytoscape), new nodes start next to the node they were expanded from, and the
 * large-graph stylesheet keeps the type styles while drawing edges cheaply.
 */
import { describe, expect, it } from "vitest";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { placeNewNodes, PLACE_RADIUS, type Point } from "../../../client/graph/place-new-nodes.ts";
import { revealInChunks } from "../../../client/graph/reveal-in-chunks.ts";
import { BLANK_IMAGE, prepareLayers } from "../../../client/graph/canvas-layers.ts";
import { largeGraphStylesheet, stylesheet } from "../../../client/graph/stylesheet.ts";
import { styledFunding } from "./graph-fixtures.ts";

const n = (id: string): ElementDefinition => ({ group: "nodes", data: { id } });
const e = (id: string, source: string, target: string): ElementDefinition => ({ group: "edges", data: { id, source, target } });
const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);

describe("new nodes in a drawn graph", () => {
  it("keep no position when nothing they link to is placed", () => {
    const added = [n("x"), n("y"), e("xy", "x", "y")];
    expect(placeNewNodes(added, () => null)).toBe(0);
    expect(added.every((el) => el.position === undefined)).toBe(true);
  });

  it("start around the node they were expanded from, apart from one another", () => {
    const parent = { x: 500, y: -200 };
    const added = [n("a"), n("b"), n("c"), e("pa", "p", "a"), e("bp", "b", "p"), e("pc", "p", "c")];
    expect(placeNewNodes(added, (id) => (id === "p" ? parent : null))).toBe(3);
    const ps = added.filter((el) => el.group === "nodes").map((el) => el.position!);
    for (const p of ps) expect(dist(p, parent)).toBeLessThanOrEqual(PLACE_RADIUS * 2);
    expect(new Set(ps.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`)).size).toBe(3);
  });

  it("linked to several placed nodes start near their centroid", () => {
    const at: Record<string, Point> = { p: { x: 0, y: 0 }, q: { x: 1000, y: 0 } };
    const added = [n("m"), e("pm", "p", "m"), e("mq", "m", "q")];
    placeNewNodes(added, (id) => at[id] ?? null);
    expect(dist(added[0]!.position!, { x: 500, y: 0 })).toBeLessThanOrEqual(PLACE_RADIUS);
  });

  it("linked only to other new nodes follow those", () => {
    const added = [n("a"), n("leaf"), e("pa", "p", "a"), e("a-leaf", "a", "leaf")];
    placeNewNodes(added, (id) => (id === "p" ? { x: 0, y: 0 } : null));
    expect(dist(added[1]!.position!, added[0]!.position!)).toBeLessThanOrEqual(PLACE_RADIUS * 2);
  });
});

describe("the reveal of the first view", () => {
  it("puts every element back at its computed position, nodes before edges, a chunk per pause", async () => {
    const cy = cytoscape({ headless: true, elements: [n("a"), n("b"), n("c"), e("ab", "a", "b"), e("bc", "b", "c")] });
    const seen: number[][] = [];
    let mounted = 0;
    await revealInChunks(
      cy,
      ["a", "b", "c"],
      Float64Array.from([1, 2, 3, 4, 5, 6]),
      () => {
        mounted++;
        expect(cy.elements().length).toBe(0);
      },
      async () => void seen.push([cy.nodes().length, cy.edges().length]),
      2,
    );
    expect(mounted).toBe(1);
    expect(seen).toEqual([
      [0, 0],
      [2, 0],
      [3, 0],
      [3, 2],
    ]);
    expect(cy.getElementById("c").position()).toEqual({ x: 5, y: 6 });
    expect(cy.getElementById("ab").source().id()).toBe("a");
  });

  it("runs beforeTurn with every element back, while the view still looks away from them", async () => {
    const cy = cytoscape({ headless: true, elements: [n("a"), n("b"), e("ab", "a", "b")] });
    const fitted = { zoom: 0.5, pan: { x: 10, y: 20 } };
    let atTurn: { elements: number; pan: { x: number; y: number } } | null = null;
    await revealInChunks(
      cy,
      ["a", "b"],
      Float64Array.from([0, 0, 100, 0]),
      () => void cy.viewport(fitted),
      () => Promise.resolve(),
      1,
      async () => void (atTurn = { elements: cy.elements().length, pan: { ...cy.pan() } }),
    );
    expect(atTurn!.elements).toBe(3);
    expect(atTurn!.pan).not.toEqual(fitted.pan);
    expect({ zoom: cy.zoom(), pan: cy.pan() }).toEqual(fitted);
  });
});

/**
 * A stand-in for Cytoscape's canvas renderer and its layered cache: a frame asked for (panBy)
 * queues every element, dequeue draws one. `onPause` runs at each pause (time passing).
 */
function fakeRenderer(
  elements: number,
  onPause: (c: { lastInvalidationTime: number; queue: number[]; frames: number }) => void = () => {},
) {
  const state = { lastInvalidationTime: performance.now(), queue: [] as number[], drawn: 0, frames: 0 };
  const cache = {
    get lastInvalidationTime() {
      return state.lastInvalidationTime;
    },
    set lastInvalidationTime(t: number) {
      state.lastInvalidationTime = t;
    },
    layersQueue: { size: () => state.queue.length },
    dequeue: () => {
      if (state.queue.shift() !== undefined) state.drawn++;
    },
  };
  const cy = {
    renderer: () => ({ data: { lyrTxrCache: cache }, getPixelRatio: () => 1 }),
    panBy: () => {
      state.frames++;
      state.queue = Array.from({ length: elements }, (_, i) => i);
    },
  } as unknown as Core;
  const pause = async () => {
    onPause(state);
  };
  return { cy, state, pause };
}

describe("the renderer's layered cache, built before the view turns to the graph", () => {
  const quiet = (c: { lastInvalidationTime: number }) => (c.lastInvalidationTime = performance.now() - 10_000);

  it("waits until nothing has changed, asks for one frame and draws every queued element", async () => {
    const { cy, state, pause } = fakeRenderer(5000, quiet);
    expect(await prepareLayers(cy, pause)).toBe(true);
    expect(state.frames).toBe(1);
    expect(state.drawn).toBe(5000);
    expect(state.queue).toEqual([]);
  });

  it("starts over when an element changes while the layers are drawn", async () => {
    let changed = false;
    const { cy, state, pause } = fakeRenderer(100, (c) => {
      // The first frame after the first request: an element changed, its layer was discarded.
      if (c.frames === 1 && !changed) {
        changed = true;
        c.lastInvalidationTime = performance.now();
        c.queue = [];
      } else quiet(c);
    });
    expect(await prepareLayers(cy, pause)).toBe(true);
    expect(state.frames).toBe(2);
    expect(state.queue).toEqual([]);
  });

  it("gives up after its time without a quiet moment, and does nothing without a canvas renderer", async () => {
    const { cy, state, pause } = fakeRenderer(10, (c) => void (c.lastInvalidationTime = performance.now()));
    expect(await prepareLayers(cy, pause, 20)).toBe(false);
    expect(state.frames).toBeLessThanOrEqual(1);
    expect(await prepareLayers(cytoscape({ headless: true }), pause)).toBe(false);
  });
});

describe("the large-graph stylesheet", () => {
  it("draws edges straight without arrows, and labels only when zoomed in", () => {
    const [small, large] = [styledFunding(stylesheet), styledFunding(largeGraphStylesheet)];
    expect(small.getElementById("f").style("curve-style")).toBe("bezier");
    expect(large.getElementById("f").style("curve-style")).toBe("haystack");
    expect(large.getElementById("f").style("target-arrow-shape")).toBe("none");
    expect(Number.parseFloat(large.getElementById("org").style("min-zoomed-font-size") as string)).toBeGreaterThan(
      Number.parseFloat(small.getElementById("org").style("min-zoomed-font-size") as string),
    );
  });

  it("keeps type colours and shapes, the funders' ring, and arrows on highlighted edges", () => {
    const [small, large] = [styledFunding(stylesheet), styledFunding(largeGraphStylesheet)];
    for (const id of ["min", "org"])
      for (const p of ["background-color", "shape"]) expect(large.getElementById(id).style(p)).toBe(small.getElementById(id).style(p));
    expect(large.getElementById("org").style("border-width")).toBe("0px");
    expect(large.getElementById("min").style("border-width")).toBe(small.getElementById("min").style("border-width"));
    large.getElementById("f").addClass("highlighted");
    expect(large.getElementById("f").style("target-arrow-shape")).toBe("triangle");
  });

  it("gives nodes a background image that draws nothing (size 0, transparent, not clipped)", () => {
    const org = styledFunding(largeGraphStylesheet).getElementById("org") as unknown as { pstyle(p: string): { value: unknown } };
    expect(org.pstyle("background-image").value).toEqual([BLANK_IMAGE]);
    expect(org.pstyle("background-width").value).toEqual([0]);
    expect(org.pstyle("background-height").value).toEqual([0]);
    expect(org.pstyle("background-image-opacity").value).toEqual([0]);
    expect(org.pstyle("background-clip").value).toEqual(["none"]);
  });
});
