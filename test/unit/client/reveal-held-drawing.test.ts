/**
 * The reveal of a large first view draws nothing while the view looks away from the graph: out of
 * view a frame paints nothing, yet Cytoscape's canvas renderer sorted and measured every element
 * in each one (at 20k elements 25–70 ms of each of the reveal's frames). The elements are styled
 * and measured in the reveal's own slices instead. Headless Cytoscape with a stand-in for the
 * canvas renderer (3.x), as far as holdDrawing uses it; a frame comes before every task.
 */
import { afterEach, describe, expect, it } from "vitest";
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import { revealInChunks } from "../../../client/graph/reveal-in-chunks.ts";

interface Drawn {
  pan: { x: number; y: number };
  elements: number;
  forced: boolean;
}

function graph(nodes: number): ElementDefinition[] {
  const els: ElementDefinition[] = [];
  for (let i = 0; i < nodes; i++) els.push({ group: "nodes", data: { id: `n${i}` } });
  for (let i = 1; i < nodes; i++) els.push({ group: "edges", data: { id: `e${i}`, source: `n${i - 1}`, target: `n${i}` } });
  return els;
}

/** The stand-in renderer of `cy`: what it drew (render) and how often it was asked to measure. */
function standIn(cy: Core) {
  const log = { drawn: [] as Drawn[], measured: 0, redraws: 0 };
  // Over headless Cytoscape's own (null) renderer, which the core notifies of changes.
  const prototype = Object.assign(Object.create((cy as unknown as { renderer(): object }).renderer()) as object, {
    render(options?: { forcedContext?: unknown }) {
      log.drawn.push({ pan: { ...cy.pan() }, elements: cy.elements().length, forced: options?.forcedContext !== undefined });
    },
  });
  const r = Object.assign(Object.create(prototype) as typeof prototype, {
    flushRenderedStyleQueue: () => void log.measured++,
    recalculateRenderedStyle: () => undefined,
    redrawHint: () => undefined,
    redraw: () => void log.redraws++,
  });
  (cy as unknown as { renderer(): unknown }).renderer = () => r;
  // What the renderer's requestAnimationFrame loop does once a frame was asked for (elements added).
  const frame = () => r.render();
  return { r, prototype, log, frame };
}

const setTimeout0 = globalThis.setTimeout;
afterEach(() => {
  globalThis.setTimeout = setTimeout0;
});

/** Every task (setTimeout) starts after a frame, as the browser's frames come between tasks. */
function framesBetweenTasks(frame: () => void): void {
  globalThis.setTimeout = ((fn: () => void, ms?: number) =>
    setTimeout0(() => {
      frame();
      fn();
    }, ms)) as typeof setTimeout;
}

const fitted = { zoom: 0.5, pan: { x: 10, y: 20 } };
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe("the reveal of a large first view, out of view", () => {
  it("has frames draw nothing until the view turns to the graph, then draw it", async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: graph(1500) });
    const s = standIn(cy);
    let forcedWhileHeld = 0;
    await revealInChunks(
      cy,
      [],
      new Float64Array(),
      () => {
        // Mounted: from here on the renderer's frames run.
        framesBetweenTasks(s.frame);
        cy.viewport(fitted);
      },
      nextTask,
      500,
      async () => {
        // A drawing into another context (cy.png) is drawn meanwhile.
        const before = s.log.drawn.length;
        s.r.render({ forcedContext: {} });
        forcedWhileHeld = s.log.drawn.length - before;
      },
    );
    expect(cy.elements()).toHaveLength(2999);
    expect(forcedWhileHeld).toBe(1);
    // Frames came between the reveal's tasks, but none drew while the view looked away.
    expect(s.log.drawn.filter((d) => !d.forced)).toEqual([]);
    // The slices were styled and measured by the reveal itself, and the view turned.
    expect(s.log.measured).toBeGreaterThan(1);
    expect({ zoom: cy.zoom(), pan: cy.pan() }).toEqual(fitted);
    // Frames draw again, the whole graph in view; the renderer has its own render back.
    expect(s.log.redraws).toBeGreaterThan(0);
    s.frame();
    expect(s.log.drawn.at(-1)).toEqual({ pan: fitted.pan, elements: 2999, forced: false });
    expect(Object.prototype.hasOwnProperty.call(s.r, "render")).toBe(false);
    expect(s.r.render).toBe(s.prototype.render);
  });

  it("lets beforeTurn have frames drawn again (a frame the renderer must draw, e.g. for the layers)", async () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, elements: graph(50) });
    const s = standIn(cy);
    await revealInChunks(
      cy,
      [],
      new Float64Array(),
      () => void cy.viewport(fitted),
      nextTask,
      500,
      async (drawFrames) => {
        s.frame();
        drawFrames();
        s.frame();
      },
    );
    expect(s.log.drawn).toHaveLength(1);
    expect(s.log.drawn[0]!.elements).toBe(99);
    expect(s.log.drawn[0]!.pan).not.toEqual(fitted.pan);
  });
});
