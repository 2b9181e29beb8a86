/**
 * Cytoscape's canvas renderer (3.x) keeps a drawing of all elements per zoom level, its layered
 * texture cache; once a level is complete, a frame is one copy of it (a few ms) instead of drawing
 * every element (≈ 250–350 ms at 20k elements here, twice: the first frame in view and the redraw
 * after its node textures are made). It builds a level a few elements per frame, and only after
 * nothing changed for 250 ms. prepareLayers builds it while the graph is still out of view, so the
 * view turns to a finished drawing. What it reads and calls is the renderer's internal state,
 * checked before use: without it (another renderer or version) it does nothing and the graph is
 * drawn at once as before.
 */
import type { Core } from "cytoscape";

/** The parts of Cytoscape's canvas renderer (3.x) used here. */
interface LayerCache {
  /** When an element last changed (performance.now()); the cache builds nothing for 250 ms after. */
  lastInvalidationTime: number;
  /** The layers with elements still to be drawn into them. */
  layersQueue: { size(): number };
  /** Draws the next queued element into its layer. */
  dequeue(pxRatio: number): unknown;
}

interface CanvasRenderer {
  data?: { lyrTxrCache?: Partial<LayerCache> };
  getPixelRatio?: () => number;
  getCachedImage?: (url: string, crossOrigin: string, onLoad: () => void) => unknown;
}

function renderer(cy: Core): CanvasRenderer | undefined {
  return (cy as unknown as { renderer(): CanvasRenderer | undefined }).renderer();
}

function layerCache(cy: Core): { cache: LayerCache; pxRatio: () => number } | null {
  const r = renderer(cy);
  const c = r?.data?.lyrTxrCache;
  if (!r || !c || typeof c.lastInvalidationTime !== "number" || typeof c.layersQueue?.size !== "function") return null;
  if (typeof c.dequeue !== "function" || typeof r.getPixelRatio !== "function") return null;
  return { cache: c as LayerCache, pxRatio: () => r.getPixelRatio!() };
}

/**
 * A transparent image of 1 × 1 pixel, drawn at size 0 (nothing is drawn). Cytoscape 3.34 draws a
 * node's background images in two passes that disagree about a node without any ('none'): one sets
 * its `backgrounding` state, the other clears it, and each change is a style event that, a frame
 * later, discards the layered cache holding the node. With an image both passes agree.
 */
export const BLANK_IMAGE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

/** Starts loading BLANK_IMAGE in the renderer (nodes drawn before it has loaded are drawn again). */
export function preloadBlankImage(cy: Core): void {
  renderer(cy)?.getCachedImage?.(BLANK_IMAGE, "anonymous", () => undefined);
}

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The cache starts 250 ms after the last change (3.x); with a margin. */
const QUIET_MS = 300;
/** Elements drawn into the layers per task, besides what the renderer draws per frame by itself. */
const SLICE_MS = 50;

/**
 * Builds the layered cache for the current zoom level while the view shows none of the graph:
 * waits until nothing has changed for QUIET_MS (except right at the start, see below), asks for a
 * frame (the cache queues every element then), and draws the queued elements into the layers,
 * SLICE_MS per task.
 * If an element changes meanwhile (its layer is discarded), starts over; gives up after `maxMs`.
 * Resolves true when the level was built without a change, false if it gave up or could not start.
 */
export async function prepareLayers(cy: Core, pause: () => Promise<void>, maxMs = 6000): Promise<boolean> {
  const found = layerCache(cy);
  if (!found) return false;
  const { cache, pxRatio } = found;
  const start = performance.now();
  const within = () => performance.now() - start < maxMs;
  // A frame measures what was changed last; nothing changes after that, so the cache's wait after
  // a change would only be idle time. (A change still pending is noticed in the next frame, which
  // sets the time again: then the loop below waits as usual.)
  await pause();
  cache.lastInvalidationTime = Math.min(cache.lastInvalidationTime, performance.now() - QUIET_MS);
  while (within()) {
    while (within() && performance.now() - cache.lastInvalidationTime < QUIET_MS) await pause();
    if (!within()) break;
    const asked = performance.now();
    // A frame: the cache puts every element in the queue of its layer (nothing in view is drawn).
    cy.panBy({ x: 1, y: 0 });
    await pause();
    while (within() && cache.layersQueue.size() > 0) {
      const sliceEnd = performance.now() + SLICE_MS;
      const ratio = pxRatio();
      while (cache.layersQueue.size() > 0 && performance.now() < sliceEnd) cache.dequeue(ratio);
      // Input and frames get their turn; waiting for each frame would leave most of the time unused.
      await yieldToPage();
    }
    if (cache.lastInvalidationTime < asked && cache.layersQueue.size() === 0) return true;
  }
  return false;
}
