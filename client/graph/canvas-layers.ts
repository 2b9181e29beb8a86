/**
 * Cytoscape's canvas renderer (3.x) keeps a drawing of all elements per zoom level, its layered
 * texture cache; once a level is complete, a frame is one copy of it (a few ms) instead of drawing
 * every element (≈ 250–350 ms at 20k elements here, twice: the first frame in view and the redraw
 * after its node textures are made). It builds a level a few elements per frame, and only after
 * nothing changed for 250 ms. prepareLayers builds it while the graph is still out of view, so the
 * view turns to a finished drawing; keepLayers builds it again after interaction. What they read
 * and call is the renderer's internal state, checked before use: without it (another renderer or
 * version) they do nothing and the graph is drawn as before.
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
  /** The layers of the current zoom level if complete; else queues what is missing (or, shortly after a change, nothing). */
  getLayers(eles: unknown[], pxRatio: number): unknown;
}

interface CanvasRenderer {
  data?: { lyrTxrCache?: Partial<LayerCache> };
  getPixelRatio?: () => number;
  /** The elements in drawing order; `nondrag` are those the layers hold. */
  getCachedZSortedEles?: () => { nondrag?: unknown[] };
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

/** What keepLayers needs besides layerCache: queueing the current level without drawing. */
function layerQueueing(cy: Core): { cache: LayerCache; pxRatio: () => number; layered: () => unknown[] | null } | null {
  const found = layerCache(cy);
  const r = renderer(cy);
  if (!found || typeof found.cache.getLayers !== "function" || typeof r?.getCachedZSortedEles !== "function") return null;
  return {
    ...found,
    layered: () => {
      const nondrag = r.getCachedZSortedEles!().nondrag;
      return Array.isArray(nondrag) ? nondrag : null;
    },
  };
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
 * Draws the queued elements into their layers, `sliceMs` per task, while `go()` holds. Between slices
 * input and frames get their turn; waiting for each frame would leave most of the time unused.
 */
async function drainQueue(cache: LayerCache, pxRatio: () => number, sliceMs: number, go: () => boolean): Promise<void> {
  while (go() && cache.layersQueue.size() > 0) {
    const sliceEnd = performance.now() + sliceMs;
    const ratio = pxRatio();
    while (cache.layersQueue.size() > 0 && performance.now() < sliceEnd) cache.dequeue(ratio);
    await yieldToPage();
  }
}

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
    await drainQueue(cache, pxRatio, SLICE_MS, within);
    if (cache.lastInvalidationTime < asked && cache.layersQueue.size() === 0) return true;
  }
  return false;
}

/** The renderer redraws by itself 50 ms after its own dequeueing stops; slices stay shorter. */
const KEEP_SLICE_MS = 12;

/**
 * Keeps the layered cache of a drawn large graph whole after interaction. A click, a selection or
 * a zoom to another level discards (or leaves unbuilt) the level in view; the renderer then draws
 * every element directly on each frame (≈ 250–350 ms at 20k) and rebuilds the level only from a
 * frame drawn 250 ms after the last change, which a still graph does not ask for, so the next
 * interaction is drawn directly again. Here, after each frame drawn without the whole level,
 * once nothing has changed for QUIET_MS, the missing elements are queued (without a frame) and
 * drawn into the layers KEEP_SLICE_MS per task; the renderer then draws the finished level.
 * What users see is unchanged: the same cache the renderer builds itself, earlier and in slices.
 * Returns a function that stops it; does nothing without the renderer's internals (see layerCache).
 */
export function keepLayers(cy: Core): () => void {
  const found = layerQueueing(cy);
  if (!found) return () => undefined;
  const { cache, pxRatio, layered } = found;
  let running = false;
  let stopped = false;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  async function rebuild(): Promise<void> {
    // Until nothing has changed for QUIET_MS (the renderer builds nothing before 250 ms).
    for (let quiet = performance.now() - cache.lastInvalidationTime; quiet < QUIET_MS;) {
      await sleep(QUIET_MS - quiet);
      quiet = performance.now() - cache.lastInvalidationTime;
    }
    if (stopped) return;
    const eles = layered();
    if (!eles) return;
    const asked = performance.now();
    // Queues every element of the level not yet in a layer (nothing is drawn); null when the
    // level cannot be layered (e.g. zoomed in far) or while it still counts as recently changed.
    cache.getLayers(eles, pxRatio());
    await drainQueue(cache, pxRatio, KEEP_SLICE_MS, () => !stopped && cache.lastInvalidationTime < asked);
  }

  /** After a drawing: is the level for this zoom whole? If not, build it (once at a time). */
  const onRender = () => {
    if (running || stopped) return;
    running = true;
    void (async () => {
      try {
        // The next macrotask: this frame's own queueing is done, and input is handled first.
        await yieldToPage();
        await rebuild();
      } finally {
        running = false;
      }
    })();
  };
  cy.on("render", onRender);
  return () => {
    stopped = true;
    cy.off("render", onRender);
  };
}
