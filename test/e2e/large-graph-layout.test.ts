/**
 * A large graph's layout runs in the layout worker: a generated graph of 3,000 elements served in
 * place of the API, the worker's request held until the test lets it go, so what happens while the
 * layout runs is observed without racing it: the page shows progress and keeps answering clicks and
 * typing; once released, the positions come back and are applied, and the graph is drawn with the
 * large-graph stylesheet, and its layered cache is built, so the zoom of a panel highlight, which
 * fades the rest with a veil, is drawn from that cache up to zoom 1, not element by element, and
 * past 1, at a level too large for the cache, no frame makes the textures of every element in view.
 * A first view of 10,000 elements is shown from the renderer's layered cache, whole, and answers clicks and
 * zoom; a click, a highlight and clearing them keep the cache whole (the selected and highlighted
 * elements drawn over it, the rest faded by a veil), and the pointer finds the same elements as the
 * renderer's test of every element; after the Escape that clears a highlight, the layers of the
 * zoom in view are built anew and show what drawing every element directly shows, and each new
 * level's layer is made in tasks of its own, not within a frame. The seed graph
 * stays on the main thread and keeps the full stylesheet.
 * No timings are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startExplorerSession, type ExplorerSession } from "./explorer-session.ts";
import { answerGraphql, largeGraph, type LargeGraph } from "./large-graph.ts";

let session: ExplorerSession;
const graph = largeGraph(3000);

beforeAll(async () => {
  session = await startExplorerSession();
});

afterAll(async () => {
  await session?.close();
});

/** Runs before the page's scripts: every message to a Worker waits until __layoutGate.release(). */
const HOLD_WORKER_MESSAGES = `(() => {
  const Native = window.Worker;
  const held = [];
  window.__layoutGate = { sent: 0, release() { for (const send of held.splice(0)) send(); } };
  window.Worker = class extends Native {
    postMessage(msg, transfer) {
      window.__layoutGate.sent++;
      held.push(() => super.postMessage(msg, transfer));
    }
  };
})();`;

async function openLarge(): Promise<Page> {
  const page = await session.blank();
  await page.route("**/graphql", (route) =>
    route.fulfill({ contentType: "application/json", body: answerGraphql(graph, route.request().postData() ?? "{}") }),
  );
  await page.addInitScript(HOLD_WORKER_MESSAGES);
  await page.goto(`${session.url}/`);
  return page;
}

/** The page on `g`, served by the stand-in /graphql, once it says it is ready. */
async function openReady(g: LargeGraph, timeout: number): Promise<Page> {
  const page = await session.blank();
  await page.route("**/graphql", (route) =>
    route.fulfill({ contentType: "application/json", body: answerGraphql(g, route.request().postData() ?? "{}") }),
  );
  await page.goto(`${session.url}/`);
  await page.waitForFunction(() => window.explorer.ready === true, undefined, { timeout });
  return page;
}

const gate = (page: Page) => page.evaluate(() => (window as unknown as { __layoutGate: { sent: number } }).__layoutGate.sent);

/** Where on the page the node with the most links is drawn. */
function hubOnPage(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const n = window.cy.nodes().max((x) => x.degree(false)).ele;
    const p = n.renderedPosition();
    const box = window.cy.container()!.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  });
}

/**
 * Cytoscape's canvas renderer (3.x): whether a level of its layered cache holds every element
 * drawn from the layers, and which elements are drawn on its top canvas.
 */
function layersState(page: Page): Promise<{ whole: boolean; onTop: string[] }> {
  return page.evaluate(() => {
    const r = (
      window.cy as unknown as {
        renderer(): {
          data: { lyrTxrCache: { layersByLevel: Record<string, { eles: unknown[]; reqs: number }[]> } };
          getCachedZSortedEles(): { nondrag: unknown[]; drag: { id(): string }[] };
        };
      }
    ).renderer();
    const { nondrag, drag } = r.getCachedZSortedEles();
    return {
      whole: Object.values(r.data.lyrTxrCache.layersByLevel).some(
        (ls) => ls.length > 0 && ls.every((l) => l.reqs === 0) && ls.reduce((k, l) => k + l.eles.length, 0) === nondrag.length,
      ),
      onTop: drag.map((e) => e.id()),
    };
  });
}

/**
 * The level of the layered cache for the zoom in view (Cytoscape's canvas renderer, 3.x): whether
 * it holds every element drawn from the layers, with nothing left to draw, and its layers' ids.
 */
function levelInView(page: Page): Promise<{ whole: boolean; layers: number[] }> {
  return page.evaluate(() => {
    const r = (
      window.cy as unknown as {
        renderer(): {
          getPixelRatio(): number;
          data: { lyrTxrCache: { layersByLevel: Record<string, { id: number; eles: unknown[]; reqs: number; invalid?: boolean }[]> } };
          getCachedZSortedEles(): { nondrag: unknown[] };
        };
      }
    ).renderer();
    const ls = r.data.lyrTxrCache.layersByLevel[Math.ceil(Math.log2(window.cy.zoom() * r.getPixelRatio()))] ?? [];
    const held = ls.reduce((k, l) => k + l.eles.length, 0);
    return {
      whole: ls.length > 0 && ls.every((l) => l.reqs === 0 && !l.invalid) && held === r.getCachedZSortedEles().nondrag.length,
      layers: ls.map((l) => l.id),
    };
  });
}

/**
 * The graph as drawn from the layers against the same view drawn element by element (the layered
 * cache's answer withheld for one frame): the share of 8 × 8 pixel blocks whose mean differs by
 * more than 32 in a channel. (A layer is drawn at another scale and resampled: single pixels of
 * edges and labels differ from the direct drawing, blocks hardly: up to 0.12 % in trial runs.)
 */
function layersShowAsDrawn(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const r = (
      window.cy as unknown as {
        renderer(): {
          NODE: number;
          redrawHint(what: string, on: boolean): void;
          redraw(): void;
          data: { canvases: HTMLCanvasElement[]; lyrTxrCache: { getLayers(...args: unknown[]): unknown } };
        };
      }
    ).renderer();
    const canvas = r.data.canvases[r.NODE]!;
    const drawn = async () => {
      r.redrawHint("eles", true);
      r.redraw();
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    };
    const layered = await drawn();
    const cache = r.data.lyrTxrCache;
    const getLayers = cache.getLayers;
    cache.getLayers = () => null;
    const direct = await drawn();
    cache.getLayers = getLayers;
    r.redrawHint("eles", true);
    r.redraw();
    const { width, height } = canvas;
    const B = 8;
    let blocks = 0;
    let differ = 0;
    for (let by = 0; by + B <= height; by += B)
      for (let bx = 0; bx + B <= width; bx += B) {
        const sum = [0, 0, 0, 0];
        for (let y = by; y < by + B; y++)
          for (let x = bx; x < bx + B; x++)
            for (let c = 0; c < 4; c++) sum[c]! += layered[(y * width + x) * 4 + c]! - direct[(y * width + x) * 4 + c]!;
        blocks++;
        if (sum.some((d) => Math.abs(d) / (B * B) > 32)) differ++;
      }
    return differ / blocks;
  });
}

/**
 * Counts from now on, in `window.__directDrawings`, the frames at zoom 1 or less in which
 * Cytoscape's canvas renderer (3.x) drew the graph element by element instead of from its layered
 * cache (more than 100 elements at once: the few drawn on top are drawn so in every frame).
 */
function countDirectDrawings(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Draw = (ctx: unknown, eles: unknown[], ...rest: unknown[]) => void;
    const w = window as unknown as { __directDrawings: number };
    const r = (window.cy as unknown as { renderer(): { drawCachedElements: Draw } }).renderer();
    const draw = r.drawCachedElements;
    w.__directDrawings = 0;
    r.drawCachedElements = function (this: unknown, ctx, eles, ...rest) {
      if (eles.length > 100 && window.cy.zoom() <= 1) w.__directDrawings++;
      return draw.call(this, ctx, eles, ...rest);
    };
  });
}

/**
 * Records from now on, in `window.__frames`, each frame of Cytoscape's canvas renderer (3.x): its
 * zoom, how many element and label textures it made (their caches' drawing into a texture, not the
 * direct drawing of an element without one), and whether it drew the graph element by element.
 */
function recordFrames(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Fn = (...args: unknown[]) => unknown;
    interface TextureCache {
      drawElement: Fn;
    }
    const w = window as unknown as { __frames: { zoom: number; made: number; direct: boolean }[] };
    const r = (
      window.cy as unknown as {
        renderer(): { render: Fn; drawCachedElements: Fn; data: { eleTxrCache: TextureCache; lblTxrCache: TextureCache } };
      }
    ).renderer();
    w.__frames = [];
    let frame: { zoom: number; made: number; direct: boolean } | null = null;
    const render = r.render;
    r.render = function (this: unknown, ...args) {
      frame = { zoom: window.cy.zoom(), made: 0, direct: false };
      try {
        return render.apply(this, args);
      } finally {
        w.__frames.push(frame);
        frame = null;
      }
    };
    const draw = r.drawCachedElements;
    r.drawCachedElements = function (this: unknown, ...args) {
      if (frame && (args[1] as unknown[]).length > 100) frame.direct = true;
      return draw.apply(this, args);
    };
    for (const cache of [r.data.eleTxrCache, r.data.lblTxrCache]) {
      const drawElement = cache.drawElement;
      // Into a texture: (context, ele, bb, labelShown, …); an element drawn without one: (context, ele).
      cache.drawElement = function (this: unknown, ...args) {
        if (frame && args.length > 2) frame.made++;
        return drawElement.apply(this, args);
      };
    }
  });
}

/**
 * Counts from now on, in `window.__layersMadeAtOnce`, the layers Cytoscape's canvas renderer (3.x)
 * made within one question to its layered cache (getLayers: every element's bounds, the layer's
 * canvas and every element queued in one task; ≈ 100–180 ms at 20k elements), and in
 * `window.__layersMade` all layers made for a level (makeLayersInSlices makes them in tasks of their own).
 */
function countLayersMade(page: Page): Promise<void> {
  return page.evaluate(() => {
    type Fn = (...args: unknown[]) => unknown;
    const w = window as unknown as { __layersMadeAtOnce: number; __layersMade: number };
    const cache = (window.cy as unknown as { renderer(): { data: { lyrTxrCache: { getLayers: Fn; makeLayer: Fn } } } }).renderer().data
      .lyrTxrCache;
    w.__layersMadeAtOnce = 0;
    w.__layersMade = 0;
    let asking = 0;
    // Looked up at each call (drawStatesOnTop's settle calls it too), so this wraps every caller's.
    const getLayers = cache.getLayers;
    cache.getLayers = function (this: unknown, ...args) {
      asking++;
      try {
        return getLayers.apply(this, args);
      } finally {
        asking--;
      }
    };
    const makeLayer = cache.makeLayer;
    cache.makeLayer = function (this: unknown, ...args) {
      w.__layersMade++;
      if (asking > 0) w.__layersMadeAtOnce++;
      return makeLayer.apply(this, args);
    };
  });
}

/** Compares the pointer's element test (indexHitTests) with the renderer's own, at nodes and at random points. */
function hitTestsAgree(page: Page): Promise<{ compared: number; differ: string[] }> {
  return page.evaluate(() => {
    type Find = (x: number, y: number, interactiveOnly: boolean, isTouch: boolean) => { id(): string }[];
    const r = (window.cy as unknown as { renderer(): { findNearestElements: Find } }).renderer();
    const scanAll = (Object.getPrototypeOf(r) as { findNearestElements: Find }).findNearestElements;
    const bb = window.cy.elements().boundingBox();
    const points: [number, number][] = window.cy
      .nodes()
      .slice(0, 50)
      .map((n) => [n.position().x + n.width() * 0.3, n.position().y] as [number, number]);
    // A fixed sequence of points spread over the graph (no Math.random: the same in every run).
    for (let i = 0; i < 100; i++) points.push([bb.x1 + ((i * 0.618) % 1) * bb.w, bb.y1 + ((i * 0.382 + 0.1) % 1) * bb.h]);
    const differ: string[] = [];
    for (const [x, y] of points) {
      const ids = (found: { id(): string }[]) => found.map((e) => e.id()).join(",");
      const fast = ids(r.findNearestElements(x, y, true, false));
      const slow = ids(scanAll.call(r, x, y, true, false));
      if (fast !== slow) differ.push(`${x},${y}: ${fast} vs ${slow}`);
    }
    return { compared: points.length, differ };
  });
}

describe("the layout of a large graph", () => {
  it("is computed in the worker while the page shows progress and stays usable", async () => {
    const page = await openLarge();
    const graphEl = page.locator("[data-test-graph]");
    await page.locator('[data-test-graph][data-layout-state="running"]').waitFor({ state: "attached", timeout: 30_000 });
    expect(await graphEl.getAttribute("data-layout-engine")).toBe("worker");
    expect(await gate(page)).toBe(1);
    const progress = page.locator("[data-test-layout-progress]");
    expect(await progress.isVisible()).toBe(true);
    expect(await progress.textContent()).toContain("Layout läuft");
    await session.shot(page, "8-large-graph-layout-running");

    // While the worker holds the layout, the page answers: a tab switches, the search box takes input.
    await page.locator("[data-test-tab=paths]").click();
    expect(await page.locator("[data-test-tab=paths]").getAttribute("aria-selected")).toBe("true");
    await page.locator("[data-test-search-input]").fill("Firma 12");
    expect(await page.locator("[data-test-search-input]").inputValue()).toBe("Firma 12");
    expect(await page.evaluate(() => ({ ready: window.explorer.ready, state: window.explorer.layout?.state }))).toEqual({
      ready: false,
      state: "running",
    });
    expect(await page.evaluate(() => window.cy.nodes().length)).toBe(graph.nodes.length);

    await page.evaluate(() => (window as unknown as { __layoutGate: { release(): void } }).__layoutGate.release());
    await page.waitForFunction(() => window.explorer.ready === true, undefined, { timeout: 60_000 });
    expect(await page.evaluate(() => window.explorer.layout)).toEqual({ state: "done", engine: "worker", elements: 3000 });
    expect(await graphEl.getAttribute("data-layout-state")).toBe("done");
    expect(await progress.isVisible()).toBe(false);
    const placed = await page.evaluate(() => {
      const ps = window.cy.nodes().map((n) => n.position());
      const distinct = new Set(ps.map((p) => `${Math.round(p.x)},${Math.round(p.y)}`));
      const ext = window.cy.extent();
      const inView = ps.filter((p) => p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2).length;
      return { nodes: ps.length, finite: ps.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)), distinct: distinct.size, inView };
    });
    expect(placed.finite).toBe(true);
    expect(placed.distinct).toBeGreaterThan(placed.nodes * 0.95);
    expect(placed.inView).toBe(placed.nodes);
    // Every element is back after the reveal, drawn with the large-graph stylesheet (straight edges, no arrows).
    expect(
      await page.evaluate(() => ({
        edges: window.cy.edges().length,
        curve: window.cy.edges()[0]!.style("curve-style") as string,
        arrow: window.cy.edges()[0]!.style("target-arrow-shape") as string,
      })),
    ).toEqual({ edges: graph.edges.length, curve: "haystack", arrow: "none" });
    // Every node too, none left with a rule of the normal stylesheet after being taken out and put back.
    expect(await page.evaluate(() => window.cy.nodes().filter((n) => n.style("min-zoomed-font-size") !== "14px").length)).toBe(0);
    await session.shot(page, "9-large-graph-laid-out");

    // The layered cache of the first view's level is whole (made before the view turned to it, and
    // kept whole by keepLayers): the panel's zoom below then goes to a level not drawn yet from it.
    await expect.poll(async () => (await levelInView(page)).whole, { timeout: 30_000 }).toBe(true);
    await countDirectDrawings(page);
    await recordFrames(page);

    // A neighbour chosen in the details panel is highlighted over the rest, which a veil fades:
    // no element gets the class `faded` (restyling all of them blocked the page for 340–730 ms at 5k).
    const hub = await hubOnPage(page);
    await page.mouse.click(hub.x, hub.y);
    await page.locator("[data-test-goto]").first().click();
    await page.waitForFunction(() => window.cy.$("node.highlighted:selected").length === 1);
    expect(
      await page.evaluate(() => ({
        faded: window.cy.$(".faded").length,
        veil: document.querySelector("[data-test-fade-veil]:not([hidden])") !== null,
      })),
    ).toEqual({ faded: 0, veil: true });
    // The panel's zoom (to 1.2) was drawn from the layers of the first view's level while those of
    // the levels passed were queued, not every element directly (≈ 630 ms in one frame at 5k, its
    // textures made). Counted up to zoom 1: this graph's layer for zoom 1.2 (twice its size, over
    // 4,000 × 4,000 pixels) is more than the renderer makes, so it draws that level directly.
    await page.waitForFunction(() => window.cy.zoom() >= 1.2 && !window.cy.animated());
    expect(await page.evaluate(() => (window as unknown as { __directDrawings: number }).__directDrawings)).toBe(0);
    // That level is drawn directly once its textures in view are made. They are made a slice per
    // task while a complete level stands in, not in one frame of the zoom (the frame at zoom 1.04
    // made all 427 in view, one task of 130–310 ms in trial runs); a frame makes those of up to 40 elements.
    // fcose's layout is not seeded: this graph has come out 2,140–2,390 wide in every run seen, over the
    // ≈ 2,000 from which zoom 1.2's level cannot be layered. Were it narrower, that level would be
    // layered like the others and there would be nothing to make in slices: said, not failed.
    const level = await levelInView(page);
    if (level.whole || level.layers.length)
      console.warn(`large-graph-layout: zoom 1.2 can be layered in this layout (${JSON.stringify(level)}); slices not checked`);
    else {
      await page.waitForFunction(
        () => (window as unknown as { __frames: { zoom: number; direct: boolean }[] }).__frames.some((f) => f.zoom >= 1.2 && f.direct),
        undefined,
        { timeout: 30_000 },
      );
      const frames = await page.evaluate(() => (window as unknown as { __frames: { zoom: number; made: number }[] }).__frames);
      expect(frames.filter((f) => f.zoom > 1 && f.made > 100)).toEqual([]);
    }
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.cy.$(".highlighted, :selected").length === 0);
    expect(await page.evaluate(() => document.querySelector("[data-test-fade-veil]:not([hidden])") === null)).toBe(true);

    // A later fcose layout (from the toolbar) goes to the worker again; concentric stays on the main thread.
    await page.locator("[data-test-layout]").selectOption("concentric");
    await page.waitForFunction(() => window.explorer.layout?.engine === "main" && window.explorer.layout.state === "done");
    await page.locator("[data-test-layout]").selectOption("fcose");
    await page.waitForFunction(() => window.explorer.layout?.engine === "worker");
    expect(await gate(page)).toBe(2);
    await page.evaluate(() => (window as unknown as { __layoutGate: { release(): void } }).__layoutGate.release());
    await page.waitForFunction(() => window.explorer.layout?.state === "done");
    await page.close();
  });

  it("of 10,000 elements is shown whole from the renderer's layered cache and answers zoom and clicks", async () => {
    const big = largeGraph(10_000);
    const page = await openReady(big, 120_000);
    const shown = await page.evaluate(() => {
      const ext = window.cy.extent();
      const inView = window.cy.nodes().filter((n) => {
        const p = n.position();
        return p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2;
      }).length;
      // Cytoscape's canvas renderer (3.x): the level of its layered cache for this zoom holds every element.
      const r = (
        window.cy as unknown as { renderer(): { data: { lyrTxrCache: { layersByLevel: Record<string, { eles: unknown[] }[]> } } } }
      ).renderer();
      const inLayers = Math.max(
        0,
        ...Object.values(r.data.lyrTxrCache.layersByLevel).map((ls) => ls.reduce((k, l) => k + l.eles.length, 0)),
      );
      return { nodes: window.cy.nodes().length, edges: window.cy.edges().length, inView, inLayers };
    });
    expect(shown).toEqual({ nodes: big.nodes.length, edges: big.edges.length, inView: big.nodes.length, inLayers: 10_000 });
    await session.shot(page, "9b-large-graph-10k");

    // A click on a node selects the node under the pointer; the wheel zooms.
    const target = await hubOnPage(page);
    await page.mouse.click(target.x, target.y);
    await page.waitForFunction(() => window.cy.$(":selected").length === 1);
    const picked = await page.evaluate(({ x, y }) => {
      const el = window.cy.$(":selected")[0]!;
      const bb = el.renderedBoundingBox();
      const box = window.cy.container()!.getBoundingClientRect();
      return { node: el.isNode(), under: bb.x1 <= x - box.left && x - box.left <= bb.x2 && bb.y1 <= y - box.top && y - box.top <= bb.y2 };
    }, target);
    expect(picked).toEqual({ node: true, under: true });
    // The selection kept the layers whole (the selected node is drawn over them, on the top canvas),
    // so the next frames copy them instead of drawing every element.
    expect(await layersState(page)).toEqual({ whole: true, onTop: await page.evaluate(() => window.cy.$(":selected").map((e) => e.id())) });
    // The pointer finds the same elements as the renderer's own test of every element.
    expect(await hitTestsAgree(page)).toEqual({ compared: 150, differ: [] });

    // A neighbour chosen in the details panel: it and its links highlighted, the rest faded by the
    // veil over the layers (no element restyled), the layers still whole.
    await countLayersMade(page);
    await page.locator("[data-test-goto]").first().click();
    await page.waitForFunction(() => window.cy.$("node.highlighted").length === 1);
    const highlighted = await page.evaluate(() => ({
      faded: window.cy.$(".faded").length,
      veil: document.querySelector("[data-test-fade-veil]:not([hidden])") !== null,
      marked: window.cy
        .$(".highlighted")
        .map((e) => e.id())
        .sort(),
      linked: window.cy
        .$("node.highlighted")
        .connectedEdges()
        .map((e) => e.id())
        .concat(window.cy.$("node.highlighted").id())
        .sort(),
    }));
    expect(highlighted).toEqual({ faded: 0, veil: true, marked: highlighted.linked, linked: highlighted.linked });
    const afterHighlight = await layersState(page);
    expect(afterHighlight.whole).toBe(true);
    expect([...afterHighlight.onTop].sort()).toEqual(highlighted.marked);
    // The level of the panel's zoom (1.2) is built while the highlight is drawn on top, without it.
    await page.waitForFunction(() => window.cy.zoom() >= 1.2 && !window.cy.animated());
    await expect.poll(async () => (await levelInView(page)).whole, { timeout: 60_000 }).toBe(true);
    const builtWithHighlightOnTop = (await levelInView(page)).layers;
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.cy.$(".highlighted, :selected").length === 0);
    expect(await page.evaluate(() => document.querySelector("[data-test-fade-veil]:not([hidden])") === null)).toBe(true);
    expect(await layersState(page)).toEqual({ whole: true, onTop: [] });
    // Those layers are discarded and the level is built anew, with the formerly highlighted
    // elements in their place: drawn from the layers, the view shows what drawing each element shows.
    await expect.poll(async () => (await levelInView(page)).whole, { timeout: 60_000 }).toBe(true);
    const rebuilt = (await levelInView(page)).layers;
    expect(rebuilt.filter((id) => builtWithHighlightOnTop.includes(id))).toEqual([]);
    // The panel's zoom to a new level and the Escape each made that level's layer, in tasks of
    // their own (makeLayersInSlices), not within a frame's or settle's question to the cache.
    expect(
      await page.evaluate(() => {
        const w = window as unknown as { __layersMadeAtOnce: number; __layersMade: number };
        return { made: w.__layersMade >= 2, atOnce: w.__layersMadeAtOnce };
      }),
    ).toEqual({ made: true, atOnce: 0 });
    expect(await layersShowAsDrawn(page)).toBeLessThan(0.01);
    const zoom = await page.evaluate(() => window.cy.zoom());
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((z) => window.cy.zoom() > z, zoom);
    await page.close();
    // ≈ 15 s alone; its waits for the layers (up to 60 s each) need room on a busy machine.
  }, 240_000);

  it("of 600 elements is drawn from the layered cache with the normal stylesheet and highlighted by the veil", async () => {
    // From LAYERED_CACHE_MIN (500) every first view is drawn from the layered cache: restyling all
    // elements for a highlight took 160–320 ms at 600–1,000 elements.
    const page = await openReady(largeGraph(600), 60_000);
    expect(await page.evaluate(() => window.explorer.layout)).toEqual({ state: "done", engine: "worker", elements: 600 });
    // The normal stylesheet's looks (curved edges with arrows, labels from the normal zoom), not the large graph's.
    expect(
      await page.evaluate(() => ({
        curve: window.cy.edges()[0]!.style("curve-style") as string,
        large: window.cy.nodes().filter((n) => n.style("min-zoomed-font-size") === "14px").length,
      })),
    ).toEqual({ curve: "bezier", large: 0 });
    await expect.poll(async () => (await levelInView(page)).whole, { timeout: 30_000 }).toBe(true);
    expect(await layersShowAsDrawn(page)).toBeLessThan(0.01);

    const hub = await hubOnPage(page);
    await page.mouse.click(hub.x, hub.y);
    await page.waitForFunction(() => window.cy.$(":selected").length === 1);
    await page.locator("[data-test-goto]").first().click();
    await page.waitForFunction(() => window.cy.$("node.highlighted:selected").length === 1);
    const highlighted = await page.evaluate(() => {
      const n = window.cy.$("node.highlighted")[0]!;
      return {
        faded: window.cy.$(".faded").length,
        veil: document.querySelector("[data-test-fade-veil]:not([hidden])") !== null,
        border: n.style("border-width") as string,
        z: n.style("z-index") as string,
      };
    });
    // Highlighted as in the normal sheet, in its place of the drawing order (drawn over the veil on top).
    expect(highlighted).toEqual({ faded: 0, veil: true, border: "5px", z: "0" });
    expect((await layersState(page)).onTop).toContain(await page.evaluate(() => window.cy.$("node.highlighted").id()));
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.cy.$(".highlighted, :selected").length === 0);
    expect(await page.evaluate(() => document.querySelector("[data-test-fade-veil]:not([hidden])") === null)).toBe(true);
    await page.close();
  }, 120_000);

  it("of the seed graph is computed in the worker too, and drawn with the normal stylesheet", async () => {
    // fcose of the seed graph (209 elements) on the main thread blocked the page 678 ms here.
    const page = await session.open();
    expect(await page.evaluate(() => window.explorer.layout)).toEqual(expect.objectContaining({ state: "done", engine: "worker" }));
    expect(await page.locator("[data-test-layout-progress]").isVisible()).toBe(false);
    expect(await page.evaluate(() => window.cy.edges()[0]!.style("curve-style") as string)).toBe("bezier");
    await page.close();
  });
});
