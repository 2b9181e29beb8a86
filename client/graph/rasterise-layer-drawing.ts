/**
 * Chromium records what is drawn into a 2D canvas and turns it into pixels later, all at once:
 * when the canvas is read, drawn elsewhere or its record grows too large. Drawing an element into
 * one of the layered cache's layers (Cytoscape's canvas renderer, 3.x) is quick to record, and an
 * edge is drawn into the layer as a line, not copied from a texture; so a layer of a 20k-element
 * graph built in slices of a few ms each held every edge of the level unrasterised, and a single
 * later draw call (the first node copied into the layer) paid for all 12,000 lines at once:
 * 165–290 ms in one task, after a panel highlight and after the Escape that cleared it.
 *
 * rasteriseLayerDrawing has the layers drawn into turned into pixels after every RASTER_EVERY_MS
 * spent drawing elements into them (the renderer's own drawing per frame and keepLayers' slices
 * alike), by reading one pixel of each: the same work, in pieces of a few ms. What the layers
 * hold is unchanged. Uses the renderer's internals, checked before use; without them it does
 * nothing. Returns a function that stops it.
 *
 * Measured only with software rasterisation (Chromium without a GPU, as the tests and benchmarks
 * run it). With a GPU, reading a pixel is a readback from it, which that measurement says nothing
 * about, so create-graph-view starts this only where rasterisesInSoftware().
 */
import type { Core } from "cytoscape";

/** A layer of the layered cache: its canvas's 2D context, and whether it was discarded. */
interface Layer {
  context?: { getImageData?(x: number, y: number, w: number, h: number): unknown };
  invalid?: boolean;
}

interface Cache {
  /** The layers with elements still to be drawn into them, the next one first. */
  layersQueue: { size(): number; peek(): Layer | undefined };
  /** Draws the next queued element into its layer (the first of layersQueue). */
  dequeue(pxRatio: number): unknown;
}

/** Time spent drawing elements into layers between two rasterisations (ms). */
export const RASTER_EVERY_MS = 4;

function layerCache(cy: Core): Cache | null {
  const r = (cy as unknown as { renderer(): { data?: { lyrTxrCache?: Partial<Cache> } } | undefined }).renderer();
  const c = r?.data?.lyrTxrCache;
  if (!c || typeof c.dequeue !== "function") return null;
  if (typeof c.layersQueue?.size !== "function" || typeof c.layersQueue.peek !== "function") return null;
  return c as Cache;
}

export function rasteriseLayerDrawing(cy: Core, everyMs = RASTER_EVERY_MS): () => void {
  const cache = layerCache(cy);
  if (!cache) return () => undefined;
  const dequeue0 = cache.dequeue;
  /** Drawn into since the last rasterisation. */
  const drawn = new Set<Layer>();
  let drawingMs = 0;
  let stopped = false;
  const rasterise = () => {
    for (const layer of drawn) {
      // Reading a pixel needs the layer's pixels: Chromium rasterises what it recorded.
      if (!layer.invalid && typeof layer.context?.getImageData === "function") layer.context.getImageData(0, 0, 1, 1);
    }
    drawn.clear();
    drawingMs = 0;
  };
  const dequeue = function (this: Cache, pxRatio: number) {
    if (stopped) return dequeue0.call(this, pxRatio);
    const layer = this.layersQueue.size() > 0 ? this.layersQueue.peek() : undefined;
    const start = performance.now();
    const out = dequeue0.call(this, pxRatio);
    if (layer) drawn.add(layer);
    drawingMs += performance.now() - start;
    if (drawingMs >= everyMs) rasterise();
    return out;
  };
  cache.dequeue = dequeue;
  return () => {
    stopped = true;
    // Unless another wrapper was put over it meanwhile (it then calls this one, which passes through).
    if (cache.dequeue === dequeue) cache.dequeue = dequeue0;
    drawn.clear();
  };
}

let software: boolean | undefined;

/**
 * Whether this page's canvases are rasterised without a GPU: WebGL unavailable, or its renderer a
 * software one (SwiftShader, llvmpipe, …). Asked once.
 */
export function rasterisesInSoftware(): boolean {
  if (software !== undefined) return software;
  const gl = document.createElement("canvas").getContext("webgl");
  if (!gl) return (software = true);
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  gl.getExtension("WEBGL_lose_context")?.loseContext();
  return (software = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer));
}
