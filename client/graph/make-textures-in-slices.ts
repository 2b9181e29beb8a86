/**
 * Cytoscape's canvas renderer (3.x) draws a zoom level directly, element by element, when its
 * layered cache cannot hold it: a level's layer larger than the renderer allows (4,000 × 4,000
 * pixels in 3.34), as for a wide graph zoomed past 1. The first frame at such a level makes the
 * textures (body and label) of every element in view for that level: a node's texture of the
 * level below cannot stand in when its label shows at this level and not at that one. On a
 * generated 3,000-element graph 2,400 wide, the details panel's zoom to 1.2 made 427 textures in
 * its frame at zoom 1.04, one task of 130–310 ms here.
 *
 * makeTexturesInSlices looks once, on coming to such a level, whether more than MAKE_IN_FRAME_MAX
 * elements in view lack textures there. If so, a complete level of the layered cache stands in, as
 * the renderer itself does for a level it is still building, while they are made TEXTURE_SLICE_MS
 * per task (again for the new view while it moves); then the level is drawn directly, from those
 * textures. What users see at rest is what they saw before; in between, another level scaled, as
 * with a level the layers are building. Without a complete level to stand in, or shortly after a
 * change (the renderer then draws directly anyway), nothing changes. Uses the renderer's
 * internals, checked before use; without them it does nothing. Returns a function that stops it.
 */
import type { Core } from "cytoscape";
import { yieldToPage } from "../yield-to-page.ts";

/** An element's bounding box, as the renderer gives it. */
export interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  w: number;
  h: number;
}

/** A renderer element (a collection of one, as the renderer passes them). */
interface RendererEle {
  boundingBox(): Box;
  visible(): boolean;
  removed(): boolean;
  isEdge(): boolean;
  _private: { rscratch: { badLine?: boolean } };
}

/** One of the renderer's element texture caches (bodies, labels, edges' source and target labels). */
interface TextureCache {
  getBoundingBox(ele: RendererEle): Box;
  getElement(ele: RendererEle, bb: Box, pxRatio: number, lvl: number, reason: string): unknown;
  reasons: { highQuality: string };
}

interface LayeredCache {
  layersByLevel: Record<string, unknown[]>;
  /** Set before each frame: the level in view counts as recently changed (then drawn directly anyway). */
  skipping: boolean;
  getLayers(eles: RendererEle[], pxRatio: number, lvl?: number): unknown[] | null;
  levelIsComplete(lvl: number, eles: RendererEle[]): boolean;
}

interface Renderer {
  getPixelRatio(): number;
  redrawHint(what: string, on: boolean): void;
  redraw(): void;
  data: {
    lyrTxrCache: LayeredCache;
    eleTxrCache: TextureCache;
    lblTxrCache: TextureCache;
    slbTxrCache: TextureCache;
    tlbTxrCache: TextureCache;
  };
}

/** The element textures' levels (3.x): none above MAX_LEVEL (drawn without textures), none below MIN_LEVEL. */
const MIN_LEVEL = -4;
const MAX_LEVEL = 3;

/** Texture making per task; the renderer's frames and input get their turn in between. */
export const TEXTURE_SLICE_MS = 12;

/**
 * Up to this many elements in view without textures at the level, the frame makes them, as before
 * (≈ 0.5 ms each here): e.g. those a pan brings into view.
 */
export const MAKE_IN_FRAME_MAX = 40;

function textureRenderer(cy: Core): Renderer | null {
  const r = (cy as unknown as { renderer(): Partial<Renderer> | undefined }).renderer();
  const d = r?.data;
  const l = d?.lyrTxrCache;
  if (!r || !d || !l || typeof l.getLayers !== "function" || typeof l.levelIsComplete !== "function") return null;
  if (typeof l.layersByLevel !== "object" || l.layersByLevel === null) return null;
  if (typeof r.getPixelRatio !== "function" || typeof r.redrawHint !== "function" || typeof r.redraw !== "function") return null;
  const caches = [d.eleTxrCache, d.lblTxrCache, d.slbTxrCache, d.tlbTxrCache];
  if (!caches.every((c) => typeof c?.getElement === "function" && typeof c.getBoundingBox === "function" && c.reasons?.highQuality))
    return null;
  return r as Renderer;
}

const intersects = (a: Box, b: { x1: number; y1: number; x2: number; y2: number }) =>
  a.x1 <= b.x2 && b.x1 <= a.x2 && a.y1 <= b.y2 && b.y1 <= a.y2;

export function makeTexturesInSlices(cy: Core, sliceMs = TEXTURE_SLICE_MS, inFrameMax = MAKE_IN_FRAME_MAX): () => void {
  const r = textureRenderer(cy);
  if (!r) return () => undefined;
  const { lyrTxrCache: layers, eleTxrCache, lblTxrCache, slbTxrCache, tlbTxrCache } = r.data;
  /** By level, the elements whose textures were made here (one changed later is made again in a frame, as before). */
  const made = new Map<number, WeakSet<RendererEle>>();
  /**
   * The level drawn directly since its textures in view were found made (on coming to it) or were
   * made here: not looked at again until another level is drawn (a scan of every element per frame
   * costs ≈ 1.5 µs each); what a pan brings into view the frames make, as before.
   */
  let settled: number | null = null;
  /** Making the textures in view at `level`: a pass over `eles` for the view `ext`, at `cursor`. */
  let job: { level: number; eles: RendererEle[]; ext: Box; cursor: number } | null = null;
  /** The last frame showed a stand-in level: a frame is due once the textures in view are made. */
  let standingIn = false;
  let stopped = false;

  const madeAt = (level: number) => made.get(level) ?? made.set(level, new WeakSet()).get(level)!;
  /** Not made at this level, in view and drawn (the renderer's drawing in the frame would make it). */
  const missing = (ele: RendererEle, level: WeakSet<RendererEle>, ext: Box) => {
    if (level.has(ele) || ele.removed()) return false;
    const bb = ele.boundingBox();
    return bb.w > 0 && bb.h > 0 && intersects(bb, ext) && ele.visible();
  };
  /** Whether more than `atMost` elements in view have no textures made at this level. */
  const manyMissing = (eles: RendererEle[], level: number, atMost: number) => {
    const done = madeAt(level);
    const ext = cy.extent() as Box;
    let n = 0;
    for (let i = 0; i < eles.length && n <= atMost; i++) if (missing(eles[i]!, done, ext)) n++;
    return n > atMost;
  };

  /** What drawing the element directly at this level makes (the renderer's drawCachedElement, 3.x). */
  const make = (ele: RendererEle, level: number) => {
    const pxRatio = r.getPixelRatio();
    const portion = (c: TextureCache) => {
      const bb = c.getBoundingBox(ele);
      if (bb.w > 0 && bb.h > 0) c.getElement(ele, bb, pxRatio, level, c.reasons.highQuality);
    };
    const edge = ele.isEdge();
    const badLine = ele._private.rscratch.badLine === true;
    portion(eleTxrCache);
    if (!edge || !badLine) portion(lblTxrCache);
    if (edge && !badLine) {
      portion(slbTxrCache);
      portion(tlbTxrCache);
    }
  };

  /** A complete level of the layered cache, the nearest to `level` (higher first, as the renderer looks). */
  const standIn = (level: number, eles: RendererEle[]) => {
    for (let d = 1; d <= MAX_LEVEL - MIN_LEVEL; d++)
      for (const l of [level + d, level - d]) {
        const ls = layers.layersByLevel[l];
        if (ls && ls.length > 0 && layers.levelIsComplete(l, eles)) return ls;
      }
    return null;
  };

  const sameBox = (a: Box, b: Box) => a.x1 === b.x1 && a.y1 === b.y1 && a.x2 === b.x2 && a.y2 === b.y2;

  /**
   * Makes the textures in view at the job's level, sliceMs per task (scanning included), again
   * while the view moves (the panel's zoom animates); then has the level drawn.
   */
  const run = async (): Promise<void> => {
    // Not in the frame that started it.
    await yieldToPage();
    while (job && !stopped) {
      const sliceEnd = performance.now() + sliceMs;
      const done = madeAt(job.level);
      while (job.cursor < job.eles.length && performance.now() < sliceEnd) {
        const ele = job.eles[job.cursor++]!;
        if (!missing(ele, done, job.ext)) continue;
        make(ele, job.level);
        done.add(ele);
      }
      if (job.cursor >= job.eles.length) {
        const ext = cy.extent() as Box;
        if (!sameBox(ext, job.ext)) Object.assign(job, { ext, cursor: 0 });
        else {
          settled = job.level;
          job = null;
          if (standingIn) {
            standingIn = false;
            r.redrawHint("eles", true);
            r.redraw();
          }
          break;
        }
      }
      await yieldToPage();
    }
  };

  const getLayers0 = layers.getLayers;
  const getLayers = function (this: LayeredCache, eles: RendererEle[], pxRatio: number, lvl?: number) {
    const found = getLayers0.call(this, eles, pxRatio, lvl);
    if (stopped || lvl != null) return found;
    // Drawn from the layers: the next level drawn directly is looked at anew.
    if (found) settled = null;
    // Only "draw directly" although nothing changed lately.
    if (found || this.skipping) return found;
    const level = Math.max(MIN_LEVEL, Math.ceil(Math.log2(cy.zoom() * pxRatio)));
    if (level > MAX_LEVEL || level === settled) return found;
    if (job?.level === level) {
      standingIn = true;
      return standIn(level, eles) ?? found;
    }
    // A few textures are made in the frame, as before.
    if (!manyMissing(eles, level, inFrameMax)) {
      settled = level;
      return found;
    }
    const other = standIn(level, eles);
    if (!other) return found;
    const running = job !== null;
    job = { level, eles, ext: cy.extent() as Box, cursor: 0 };
    standingIn = true;
    if (!running) void run();
    return other;
  };
  layers.getLayers = getLayers;
  return () => {
    stopped = true;
    job = null;
    // Unless another wrapper was put over it meanwhile (it then calls this one, which passes through).
    if (layers.getLayers === getLayers) layers.getLayers = getLayers0;
  };
}
