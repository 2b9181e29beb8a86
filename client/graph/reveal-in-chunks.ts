/**
 * The first drawing of a large graph without one long task. Cytoscape restyles and measures every
 * element when it is mounted and draws them all in its next frame (seconds at 20k elements). So
 * the elements are taken out while the view is still unmounted, the view is mounted empty and
 * looking away from the graph, and they go back a slice at a time with their computed positions,
 * nodes first, and the page handles input in between. Frames draw nothing meanwhile (holdDrawing:
 * out of view a frame paints nothing, yet at 20k elements it sorted and measured every element
 * again, 25–70 ms a frame), and each slice is styled and measured in its own task of about
 * REVEAL_SLICE_MS (a frame styling a chunk of 500 took 50–150 ms at 20k). Then the view turns to the
 * graph and draws it once (for large graphs from the renderer's layered cache, built out of view
 * first: canvas-layers.ts). (Cytoscape's WebGL renderer draws every element in every frame, out of
 * view too; create-graph-view draws it at once instead.)
 */
import type { Collection, Core } from "cytoscape";
import { holdDrawing } from "./hold-drawing.ts";
import { yieldToPage } from "../yield-to-page.ts";

/**
 * Elements per chunk where a frame styles and measures each (without holdDrawing, for a renderer
 * without the internals it uses): sized by elements, not time (at 5k on a slower machine, 210–290 ms
 * a frame). Also the most elements in one of the reveal's own slices.
 */
export const REVEAL_CHUNK = 500;

/** Time per slice of the reveal when it styles and measures the slices itself (holdDrawing). */
export const REVEAL_SLICE_MS = 12;

/** Elements in the first slice, and at least in any (then sized from the time the last one took). */
const FIRST_SLICE = 10;
const MIN_SLICE = 10;

/** Elements taken out of the unmounted view per task (cheaper than adding: nothing is styled). */
const REMOVE_CHUNK = 2000;

/** Until the next frame has been drawn (the chunk just added with it), then a macrotask boundary. */
export const afterNextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** The viewport that shows all `positions` (x, y pairs) with `padding` pixels, nodes up to `size` wide. */
export function fitPositions(cy: Core, positions: Float64Array, size: number, padding = 30): void {
  if (positions.length < 2) return;
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < positions.length; i += 2) {
    x1 = Math.min(x1, positions[i]!);
    x2 = Math.max(x2, positions[i]!);
    y1 = Math.min(y1, positions[i + 1]!);
    y2 = Math.max(y2, positions[i + 1]!);
  }
  const [w, h] = [x2 - x1 + size, y2 - y1 + size];
  const zoom = Math.min(cy.maxZoom(), Math.max(cy.minZoom(), Math.min((cy.width() - 2 * padding) / w, (cy.height() - 2 * padding) / h)));
  cy.viewport({ zoom, pan: { x: (cy.width() - zoom * (x1 + x2)) / 2, y: (cy.height() - zoom * (y1 + y2)) / 2 } });
}

/** What the reveal asks of an element so that later tasks find it computed (interactive(): Cytoscape 3.x, untyped). */
interface Warmed {
  boundingBox(): unknown;
  interactive?: () => boolean;
}

/**
 * Runs `work` on `eles` a slice per task, each sized from the time the last one took to take about
 * `sliceMs` (the first elements styled cost more than later ones: caches and code still cold).
 */
async function inSlices(eles: Collection, sliceMs: number, most: number, work: (part: Collection) => void): Promise<void> {
  let size = FIRST_SLICE;
  for (let i = 0; i < eles.length;) {
    const start = performance.now();
    const part = eles.slice(i, i + size);
    work(part);
    i += part.length;
    const took = Math.max(performance.now() - start, 0.1);
    size = Math.max(MIN_SLICE, Math.min(most, Math.round(size * Math.min(2, sliceMs / took))));
    await yieldToPage();
  }
}

/**
 * Takes every element out of the (unmounted) view, calls `mount`, and puts them back in chunks,
 * node i of `ids` at positions [2i], [2i + 1]. With the canvas renderer's internals (holdDrawing),
 * frames draw nothing until the view turns, and each slice is styled and measured in its own task,
 * of about `sliceMs`; without them, one chunk of `chunk` elements goes back per `pause` (the frame
 * after it styles and measures it). `beforeTurn` runs when all are back, before the view turns to
 * them (e.g. prepareLayers), with a function that lets frames draw again (e.g. before asking the
 * renderer for a frame that must draw). Resolves when the view shows them.
 */
export async function revealInChunks(
  cy: Core,
  ids: readonly string[],
  positions: Float64Array,
  mount: () => void,
  pause: () => Promise<void> = afterNextFrame,
  chunk = REVEAL_CHUNK,
  beforeTurn: (drawFrames: () => void) => Promise<unknown> = () => Promise.resolve(),
  sliceMs = REVEAL_SLICE_MS,
): Promise<void> {
  const at = new Map<string, number>();
  ids.forEach((id, i) => at.set(id, i));
  const all = cy.elements();
  const nodes = all.nodes() as unknown as Collection;
  const edges = all.edges() as unknown as Collection;
  // Edges first (taking out a node takes out its edges one by one), in chunks: nothing is drawn yet.
  for (const eles of [edges, nodes])
    for (let i = 0; i < eles.length; i += REMOVE_CHUNK) {
      cy.batch(() => eles.slice(i, i + REMOVE_CHUNK).remove());
      await yieldToPage();
    }
  mount();
  const zoom = cy.zoom();
  const pan = { ...cy.pan() };
  // Out of view, nothing is drawn; the renderer still styles and measures what was added.
  cy.viewport({ zoom, pan: { x: pan.x + 100 * cy.width() + 1e6 * zoom, y: pan.y } });
  const putBack = (part: Collection) =>
    cy.batch(() => {
      part.nodes().forEach((n) => {
        const i = at.get(n.id());
        if (i !== undefined) n.position({ x: positions[2 * i]!, y: positions[2 * i + 1]! });
      });
      part.restore();
    });
  const drawing = holdDrawing(cy);
  try {
    if (drawing) {
      const measure = drawing.measure;
      for (const eles of [nodes, edges]) await inSlices(eles, sliceMs, chunk, (part) => (putBack(part), measure()));
      // Their bounds, as the frames drawing them out of view took them: taken first later (the
      // layered cache's level, the hit index), each would count as a change in the next frame. And
      // whether each is interactive, which the first drawing order asks of every element (≈ 60 ms at
      // 20k in the task that sorts them, else).
      const settle = (el: Warmed) => {
        el.boundingBox();
        el.interactive?.();
      };
      await inSlices(all, sliceMs, chunk, (part) => (part.forEach((el) => settle(el as unknown as Warmed)), measure()));
    } else {
      const order: Collection[] = [];
      for (let i = 0; i < nodes.length; i += chunk) order.push(nodes.slice(i, i + chunk));
      for (let i = 0; i < edges.length; i += chunk) order.push(edges.slice(i, i + chunk));
      for (const part of order) {
        // The first frame draws an empty view: Cytoscape draws whatever is there on its first frame
        // into its layer cache at once, even out of view.
        await pause();
        putBack(part);
      }
      await pause();
    }
    await beforeTurn(() => drawing?.release());
  } finally {
    drawing?.release();
  }
  cy.viewport({ zoom, pan });
}
