/**
 * A large graph's layout runs in the layout worker: a generated graph of 3,000 elements served in
 * place of the API, the worker's request held until the test lets it go, so what happens while the
 * layout runs is observed without racing it: the page shows progress and keeps answering clicks and
 * typing; once released, the positions come back and are applied, and the graph is drawn with the
 * large-graph stylesheet. From LAYERS_FIRST_MIN elements the first view is shown from the renderer's
 * layered cache, whole, and answers clicks and zoom; a click, a highlight and clearing them keep the
 * cache whole (the selected and highlighted elements drawn over it, the rest faded by a veil), and
 * the pointer finds the same elements as the renderer's test of every element. The seed graph
 * stays on the main thread and keeps the full stylesheet.
 * No timings are asserted.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startExplorerSession, type ExplorerSession } from "./explorer-session.ts";
import { answerGraphql, largeGraph } from "./large-graph.ts";
import { LAYERS_FIRST_MIN } from "../../client/graph/create-graph-view.ts";

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

const gate = (page: Page) => page.evaluate(() => (window as unknown as { __layoutGate: { sent: number } }).__layoutGate.sent);

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

  it(`of ${LAYERS_FIRST_MIN.toLocaleString("en")} elements is shown whole from the renderer's layered cache and answers zoom and clicks`, async () => {
    const big = largeGraph(LAYERS_FIRST_MIN);
    const page = await session.blank();
    await page.route("**/graphql", (route) =>
      route.fulfill({ contentType: "application/json", body: answerGraphql(big, route.request().postData() ?? "{}") }),
    );
    await page.goto(`${session.url}/`);
    await page.waitForFunction(() => window.explorer.ready === true, undefined, { timeout: 120_000 });
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
    expect(shown).toEqual({ nodes: big.nodes.length, edges: big.edges.length, inView: big.nodes.length, inLayers: LAYERS_FIRST_MIN });
    await session.shot(page, "9b-large-graph-10k");

    // A click on a node selects the node under the pointer; the wheel zooms.
    const target = await page.evaluate(() => {
      const n = window.cy.nodes().max((x) => x.degree(false)).ele;
      const p = n.renderedPosition();
      const box = window.cy.container()!.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
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
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.cy.$(".highlighted, :selected").length === 0);
    expect(await page.evaluate(() => document.querySelector("[data-test-fade-veil]:not([hidden])") === null)).toBe(true);
    expect(await layersState(page)).toEqual({ whole: true, onTop: [] });
    const zoom = await page.evaluate(() => window.cy.zoom());
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, -400);
    await page.waitForFunction((z) => window.cy.zoom() > z, zoom);
    await page.close();
  });

  it("of the seed graph stays on the main thread", async () => {
    const page = await session.open();
    expect(await page.evaluate(() => window.explorer.layout)).toEqual(expect.objectContaining({ state: "done", engine: "main" }));
    expect(await page.locator("[data-test-layout-progress]").isVisible()).toBe(false);
    expect(await page.evaluate(() => window.cy.edges()[0]!.style("curve-style") as string)).toBe("bezier");
    await page.close();
  });
});
