/**
 * drawStatesOnTop against a stand-in canvas renderer (its layered cache's calls recorded): the
 * Escape that clears a highlight must not, a few frames later, discard the layers that still show
 * the highlighted elements as they look again. Lingering elements (left their own state, kept on
 * top until settle discards the layers drawn without them) got their change listed while still on
 * top; a later listing (a node's 'bounds' event when its bounds are next read, with its edges)
 * then discarded every layer holding them: at 20k elements, a frame drawing everything directly.
 */
import { afterEach, expect, it, vi } from "vitest";
import cytoscape from "cytoscape";
import { drawStatesOnTop } from "../../../client/graph/canvas-layers.ts";

afterEach(() => vi.unstubAllGlobals());

it("keeps the layers of highlighted elements that lingered on top, once they look as drawn again", async () => {
  class Canvas {
    style = { zIndex: "1" };
    insertAdjacentElement() {}
  }
  vi.stubGlobal("HTMLCanvasElement", Canvas);
  vi.stubGlobal("document", { createElement: () => ({ dataset: {}, style: {}, hidden: true, remove() {} }) });
  const cy = cytoscape({
    headless: true,
    elements: [
      { data: { id: "a" }, position: { x: 0, y: 0 } },
      { data: { id: "b" }, position: { x: 50, y: 0 } },
      { data: { id: "e", source: "a", target: "b" } },
    ],
  });
  type Ele = { _private: { styleKey?: unknown; rscratch: Record<string, unknown> } };
  const eles = cy.elements().toArray() as unknown as Ele[] & { nondrag?: Ele[]; drag?: Ele[] };
  const [a, , e] = eles as [Ele, Ele, Ele];
  for (const x of eles) x._private.styleKey = "plain";
  const passed: Ele[][] = [];
  const discarded: unknown[] = [];
  const before: ((willDraw: boolean) => void)[] = [];
  const cache = {
    lastInvalidationTime: 0,
    invalidateElements: (list: ArrayLike<Ele>) => void passed.push(Array.from(list)),
    drawEleInLayer: (_layer: unknown, _ele: Ele, _lvl: number, _pxRatio: number) => undefined,
    invalidateLayer: (l: unknown) => void discarded.push(l),
    getLayers: () => null,
  };
  const r = {
    cachedZSortedEles: eles,
    updateCachedGrabbedEles() {
      eles.nondrag = [...eles];
      eles.drag = [];
    },
    beforeRender: (fn: (willDraw: boolean) => void) => void before.push(fn),
    beforeRenderPriorities: { eleCalcs: 300 },
    redrawHint: () => undefined,
    redraw: () => undefined,
    NODE: 0,
    data: { canvases: [new Canvas()], lyrTxrCache: cache },
    getPixelRatio: () => 1,
  };
  (cy as unknown as { renderer(): unknown }).renderer = () => r;
  const states = drawStatesOnTop(cy)!;
  expect(states).not.toBeNull();
  const frame = () => before.forEach((fn) => fn(true));
  const level0 = { level: 0 };
  const level1 = { level: 1 };
  // Level 0 drawn as they look; then a highlight puts a and e on top; level 1 is drawn meanwhile.
  frame();
  for (const x of eles) cache.drawEleInLayer(level0, x, 0, 1);
  states.mark(cy.$("#a, #e"));
  a._private.styleKey = e._private.styleKey = "highlighted";
  frame();
  cache.invalidateElements([a, e]);
  for (const x of eles) cache.drawEleInLayer(level1, x, 1, 1);
  // Escape: the highlight cleared (Cytoscape's style key is not the same as before it was added).
  states.mark([]);
  a._private.styleKey = e._private.styleKey = "plain again";
  frame();
  cache.invalidateElements([a, e]);
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(discarded).toEqual([level1]);
  for (let i = 0; i < 4; i++) frame();
  // A node's bounds read again ('bounds'), listed with its edges some frames later.
  passed.length = 0;
  cache.invalidateElements([a, e]);
  expect(passed).toEqual([[]]);
  expect(discarded).toEqual([level1]);
});
