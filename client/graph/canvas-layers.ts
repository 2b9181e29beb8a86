/**
 * Cytoscape's canvas renderer (3.x) keeps a drawing of all elements per zoom level, its layered
 * texture cache; once a level is complete, a frame is one copy of it (a few ms) instead of drawing
 * every element (≈ 250–350 ms at 20k elements here, twice: the first frame in view and the redraw
 * after its node textures are made). It builds a level a few elements per frame, and only after
 * nothing changed for 250 ms. prepareLayers builds it while the graph is still out of view, so the
 * view turns to a finished drawing; keepLayers builds it again after interaction; drawStatesOnTop
 * keeps it through selection, pressing and highlighting (drawing those elements over it) and fades
 * it with a veil instead of restyling every element. What they read and call is the renderer's
 * internal state, checked before use: without it (another renderer or version) they do nothing
 * and the graph is drawn as before.
 */
import type cytoscape from "cytoscape";
import type { Core } from "cytoscape";
import { queueLevelInSlices } from "./queue-level-in-slices.ts";
import { yieldToPage } from "../yield-to-page.ts";

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

/**
 * The layered cache draws every element into a new layer in one go the first time a frame asks it
 * for layers (3.x: `firstGet`); later it queues them and draws them a few at a time. Marks that
 * first time as past, so that a first view drawn without its layers prepared (prepareLayers) is
 * drawn directly in its first frame, its layers made afterwards. Returns whether it could.
 */
export function skipFirstLayerDrawing(cy: Core): boolean {
  const c = renderer(cy)?.data?.lyrTxrCache as { firstGet?: unknown } | undefined;
  if (typeof c?.firstGet !== "boolean") return false;
  c.firstGet = false;
  return true;
}

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
 * waits until nothing has changed for QUIET_MS (except right at the start, see below), makes the
 * level's layer and queues every element in it in slices (queueLevelInSlices; where it cannot, it
 * asks for a frame, in which the cache does the same at once: at 20k elements the longest task of
 * the first drawing), and draws the queued elements into the layers, SLICE_MS per task.
 * If an element changes meanwhile (its layer is discarded), starts over; gives up after `maxMs`.
 * `drawFrames` runs before a frame is asked for, where frames are held from drawing (holdDrawing).
 * Resolves true when the level was built without a change, false if it gave up or could not start.
 */
export async function prepareLayers(
  cy: Core,
  pause: () => Promise<void>,
  maxMs = 6000,
  drawFrames: () => void = () => undefined,
): Promise<boolean> {
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
    const queued = await queueLevelInSlices(cy, within);
    if (queued === "changed") continue;
    if (queued === "unavailable") {
      // A frame: the cache puts every element in the queue of its layer (nothing in view is drawn).
      drawFrames();
      cy.panBy({ x: 1, y: 0 });
      await pause();
    }
    await drainQueue(cache, pxRatio, SLICE_MS, within);
    if (cache.lastInvalidationTime < asked && cache.layersQueue.size() === 0) return true;
  }
  return false;
}

/** The renderer redraws by itself 50 ms after its own dequeueing stops; slices stay shorter. */
const KEEP_SLICE_MS = 12;

/**
 * Builds the layered cache of a drawn large graph and keeps it whole after interaction. A click, a
 * selection or a zoom to another level discards (or leaves unbuilt) the level in view; the renderer
 * then draws every element directly on each frame (≈ 250–350 ms at 20k) and rebuilds the level only
 * from a frame drawn 250 ms after the last change, which a still graph does not ask for, so the next
 * interaction is drawn directly again. Here, at the start and after each frame drawn without the
 * whole level, once nothing has changed for QUIET_MS, the missing elements are queued (without a
 * frame) and drawn into the layers KEEP_SLICE_MS per task; the renderer then draws the finished level.
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
  // The level in view now, which the view may have been drawn without (a frame need not follow).
  onRender();
  return () => {
    stopped = true;
    cy.off("render", onRender);
  };
}

/** An element as the canvas renderer (3.x) sees it: state flags and its drawing scratchpad. */
interface RendererEle {
  _private: {
    selected?: boolean;
    active?: boolean;
    grabbed?: boolean;
    /** A hash of the element's style (kept current by the style system). */
    styleKey?: unknown;
    /** An edge's ends. */
    source?: RendererEle;
    target?: RendererEle;
    /** A node's position. */
    position?: { x: number; y: number };
    rscratch: {
      inDragLayer?: boolean;
      /** Its style key and (nodes) position when last drawn into a layer (set here). */
      innographLayerStyleKey?: unknown;
      innographLayerX?: number;
      innographLayerY?: number;
    };
  };
  isParent(): boolean;
}

/** The renderer's elements in drawing order, split into the layered (`nondrag`) and the top canvas (`drag`). */
type ZSorted = RendererEle[] & { drag?: RendererEle[]; nondrag?: RendererEle[] };

/** The parts of the canvas renderer (3.x) that drawStatesOnTop uses besides layerCache's. */
interface StateRenderer {
  cachedZSortedEles?: ZSorted | null;
  updateCachedGrabbedEles(): void;
  beforeRender(fn: (willDraw: boolean) => void, priority: number): void;
  beforeRenderPriorities: { eleCalcs: number };
  redrawHint(what: string, on: boolean): void;
  redraw(): void;
  /** Index of the canvas the layers are drawn on (the top canvas is above it). */
  NODE: number;
  data: {
    canvases: HTMLCanvasElement[];
    lyrTxrCache: {
      invalidateElements(eles: ArrayLike<RendererEle>): void;
      drawEleInLayer(layer: unknown, ele: RendererEle, lvl: number, pxRatio: number): void;
      /** Discards one layer (optional: without it, all layers of the element are discarded). */
      invalidateLayer?(layer: unknown): void;
      /** When an element last changed (see LayerCache). */
      lastInvalidationTime?: number;
      /** Queues the level's missing elements (see LayerCache; optional: without it the next frame does). */
      getLayers?(eles: unknown[], pxRatio: number): unknown;
    };
  };
  getPixelRatio?(): number;
}

function stateRenderer(cy: Core): StateRenderer | null {
  const r = renderer(cy) as unknown as Partial<StateRenderer> | undefined;
  const c = r?.data?.lyrTxrCache;
  if (!r || !c || typeof c.invalidateElements !== "function" || typeof c.drawEleInLayer !== "function") return null;
  if (typeof r.updateCachedGrabbedEles !== "function" || typeof r.beforeRender !== "function") return null;
  if (typeof r.beforeRenderPriorities?.eleCalcs !== "number" || typeof r.redrawHint !== "function" || typeof r.redraw !== "function")
    return null;
  if (typeof r.NODE !== "number" || !(r.data?.canvases?.[r.NODE] instanceof HTMLCanvasElement)) return null;
  return r as StateRenderer;
}

export interface StatesOnTop {
  /**
   * Elements drawn on top besides the selected, active (pressed) and grabbed ones, e.g. a
   * highlight; the next frame shows them there.
   */
  mark(eles: Iterable<unknown>): void;
  /**
   * Fades everything below the top canvas (the layers) as the stylesheet's `faded` class does
   * (opacity FADED_OPACITY over the page's background), with a veil between the two canvases;
   * elements on top stay as they are.
   */
  fade(on: boolean): void;
  /** Whether fade(true) is in effect. */
  fading(): boolean;
  /**
   * To call before changing how elements look apart from the states drawn on top (filters, sizes,
   * data): the layers' copies of the elements now on top are then redrawn when they leave it.
   */
  forget(): void;
  stop(): void;
}

/**
 * Draws the elements whose state changes often — selected, pressed, grabbed, and those `mark`ed —
 * on the renderer's top canvas (the one it draws dragged elements on), over the layered cache,
 * and keeps that cache valid across such changes. In the renderer (3.x) any change of an element
 * discards the cache's layer holding it, which on a large graph is one layer of every element:
 * the next frames draw each element directly (≈ 280 ms at 20k here), and a press on a node even
 * takes it out of the layers' drawing order. Here:
 *
 * - the layers keep every element that is not being dragged, in its drawing order, and elements
 *   on top are drawn again over them (on the top canvas, in their current style);
 * - a change of an element on top does not discard its layer: the layer holds its look from
 *   before it went on top;
 * - nor does a change after which an element looks as the layer drew it (same style key and
 *   position; for an edge, its ends where they were and styled as drawn, or on top): the renderer
 *   lists an element when it leaves the top, and a node's edges with it;
 * - an element on top is not drawn into a layer being built (it is drawn on top instead); its
 *   layer is then discarded when it leaves, as is that of elements on top at `forget()`. It stays
 *   on top until a task after that frame discards the layer and queues the level's elements for a
 *   new one: done in the frame, the renderer would queue them there, on top of drawing it
 *   (≈ 100–150 ms at 20k elements, after the Escape that clears a highlight).
 *
 * What users see is unchanged: the same elements in the same styles, the changed ones on top.
 * Returns null without the renderer's internals (another renderer or version).
 */
export function drawStatesOnTop(cy: Core): StatesOnTop | null {
  const r = stateRenderer(cy);
  if (!r) return null;
  const cache = r.data.lyrTxrCache;
  const marked = new Set<unknown>();
  /** On top at the last frame (or at the last split of the drawing order). */
  let top = new Set<RendererEle>();
  /**
   * Whose layer copy is not their look off top: the layers built without them while they were on
   * top, or "all" (changed meanwhile, see forget).
   */
  const stale = new Map<RendererEle, Set<unknown> | "all">();
  /**
   * Left the top in the last frames, with their layer copy intact (frames since): the change the
   * renderer lists for them next is their return to that look. (Their style key may differ from
   * the one the copy was drawn with even so: Cytoscape's key of a style is not the same after a
   * class is added and removed again.)
   */
  const left = new Map<RendererEle, number>();
  /** Left the top with layers built without them: kept on top until settle discards those layers. */
  const lingering = new Set<RendererEle>();
  /**
   * Lingering elements whose change the renderer has not listed since they left their own state:
   * that listing is their return to the look of their layer copies, as for `left` (it comes while
   * they are still on top, so `left` never sees it; a later listing, e.g. the 'bounds' event of a
   * node whose bounds are next read, would otherwise discard every layer holding them).
   */
  const returning = new Set<RendererEle>();
  let settling: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  /** Its style as when it was last drawn into a layer. */
  const styledAsDrawn = (p: RendererEle["_private"]) => p.styleKey !== undefined && p.rscratch.innographLayerStyleKey === p.styleKey;
  /** A node where it was when last drawn into a layer. */
  const placedAsDrawn = (p: RendererEle["_private"]) =>
    p.position !== undefined && p.rscratch.innographLayerX === p.position.x && p.rscratch.innographLayerY === p.position.y;
  /**
   * Its layer copy still shows it (the renderer lists an element again when only its state on
   * top changed, and a node's edges with it): a node with the style and position it was drawn
   * with; an edge with its style, whose ends are where they were drawn and styled as drawn or on top.
   */
  const asDrawn = (ele: RendererEle) => {
    const p = ele._private;
    if (!styledAsDrawn(p)) return false;
    if (!p.source && !p.target) return placedAsDrawn(p);
    const endAsDrawn = (end: RendererEle | undefined) =>
      end !== undefined && placedAsDrawn(end._private) && (top.has(end) || left.has(end) || styledAsDrawn(end._private));
    return endAsDrawn(p.source) && endAsDrawn(p.target);
  };

  /** On top by its own state (selected, pressed, grabbed, marked). */
  const ownState = (ele: RendererEle) => {
    const p = ele._private;
    return p.selected === true || p.active === true || p.grabbed === true || marked.has(ele);
  };
  const onTop = (ele: RendererEle) => ownState(ele) || lingering.has(ele);

  const invalidate0 = cache.invalidateElements;
  /** Takes the elements on top now; those that left without a copy in the layers have those layers discarded. */
  const retake = (now: Set<RendererEle>) => {
    const discard: RendererEle[] = [];
    for (const ele of top) {
      if (now.has(ele)) continue;
      // Its other layers hold its look off top (see left); those built without it are discarded.
      left.set(ele, 0);
      const layers = stale.get(ele);
      if (!layers) continue;
      stale.delete(ele);
      if (layers !== "all" && typeof cache.invalidateLayer === "function") {
        // Without counting as a change (which would have the renderer draw every element directly
        // for 250 ms instead of showing a complete level of another zoom meanwhile).
        const changedAt = cache.lastInvalidationTime;
        for (const l of layers) cache.invalidateLayer(l);
        if (typeof changedAt === "number") cache.lastInvalidationTime = changedAt;
      } else discard.push(ele);
    }
    top = now;
    if (discard.length) invalidate0.call(cache, discard);
  };

  const split0 = r.updateCachedGrabbedEles;
  r.updateCachedGrabbedEles = function (this: StateRenderer) {
    split0.call(this);
    const eles = this.cachedZSortedEles;
    if (stopped || !eles) return;
    const nondrag: RendererEle[] = [];
    const drag: RendererEle[] = [];
    const grabTargets: RendererEle[] = [];
    const onTopNow = new Set<RendererEle>();
    // Leaving the top with layers built without them: they stay until settle (see above).
    if (typeof cache.invalidateLayer === "function")
      for (const ele of top)
        if (!ownState(ele) && !lingering.has(ele) && stale.get(ele) instanceof Set) {
          lingering.add(ele);
          returning.add(ele);
        }
    if (lingering.size > 0) settling ??= setTimeout(settle, 0);
    for (const ele of eles) {
      const dragged = ele._private.rscratch.inDragLayer === true;
      // As the renderer splits them (a grabbed node last, over its neighbourhood), except that
      // what is only pressed or grabbed, not dragged, stays in the layers too.
      if (dragged && ele._private.grabbed === true && !ele.isParent()) grabTargets.push(ele);
      else if (dragged) drag.push(ele);
      else {
        nondrag.push(ele);
        if (onTop(ele)) onTopNow.add(ele);
      }
    }
    eles.nondrag = nondrag;
    eles.drag = [...drag, ...onTopNow, ...grabTargets];
    retake(onTopNow);
  };

  // Before the frame's style work (which discards layers): the top as it is now.
  r.beforeRender((willDraw) => {
    const eles = r.cachedZSortedEles;
    if (stopped || !willDraw || !eles) return;
    for (const [ele, frames] of left) {
      if (frames >= 2) left.delete(ele);
      else left.set(ele, frames + 1);
    }
    let changed = false;
    let n = 0;
    for (const ele of eles.nondrag ?? eles) {
      if (!onTop(ele) || ele._private.rscratch.inDragLayer === true) continue;
      n++;
      if (!top.has(ele)) {
        changed = true;
        break;
      }
    }
    if (!changed && n === top.size) return;
    r.updateCachedGrabbedEles();
    r.redrawHint("drag", true);
  }, r.beforeRenderPriorities.eleCalcs + 1);

  cache.invalidateElements = function (eles) {
    if (stopped) return invalidate0.call(this, eles);
    const pass: RendererEle[] = [];
    const back: RendererEle[] = [];
    for (let i = 0; i < eles.length; i++) {
      const ele = eles[i]!;
      // On top it is drawn anew; its layer copy is seen to when it leaves (retake).
      if (top.has(ele)) {
        // Back in the look of its layer copies (see returning), though kept on top until settle.
        if (returning.delete(ele) && !ownState(ele)) ele._private.rscratch.innographLayerStyleKey = ele._private.styleKey;
        continue;
      }
      if (left.has(ele)) {
        back.push(ele);
        continue;
      }
      if (!stale.has(ele) && asDrawn(ele)) continue;
      stale.delete(ele);
      pass.push(ele);
    }
    // Back in the look of their layer copy: noted as drawn so, and a later change is a change.
    for (const ele of back) {
      left.delete(ele);
      ele._private.rscratch.innographLayerStyleKey = ele._private.styleKey;
    }
    return invalidate0.call(this, pass);
  };

  const draw0 = cache.drawEleInLayer;
  cache.drawEleInLayer = function (layer, ele, lvl, pxRatio) {
    if (!stopped && top.has(ele)) {
      const layers = stale.get(ele) ?? new Set<unknown>();
      if (layers !== "all") stale.set(ele, layers.add(layer));
      return;
    }
    const p = ele._private;
    p.rscratch.innographLayerStyleKey = p.styleKey;
    if (p.position) {
      p.rscratch.innographLayerX = p.position.x;
      p.rscratch.innographLayerY = p.position.y;
    }
    return draw0.call(this, layer, ele, lvl, pxRatio);
  };

  const redraw = () => {
    r.redrawHint("drag", true);
    r.redraw();
  };

  /**
   * A task of its own after the frame in which elements left the top: discards the layers built
   * without them, queues the level in view for new ones (nothing is drawn; keepLayers and the
   * renderer draw them in slices), and takes them off the top.
   */
  const settle = (): void => {
    settling = null;
    if (stopped) return;
    const changedAt = cache.lastInvalidationTime;
    const discarded = new Set<unknown>();
    for (const ele of lingering) {
      // Back on top by itself meanwhile: seen to when it leaves again.
      if (ownState(ele)) continue;
      const layers = stale.get(ele);
      stale.delete(ele);
      if (layers instanceof Set) for (const l of layers) discarded.add(l);
    }
    lingering.clear();
    returning.clear();
    for (const l of discarded) cache.invalidateLayer!(l);
    // Not counting as a change (see retake).
    if (typeof changedAt === "number") cache.lastInvalidationTime = changedAt;
    const eles = r.cachedZSortedEles?.nondrag;
    if (discarded.size > 0 && eles && typeof cache.getLayers === "function" && typeof r.getPixelRatio === "function")
      cache.getLayers(eles, r.getPixelRatio());
    r.updateCachedGrabbedEles();
    redraw();
  };
  const layersCanvas = r.data.canvases[r.NODE]!;
  const veil = document.createElement("div");
  veil.dataset.testFadeVeil = "";
  veil.hidden = true;
  Object.assign(veil.style, {
    position: "absolute",
    left: "0",
    top: "0",
    width: "100%",
    height: "100%",
    pointerEvents: "none",
    // Over the layers' canvas (same z-index, later in the document), under the top canvas.
    zIndex: layersCanvas.style.zIndex,
  });
  layersCanvas.insertAdjacentElement("afterend", veil);
  return {
    mark(eles) {
      marked.clear();
      for (const ele of eles) marked.add(ele);
      redraw();
    },
    fade(on) {
      if (on && veil.hidden) veil.style.background = veilColour(layersCanvas);
      veil.hidden = !on;
    },
    fading() {
      return !veil.hidden;
    },
    forget() {
      left.clear();
      for (const ele of top) stale.set(ele, "all");
      // Their edges too: they may change with them (e.g. a node moved or resized).
      cy.collection(top as unknown as cytoscape.CollectionArgument)
        .connectedEdges()
        .forEach((e) => void stale.set(e as unknown as RendererEle, "all"));
    },
    stop() {
      stopped = true;
      if (settling !== null) clearTimeout(settling);
      marked.clear();
      lingering.clear();
      returning.clear();
      r.updateCachedGrabbedEles = split0;
      cache.invalidateElements = invalidate0;
      cache.drawEleInLayer = draw0;
      r.updateCachedGrabbedEles();
      veil.remove();
      redraw();
    },
  };
}

/** The stylesheet's opacity of a faded element (its `.faded` rule). */
export const FADED_OPACITY = 0.12;

/** What shows through the graph (the first background colour around it), covered to 1 − FADED_OPACITY. */
function veilColour(el: HTMLElement): string {
  for (let e: HTMLElement | null = el; e; e = e.parentElement) {
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/.exec(getComputedStyle(e).backgroundColor);
    if (m && (m[4] === undefined || Number(m[4]) > 0)) return `rgba(${m[1]}, ${m[2]}, ${m[3]}, ${1 - FADED_OPACITY})`;
  }
  return `rgba(255, 255, 255, ${1 - FADED_OPACITY})`;
}
