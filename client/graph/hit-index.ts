/**
 * Finding the element under the pointer on a large graph. Cytoscape's canvas renderer (3.x) tests
 * every element on each pointer event (findNearestElements: each one's bounding box, label box
 * and shape), ≈ 40–100 ms per mouse move, press and release at 20k elements here. indexHitTests
 * keeps the elements' bounding boxes in a grid and hands the renderer's own test only the
 * elements whose box (widened by its tolerance) holds the point, in the same drawing order, so it
 * picks the same element. The boxes are the elements' bodies (labels only where they take events:
 * `text-events: yes`, which no sheet of ours sets), the tolerance that of the pointer at hand, and
 * the cells around the point only narrow the search: at the first view of 20k elements here, the body boxes near the node with
 * most links were ≈ 650 against ≈ 1,750 boxes with labels (the nodes overlap there), and the
 * renderer's test, which also measures the labels of each one it is given, took 25 against 45–80 ms
 * per pointer event (three in a click). Boxes are taken again for the elements that changed (their position,
 * style or bounds; a node's edges with it); all of them when the drawing order was rebuilt or
 * most changed. The grid is made ahead of the pointer, after a frame drawn with a new drawing
 * order (the boxes BOX_SLICE_MS per task, then the grid in one task), not in the first pointer
 * event's task (≈ 50–100 ms of a 100–160 ms task at 20k here: a click in a fresh view). Uses the
 * renderer's internals, checked before use; without them it does nothing.
 */
import type { Core, EventObject } from "cytoscape";
import { yieldToPage } from "../yield-to-page.ts";

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

interface HitEle {
  boundingBox(opts?: { includeLabels?: boolean; includeOverlays?: boolean }): Box;
  pstyle(name: string): { strValue: string };
  isNode(): boolean;
  _private: { edges?: HitEle[] };
}

type ZSorted = HitEle[] & { interactive?: HitEle[] };

interface HitRenderer {
  findNearestElements(x: number, y: number, interactiveOnly: boolean, isTouch: boolean): unknown[];
  getCachedZSortedEles(forceRecalc?: boolean): ZSorted;
  /** The drawing order as last computed (null once it is to be computed again). */
  cachedZSortedEles?: ZSorted | null;
}

/** Cells per side of the grid. */
const GRID = 64;
/** Below this many elements the renderer's own scan is quick enough. */
const MIN_ELEMENTS = 2000;
/**
 * The renderer's widest tolerance around an element's body or label (an edge's, 8 px for a mouse,
 * 24 px under touch; a node's and a label's are less), plus a margin.
 */
const tolerancePx = (isTouch: boolean) => (isTouch ? 24 : 8) + 2;
/** Boxes taken per task when the grid is made ahead of the pointer. */
export const BOX_SLICE_MS = 12;

/**
 * The box the renderer's test can find an element in, before its tolerance: the body (a node's
 * outer box, an edge's line and arrows), with the labels only where they take events.
 */
function hitBox(ele: HitEle): Box {
  return ele.pstyle("text-events").strValue === "yes" ? ele.boundingBox() : ele.boundingBox(BODY);
}
const BODY = { includeLabels: false, includeOverlays: false };

class Grid {
  readonly cells: number[][] = [];
  /** Per element (by its index in the drawing order): its box, [x1, y1, x2, y2]. */
  readonly boxes: Float64Array;
  /** Per element (by its index in the drawing order): the cells it is in, [cx1, cy1, cx2, cy2]. */
  readonly spans: Int16Array;
  x0 = 0;
  y0 = 0;
  cellW = 1;
  cellH = 1;

  constructor(
    readonly eles: HitEle[],
    boxes: Box[] = eles.map(hitBox),
  ) {
    this.spans = new Int16Array(eles.length * 4);
    this.boxes = new Float64Array(eles.length * 4);
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    for (const b of boxes) {
      if (!(b.x2 >= b.x1)) continue;
      x1 = Math.min(x1, b.x1);
      y1 = Math.min(y1, b.y1);
      x2 = Math.max(x2, b.x2);
      y2 = Math.max(y2, b.y2);
    }
    if (x1 <= x2) {
      this.x0 = x1;
      this.y0 = y1;
      this.cellW = Math.max((x2 - x1) / GRID, 1e-6);
      this.cellH = Math.max((y2 - y1) / GRID, 1e-6);
    }
    for (let i = 0; i < GRID * GRID; i++) this.cells.push([]);
    boxes.forEach((b, i) => this.put(i, b));
  }

  private cellX(x: number): number {
    return Math.min(GRID - 1, Math.max(0, Math.floor((x - this.x0) / this.cellW)));
  }

  private cellY(y: number): number {
    return Math.min(GRID - 1, Math.max(0, Math.floor((y - this.y0) / this.cellH)));
  }

  private put(i: number, b: Box): void {
    const s = this.spans;
    if (!(b.x2 >= b.x1 && b.y2 >= b.y1)) {
      s[i * 4] = 1; // empty span: in no cell
      s[i * 4 + 2] = 0;
      return;
    }
    this.boxes.set([b.x1, b.y1, b.x2, b.y2], i * 4);
    const cx1 = this.cellX(b.x1);
    const cx2 = this.cellX(b.x2);
    const cy1 = this.cellY(b.y1);
    const cy2 = this.cellY(b.y2);
    s.set([cx1, cy1, cx2, cy2], i * 4);
    for (let cy = cy1; cy <= cy2; cy++) for (let cx = cx1; cx <= cx2; cx++) this.cells[cy * GRID + cx]!.push(i);
  }

  update(i: number): void {
    const s = this.spans;
    for (let cy = s[i * 4 + 1]!; cy <= s[i * 4 + 3]!; cy++)
      for (let cx = s[i * 4]!; cx <= s[i * 4 + 2]!; cx++) {
        const cell = this.cells[cy * GRID + cx]!;
        const at = cell.indexOf(i);
        if (at >= 0) cell.splice(at, 1);
      }
    this.put(i, hitBox(this.eles[i]!));
  }

  /** Indexes (drawing order) of the elements whose box, widened by `r`, holds (x, y). */
  near(x: number, y: number, r: number): number[] {
    const b = this.boxes;
    const found = new Set<number>();
    for (let cy = this.cellY(y - r); cy <= this.cellY(y + r); cy++)
      for (let cx = this.cellX(x - r); cx <= this.cellX(x + r); cx++)
        for (const i of this.cells[cy * GRID + cx]!)
          if (b[i * 4]! - r <= x && x <= b[i * 4 + 2]! + r && b[i * 4 + 1]! - r <= y && y <= b[i * 4 + 3]! + r) found.add(i);
    return [...found].sort((a, c) => a - c);
  }
}

/** Starts indexing; returns a function that stops it. */
export function indexHitTests(cy: Core): () => void {
  const r = (cy as unknown as { renderer(): Partial<HitRenderer> | undefined }).renderer();
  if (!r || typeof r.findNearestElements !== "function" || typeof r.getCachedZSortedEles !== "function") return () => undefined;
  const renderer = r as HitRenderer;
  const find0 = renderer.findNearestElements;
  let grid: Grid | null = null;
  let indexOf = new Map<HitEle, number>();
  const changed = new Set<HitEle>();

  /** The grid being made ahead of the pointer: the boxes of `eles` taken so far. */
  let ahead: { eles: HitEle[]; boxes: Box[] } | null = null;
  let stopped = false;

  /**
   * While boxes are taken here: an element's box computed anew emits `bounds` itself, which is no
   * change to note (noted, a grid made after a change counted all its elements as changed).
   */
  let taking = false;
  const takingBoxes = <T>(fn: () => T): T => {
    taking = true;
    try {
      return fn();
    } finally {
      taking = false;
    }
  };

  const onChange = (evt: EventObject) => {
    const ele = evt.target as unknown as HitEle;
    if (taking || (!grid && !ahead) || ele === (cy as unknown)) return;
    changed.add(ele);
    if (ele.isNode()) for (const e of ele._private.edges ?? []) changed.add(e);
  };
  cy.on("position style bounds", onChange);

  /** The grid of the interactive elements in drawing order, brought up to date. */
  const current = (): Grid | null => {
    const all = renderer.getCachedZSortedEles();
    const eles = all.interactive;
    if (!eles || eles.length < MIN_ELEMENTS) return null;
    if (!grid || grid.eles !== eles || changed.size > eles.length / 4) {
      changed.clear();
      grid = takingBoxes(() => new Grid(eles));
      indexOf = new Map(eles.map((e, i) => [e, i]));
    } else {
      const g = grid;
      takingBoxes(() => {
        for (const ele of changed) {
          const i = indexOf.get(ele);
          if (i !== undefined) g.update(i);
        }
      });
      changed.clear();
    }
    return grid;
  };

  /**
   * After a frame drawn with a new drawing order: its grid, made in tasks of its own (the boxes
   * BOX_SLICE_MS per task). Changes meanwhile are noted (onChange) and applied at the next test.
   */
  const makeAhead = async (): Promise<void> => {
    await yieldToPage();
    for (;;) {
      const eles = renderer.cachedZSortedEles?.interactive;
      if (stopped || !eles || eles.length < MIN_ELEMENTS || grid?.eles === eles) break;
      if (ahead?.eles !== eles) {
        // Changes so far show in the boxes about to be taken; those meanwhile are noted from here.
        changed.clear();
        ahead = { eles, boxes: [] };
      }
      const a = ahead;
      const end = performance.now() + BOX_SLICE_MS;
      takingBoxes(() => {
        while (a.boxes.length < eles.length && performance.now() < end) a.boxes.push(hitBox(eles[a.boxes.length]!));
      });
      if (a.boxes.length === eles.length) {
        ahead = null;
        // Changed after their box was taken: brought up to date at the next test (current).
        if (changed.size <= eles.length / 4) {
          grid = new Grid(eles, a.boxes);
          indexOf = new Map(eles.map((e, i) => [e, i]));
        }
        break;
      }
      await yieldToPage();
    }
    ahead = null;
  };
  let making = false;
  const onRender = () => {
    const eles = renderer.cachedZSortedEles?.interactive;
    if (making || !eles || eles.length < MIN_ELEMENTS || grid?.eles === eles) return;
    making = true;
    void makeAhead().finally(() => (making = false));
  };
  cy.on("render", onRender);

  renderer.findNearestElements = function (this: HitRenderer, x, y, interactiveOnly, isTouch) {
    const g = interactiveOnly ? current() : null;
    if (!g) return find0.call(this, x, y, interactiveOnly, isTouch);
    const subset = g.near(x, y, tolerancePx(isTouch) / cy.zoom()).map((i) => g.eles[i]!) as ZSorted;
    subset.interactive = subset;
    // The renderer's own test, on the elements near the point (it reads them from here).
    const own = Object.prototype.hasOwnProperty.call(this, "getCachedZSortedEles");
    const zsorted0 = this.getCachedZSortedEles;
    this.getCachedZSortedEles = () => subset;
    try {
      return find0.call(this, x, y, interactiveOnly, isTouch);
    } finally {
      if (own) this.getCachedZSortedEles = zsorted0;
      else delete (this as Partial<HitRenderer>).getCachedZSortedEles;
    }
  };
  return () => {
    stopped = true;
    cy.off("render", onRender);
    cy.off("position style bounds", onChange);
    renderer.findNearestElements = find0;
    grid = null;
  };
}
