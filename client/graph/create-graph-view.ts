/**
 * The Cytoscape view: owns the cy instance and the loaded API data, and offers the operations the
 * panels need (merge, select, highlight, filter, size, layout, visible subgraph). It changes what
 * is shown only by toggling classes (on a graph drawn from the layered cache, the faded rest of a
 * highlight is a veil over the cache instead, see drawStatesOnTop); element data comes from
 * toElements alone.
 */
import cytoscape, {
  type CollectionReturnValue,
  type Core,
  type ElementDefinition,
  type NodeSingular,
  type SingularElementArgument,
} from "cytoscape";
import fcose from "cytoscape-fcose";
import type { GraphEdge, GraphNode } from "../api/types.ts";
import { overlaps } from "../../server/domain/partial-date.ts";
import { Emitter, type ExplorerEvents } from "./events.ts";
import { applyPositions, toLayoutRequest } from "./layout-protocol.ts";
import { createLayoutWorker, type LayoutWorker } from "./layout-worker-client.ts";
import { placeNewNodes } from "./place-new-nodes.ts";
import { afterNextFrame, fitPositions, REVEAL_CHUNK, REVEAL_SLICE_MS, revealInChunks } from "./reveal-in-chunks.ts";
import { indexHitTests } from "./hit-index.ts";
import { drawStatesOnTop, keepLayers, prepareLayers, preloadBlankImage, skipFirstLayerDrawing, type StatesOnTop } from "./canvas-layers.ts";
import { rasteriseLayerDrawing, rasterisesInSoftware } from "./rasterise-layer-drawing.ts";
import { makeTexturesInSlices } from "./make-textures-in-slices.ts";
import { makeLayersInSlices } from "./make-layers-in-slices.ts";
import { ANIMATE_BELOW, fcoseSettings, layoutEngine, placeNodes, runLayout, type LayoutName } from "./layouts.ts";
import { HIDING_CLASSES, largeGraphStylesheetWebgl, layeredGraphStylesheet, layeredStylesheet, stylesheet } from "./stylesheet.ts";
import { MAX_SIZE, toElements, type ApiGraph } from "./to-elements.ts";
import { yieldToPage } from "../yield-to-page.ts";

cytoscape.use(fcose);

/** A node's drawn size for the worker, from its data and classes as the stylesheet sizes it (no style computed). */
function nodeSize(n: NodeSingular): [number, number] {
  const side = (n.data(n.hasClass("size-funding") ? "sizeFunding" : "sizeDegree") as number) + 2 * (n.hasClass("funder") ? 4 : 1);
  return [side, side];
}

export interface Filters {
  hiddenTypes: Set<string>;
  hiddenEdgeTypes: Set<string>;
  /** Year or partial date bounds; empty = open. */
  from: string;
  to: string;
}

export type SizeMeasure = "degree" | "funding";

export interface GraphView {
  cy: Core;
  events: Emitter<ExplorerEvents>;
  nodes: Map<string, GraphNode>;
  edges: Map<string, GraphEdge>;
  /** Adds nodes and edges not yet loaded; returns the ids of the new nodes. */
  merge(data: ApiGraph): string[];
  /** The same for large data: adds in chunks of `chunk` elements, letting the page handle input in between. */
  mergeInChunks(data: ApiGraph, chunk?: number): Promise<string[]>;
  select(id: string | null, opts?: { center?: boolean; silent?: boolean }): void;
  /** Marks elements with a state class and fades the rest; empty ids clear it. */
  highlight(ids: string[], cls: "path" | "highlighted"): void;
  clearHighlight(): void;
  /** A PNG of the view as drawn (as Cytoscape's cy.png), highlight and fading included. */
  png(options: cytoscape.ExportBlobOptions): Blob;
  /** Shows only these ids (funding mode); null shows everything. */
  restrictTo(ids: Set<string> | null): void;
  setFilters(f: Filters): void;
  setSizeMeasure(m: SizeMeasure): void;
  collapse(id: string): number;
  uncollapse(id: string): void;
  /** Lays out the visible elements (large fcose layouts in the worker); resolves when they stand. */
  layout(name: LayoutName, roots?: string[], rank?: Map<string, number>): Promise<void>;
  /** Draws the graph if nothing is drawn yet (the first layout does it by itself). */
  show(): void;
  /** False while the first view's layout is still computed in the worker. */
  isDrawn(): boolean;
  visible(): { nodes: GraphNode[]; edges: GraphEdge[] };
  destroy(): void;
}

export interface GraphViewOptions {
  /** Cytoscape's WebGL drawing of nodes and edges (`?renderer=webgl`); the canvas renderer otherwise. */
  webgl?: boolean;
  /** Large fcose layouts in a Web Worker (default: when the browser has workers). */
  layoutWorker?: boolean;
}

/** Elements per chunk of mergeInChunks: adding 1,000 to the unmounted view takes well under 200 ms. */
export const MERGE_CHUNK = 1000;

/** From this many elements on, the first view is drawn with the large-graph stylesheet. */
export const LARGE_GRAPH_MIN = 1000;

/**
 * From this many elements on (canvas renderer), the view works over the renderer's layered cache:
 * selection, press and highlight are drawn over it and the rest of a highlight is faded by a veil
 * (drawStatesOnTop), with a stylesheet that keeps marked elements in their place of the drawing
 * order: restyling every element for a highlight from the details panel blocked the page 340–730 ms
 * at 5,000 elements here, and 160–320 ms at 600–1,000 (twenty-third session; the threshold was 2,000).
 * Below it a highlight still restyles every element (at 450 elements its longest task was
 * 102–174 ms here).
 * From here on too, the cache is built in slices before the first view turns to the graph
 * (prepareLayers), and again after interaction (keepLayers): without a whole level of it, a zoom to a level not drawn yet (the
 * details panel's, to 1.2) drew every element and made its textures for that level in one frame
 * (≈ 630 ms at 5,000 elements); with one, that level stands in while the new one is built.
 */
export const LAYERED_CACHE_MIN = 500;

export function createGraphView(container: HTMLElement, opts: GraphViewOptions = {}): GraphView {
  const events = new Emitter<ExplorerEvents>();
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const cy = cytoscape({
    container,
    style: stylesheet,
    wheelSensitivity: 0.3,
    minZoom: 0.05,
    maxZoom: 4,
    boxSelectionEnabled: false,
    webgl: opts.webgl === true,
  });

  const useWorker = opts.layoutWorker ?? typeof Worker !== "undefined";
  let worker: LayoutWorker | null = null;
  // Started now, while the page fetches its graph: the first layout does not wait for the worker's script.
  if (useWorker) (worker = createLayoutWorker()).warm();
  let layoutSeq = 0;
  // Nothing is drawn until the first layout has placed the nodes (or show() is called): unmounted,
  // Cytoscape neither draws the unplaced graph (every node on one point) nor keeps its drawing
  // caches up to date while elements are added and styled.
  cy.unmount();
  let mounted = false;
  /**
   * While the first view is revealed (revealInChunks): all its elements, some of them taken out of
   * cy for the moment, and what merges add meanwhile (added when the reveal is done).
   */
  let reveal: { all: CollectionReturnValue; late: ElementDefinition[] } | null = null;
  let revealed: Promise<void> | null = null;
  /** Stops indexHitTests (started when mounted). */
  let stopIndexingHits: (() => void) | null = null;
  /** Stops keepLayers (started once a first view of LAYERED_CACHE_MIN elements or more is drawn). */
  let stopKeepingLayers: (() => void) | null = null;
  /** Stops rasteriseLayerDrawing (started with drawStatesOnTop, where rasterising is in software). */
  let stopRasterising: (() => void) | null = null;
  /** Stops makeLayersInSlices (started with keepLayers). */
  let stopMakingLayers: (() => void) | null = null;
  /** Stops makeTexturesInSlices (started with keepLayers). */
  let stopMakingTextures: (() => void) | null = null;
  /** Selection, press and highlight drawn over the layered cache (from LAYERED_CACHE_MIN elements). */
  let statesOnTop: StatesOnTop | null = null;
  /** The highlighted elements, and whether the others have the class `faded` (else they are faded by statesOnTop). */
  let marked = cy.collection();
  let fadedByClass = false;

  /** The element with this id, also while the reveal has taken it out of cy. */
  function find(id: string): CollectionReturnValue {
    const el = cy.getElementById(id);
    return el.nonempty() || !reveal ? el : (reveal.all.getElementById(id) as unknown as CollectionReturnValue);
  }

  /** Every element, also those the reveal has taken out of cy for the moment. */
  function everything(): CollectionReturnValue {
    return reveal ? reveal.all : cy.elements();
  }

  /** Adds elements now, or after the reveal (when it has taken their neighbours out of cy). */
  function addElements(els: ElementDefinition[]): void {
    if (reveal) reveal.late.push(...els);
    else cy.batch(() => cy.add(els));
  }

  /**
   * Takes data into the maps, updates the elements already drawn (restyling only those that
   * changed: a restyle of every element takes seconds on large graphs) and returns the new ones.
   */
  function stage(data: ApiGraph): { added: ElementDefinition[]; newNodes: string[] } {
    for (const n of data.nodes) nodes.set(n.id, n);
    for (const e of data.edges) edges.set(e.id, e);
    const all = toElements({ nodes: [...nodes.values()], edges: [...edges.values()] });
    const added: ElementDefinition[] = [];
    const newNodes: string[] = [];
    changingLooks();
    cy.batch(() => {
      for (const el of all) {
        const id = el.data.id!;
        const existing = find(id);
        if (existing.nonempty()) {
          const current = existing.data() as Record<string, unknown>;
          if (Object.entries(el.data).some(([k, v]) => k !== "entity" && current[k] !== v)) existing.data(el.data);
          else current.entity = el.data.entity;
          for (const c of (el.classes as string).split(" ")) setClass(existing, c, true);
        } else {
          added.push(el);
          if (el.group === "nodes") newNodes.push(id);
        }
      }
    });
    // New nodes in a drawn graph start next to their placed neighbours, not on (0, 0).
    if (mounted && newNodes.length)
      placeNewNodes(added, (id) => {
        const n = find(id);
        return n.nonempty() && n.isNode() ? { ...n.position() } : null;
      });
    return { added, newNodes };
  }

  /**
   * While the veil fades the layers, a selected element outside the highlight is drawn on top: it
   * gets the class `faded` there, as it has without the veil.
   */
  function fadeSelectedOnTop(): void {
    if (!statesOnTop || fadedByClass) return;
    const want = statesOnTop.fading() ? cy.$(":selected").not(marked) : cy.collection();
    cy.batch(() => {
      fadedOnTop.not(want).removeClass("faded");
      want.addClass("faded");
    });
    fadedOnTop = want;
  }
  /** The selected elements outside the highlight that fadeSelectedOnTop faded. */
  let fadedOnTop = cy.collection();
  cy.on("select unselect", (evt) => {
    const el = evt.target as SingularElementArgument;
    if (!statesOnTop?.fading() || fadedByClass || marked.has(el)) return;
    const fade = el.selected();
    setClass(el, "faded", fade);
    fadedOnTop = fade ? fadedOnTop.union(el) : fadedOnTop.not(el);
  });

  /** Before elements change how they look apart from selection and highlight (see drawStatesOnTop's forget). */
  function changingLooks(): void {
    statesOnTop?.forget();
  }

  /** Cytoscape restyles an element on every class toggle, changed or not: toggle only what changes. */
  function setClass(el: SingularElementArgument, cls: string, on: boolean): void {
    if (el.hasClass(cls) !== on) el.toggleClass(cls, on);
  }

  /**
   * The elements not hidden by a class, as cy.elements(":visible") but without computing the style
   * of every element first (seconds on large graphs, and done again when the view is drawn). The
   * edges merged into the (new) collection of nodes, not a union: union tests each element with a
   * collection made for it (≈ 85 ms at 20k elements here, in the task that asks for the first layout).
   */
  function shownElements(): CollectionReturnValue {
    const shown = (el: SingularElementArgument) => !HIDING_CLASSES.some((c) => el.hasClass(c));
    const nodesShown = cy.nodes().filter(shown);
    const ids = new Set(nodesShown.map((n) => n.id()));
    const edgesShown = cy.edges().filter((e) => shown(e) && ids.has(e.data("source") as string) && ids.has(e.data("target") as string));
    return nodesShown.merge(edgesShown);
  }

  /**
   * Switches to the large-graph stylesheet (from LARGE_GRAPH_MIN) or, for a smaller layered view, to
   * the normal one for the layered cache. Mounting restores the initial one, so the reveal sets it
   * again after mounting, while its elements are out of cy. Cytoscape restyles an element put back
   * by comparing, rule by rule, what it matched under its last stylesheet with what it matches now;
   * if its last stylesheet was the other one, a few keep rules of it (two nodes in 20k here kept the
   * normal sheet's white border and label threshold). So the elements of a large first view are
   * styled with this sheet from the start (mergeInChunks).
   */
  function useFirstViewStyle(elements: number): void {
    // LAYERED_CACHE_MIN is below LARGE_GRAPH_MIN: a large first view is always layered.
    if (elements >= LARGE_GRAPH_MIN) cy.style(layeredGraphStylesheet);
    else if (elements >= LAYERED_CACHE_MIN) cy.style(layeredStylesheet);
  }

  /**
   * Draws the first view (see revealInChunks), with the large-graph stylesheet from LARGE_GRAPH_MIN
   * elements. Its frames are held while it is revealed: the reveal styles the elements in timed slices
   * of its own (unheld, each frame styled a chunk of 500: 210–290 ms at 5k on a slower machine,
   * twenty-second session). From LAYERED_CACHE_MIN the renderer's layered cache holds its drawing
   * before the view turns to it (prepareLayers); below, its first frame in view draws the elements directly.
   */
  async function revealFirstView(ids: string[], positions: Float64Array): Promise<void> {
    const all = cy.elements();
    reveal = { all, late: [] };
    const layered = all.length >= LAYERED_CACHE_MIN;
    try {
      await revealInChunks(
        cy,
        ids,
        positions,
        () => {
          view.show();
          useFirstViewStyle(all.length);
          if (layered) preloadBlankImage(cy);
          fitPositions(cy, positions, MAX_SIZE);
        },
        afterNextFrame,
        REVEAL_CHUNK,
        (drawFrames) => {
          if (layered) {
            // Selecting or pressing an element would discard the cache's layer of every element
            // (started before the layers are built: it notes what each element looked like in them).
            statesOnTop ??= drawStatesOnTop(cy);
            // The layers' drawing turned into pixels in pieces, not in one draw call later.
            if (rasterisesInSoftware()) stopRasterising ??= rasteriseLayerDrawing(cy);
            return prepareLayers(cy, afterNextFrame, undefined, drawFrames);
          }
          // Frames were held during the reveal, so the first frame in view is the first to ask the
          // layered cache for layers, which then draws every element into them at once: drawn
          // directly instead, the layers made later a few elements a frame.
          skipFirstLayerDrawing(cy);
          return Promise.resolve();
        },
        REVEAL_SLICE_MS,
      );
      // The layered cache of what is in view kept whole in slices after interaction discards it,
      // not by drawing every element.
      if (layered) {
        stopKeepingLayers ??= keepLayers(cy);
        // A zoom level's new layer (every element's bounds, its canvas, every element queued) made
        // in steps of their own, not in the frame that first asks for it (the panel's zoom to 1.2,
        // the Escape after it), while a complete level of another zoom stands in.
        stopMakingLayers ??= makeLayersInSlices(cy);
        // A zoom level too large for the layers (a wide graph zoomed past 1) is drawn directly,
        // its textures made meanwhile in slices, not all in the first frame there.
        stopMakingTextures ??= makeTexturesInSlices(cy);
      }
    } finally {
      const late = reveal.late.filter((el) => cy.getElementById(el.data.id!).empty());
      reveal = null;
      revealed = null;
      addElements(late);
    }
  }

  /** The first view placed and drawn in one go (WebGL). */
  function drawAtOnce(ids: string[], positions: Float64Array): void {
    applyPositions(cy, ids, positions);
    if (cy.elements().length >= LARGE_GRAPH_MIN) cy.style(largeGraphStylesheetWebgl);
    view.show();
    fitPositions(cy, positions, MAX_SIZE);
  }

  function emitSelect(id: string | null): void {
    if (id === null) return events.emit("select", null);
    const n = nodes.get(id);
    if (n) return events.emit("select", { kind: "node", node: n });
    const e = edges.get(id);
    if (e) events.emit("select", { kind: "edge", edge: e });
  }

  cy.on("tap", "node, edge", (evt) => emitSelect(evt.target.id() as string));
  cy.on("tap", (evt) => {
    if (evt.target === cy) emitSelect(null);
  });

  const view: GraphView = {
    cy,
    events,
    nodes,
    edges,
    merge(data) {
      const { added, newNodes } = stage(data);
      addElements(added);
      events.emit("elementsChanged", { nodes: cy.nodes().length, edges: cy.edges().length });
      return newNodes;
    },
    async mergeInChunks(data, chunk = MERGE_CHUNK) {
      const { added, newNodes } = stage(data);
      // A layered first view: its stylesheet before its elements are added (see useFirstViewStyle).
      // Not for WebGL, which is drawn at once after mounting, and mounting restores the initial stylesheet.
      const total = cy.elements().length + added.length;
      if (!opts.webgl && !mounted && !reveal) useFirstViewStyle(total);
      for (let i = 0; i < added.length; i += chunk) {
        // Also before the first chunk: staging a large graph is a task of its own.
        await yieldToPage();
        // Another merge may have added some of these meanwhile.
        const part = added.slice(i, i + chunk).filter((el) => find(el.data.id!).empty());
        addElements(part);
      }
      events.emit("elementsChanged", { nodes: cy.nodes().length, edges: cy.edges().length });
      return newNodes;
    },
    select(id, opts = {}) {
      cy.elements().unselect();
      if (id) {
        const el = cy.getElementById(id);
        if (el.nonempty()) {
          el.select();
          if (opts.center) cy.animate({ center: { eles: el }, zoom: Math.max(cy.zoom(), 1.2) }, { duration: 300 });
        }
      }
      if (!opts.silent) emitSelect(id);
    },
    highlight(ids, cls) {
      const set = cy.collection();
      for (const id of ids) set.merge(find(id));
      // Drawn from the layered cache: the marked elements on top, the rest faded by a veil over
      // the cache, instead of restyling every element (and discarding the cache of all of them).
      if (statesOnTop && !reveal) {
        cy.batch(() => {
          if (fadedByClass) everything().removeClass("faded");
          fadedByClass = false;
          marked.not(set).removeClass("path highlighted");
          set.removeClass(cls === "path" ? "highlighted" : "path").addClass(cls);
        });
        marked = set;
        statesOnTop.mark(set);
        statesOnTop.fade(set.nonempty());
        fadeSelectedOnTop();
        return;
      }
      cy.batch(() => {
        everything().removeClass("path highlighted faded");
        fadedByClass = false;
        fadedOnTop = cy.collection();
        marked = set;
        if (!ids.length) return;
        everything().not(set).addClass("faded");
        fadedByClass = true;
        set.addClass(cls);
      });
    },
    png(options) {
      if (!statesOnTop?.fading()) return cy.png(options);
      // The veil is not part of the renderer's drawing: fade by class for the picture.
      const others = everything().not(marked);
      others.addClass("faded");
      try {
        return cy.png(options);
      } finally {
        others.not(fadedOnTop).removeClass("faded");
      }
    },
    clearHighlight() {
      view.highlight([], "highlighted");
    },
    restrictTo(ids) {
      changingLooks();
      cy.batch(() => {
        everything().removeClass("hidden-mode");
        if (ids)
          everything()
            .filter((el) => !ids.has(el.id()))
            .addClass("hidden-mode");
      });
    },
    setFilters(f) {
      changingLooks();
      cy.batch(() => {
        everything()
          .nodes()
          .forEach((n) => {
            setClass(n, "hidden-type", f.hiddenTypes.has(n.data("type") as string));
          });
        everything()
          .edges()
          .forEach((e) => {
            const edge = edges.get(e.id());
            setClass(e, "hidden-edge-type", f.hiddenEdgeTypes.has(e.data("type") as string));
            const inTime = !edge || overlaps(edge, { from: f.from || null, to: f.to || null }, true);
            setClass(e, "hidden-time", !inTime);
          });
      });
    },
    setSizeMeasure(m) {
      changingLooks();
      cy.batch(() =>
        everything()
          .nodes()
          .forEach((n) => setClass(n, "size-funding", m === "funding")),
      );
    },
    collapse(id) {
      changingLooks();
      const node = cy.getElementById(id);
      const leaves = node.neighborhood("node").filter((n) => n.id() !== id && n.neighborhood("node:visible").not(node).length === 0);
      leaves.addClass("hidden-collapsed");
      return leaves.length;
    },
    uncollapse(id) {
      changingLooks();
      cy.getElementById(id).neighborhood("node").removeClass("hidden-collapsed");
    },
    layout(name, roots = [], rank) {
      // A layout asked for while the first view is revealed runs once all of it is back.
      if (reveal) return (revealed ?? Promise.resolve()).then(() => view.layout(name, roots, rank));
      changingLooks();
      const seq = ++layoutSeq;
      const visible = shownElements();
      const engine = layoutEngine(name, visible.length, useWorker);
      const elements = visible.length;
      events.emit("layout", { state: "running", engine, elements });
      const done = () => {
        if (seq === layoutSeq) events.emit("layout", { state: "done", engine, elements });
      };
      const onMain = () => {
        worker?.cancel();
        view.show();
        return runLayout(cy, name, roots, rank).then(done);
      };
      if (engine === "main") return onMain();
      worker ??= createLayoutWorker();
      const req = toLayoutRequest(seq, visible, fcoseSettings(elements), nodeSize);
      return worker.run(req).then(
        async (positions) => {
          if (!positions || seq !== layoutSeq) return;
          if (mounted) await placeNodes(cy, req.ids, positions, elements < ANIMATE_BELOW);
          // The first view: mount empty, then put the elements back placed, a slice per task, out of view.
          else if (!opts.webgl) await (revealed = revealFirstView(req.ids, positions));
          // WebGL draws every element in every frame, in view or not: a chunked reveal would draw
          // the graph once per chunk, so it is placed and drawn at once (one long task instead).
          else drawAtOnce(req.ids, positions);
          done();
        },
        (e: unknown) => {
          // The worker failed (e.g. could not load): lay out on the main thread rather than not at all.
          console.warn(e);
          if (seq === layoutSeq) return onMain();
        },
      );
    },
    isDrawn() {
      return mounted;
    },
    show() {
      if (mounted) return;
      cy.mount(container);
      mounted = true;
      // The renderer (made by mounting) tests every element on each pointer event otherwise.
      if (!opts.webgl) stopIndexingHits = indexHitTests(cy);
    },
    visible() {
      const vn = cy
        .nodes(":visible")
        .map((n) => nodes.get(n.id()))
        .filter((n): n is GraphNode => !!n);
      const ve = cy
        .edges(":visible")
        .map((e) => edges.get(e.id()))
        .filter((e): e is GraphEdge => !!e);
      return { nodes: vn, edges: ve };
    },
    destroy() {
      stopKeepingLayers?.();
      stopMakingTextures?.();
      stopMakingLayers?.();
      stopRasterising?.();
      stopIndexingHits?.();
      statesOnTop?.stop();
      worker?.terminate();
      cy.destroy();
    },
  };
  return view;
}
