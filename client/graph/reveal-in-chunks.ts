/**
 * The first drawing of a large graph without one long task. Cytoscape restyles and measures every
 * element when it is mounted and draws them all in its next frame (seconds at 20k elements). So
 * the elements are taken out while the view is still unmounted, the view is mounted empty and
 * looking away from the graph, and they go back a chunk at a time with their computed positions,
 * nodes first: each frame styles and measures one chunk (drawing nothing, as nothing is in view),
 * and the page handles input in between. Then the view turns to the graph and draws it once (for
 * large graphs from the renderer's layered cache, built out of view first: canvas-layers.ts).
 * (Cytoscape's WebGL renderer draws every element in every frame, out of view too: with it, each
 * frame of the reveal costs as much as drawing what is already back.)
 */
import type { Collection, Core } from "cytoscape";

/** Elements per chunk: styling and measuring one chunk (nothing drawn) stays well under 200 ms. */
export const REVEAL_CHUNK = 500;

/** Elements taken out of the unmounted view per task (cheaper than adding: nothing is styled). */
const REMOVE_CHUNK = 2000;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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

/**
 * Takes every element out of the (unmounted) view, calls `mount`, and puts them back in chunks,
 * node i of `ids` at positions [2i], [2i + 1]. `pause` runs between chunks; `beforeTurn` when all are
 * back, before the view turns to them (e.g. prepareLayers). Resolves when the view shows them.
 */
export async function revealInChunks(
  cy: Core,
  ids: readonly string[],
  positions: Float64Array,
  mount: () => void,
  pause: () => Promise<void> = afterNextFrame,
  chunk = REVEAL_CHUNK,
  beforeTurn: () => Promise<unknown> = () => Promise.resolve(),
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
  const order: Collection[] = [];
  for (let i = 0; i < nodes.length; i += chunk) order.push(nodes.slice(i, i + chunk));
  for (let i = 0; i < edges.length; i += chunk) order.push(edges.slice(i, i + chunk));
  for (const part of order) {
    // The first frame draws an empty view: Cytoscape draws whatever is there on its first frame
    // into its layer cache at once, even out of view.
    await pause();
    cy.batch(() => {
      part.nodes().forEach((n) => {
        const i = at.get(n.id());
        if (i !== undefined) n.position({ x: positions[2 * i]!, y: positions[2 * i + 1]! });
      });
      part.restore();
    });
  }
  await pause();
  await beforeTurn();
  cy.viewport({ zoom, pan });
}
