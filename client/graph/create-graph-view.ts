/**
 * The Cytoscape view: owns the cy instance and the loaded API data, and offers the operations the
 * panels need (merge, select, highlight, filter, size, layout, visible subgraph). It changes what
 * is shown only by toggling classes; element data comes from toElements alone.
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
import { ANIMATE_BELOW, fcoseSettings, layoutEngine, placeNodes, runLayout, type LayoutName } from "./layouts.ts";
import { HIDING_CLASSES, stylesheet } from "./stylesheet.ts";
import { toElements, type ApiGraph } from "./to-elements.ts";

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

/** Elements per chunk of mergeInChunks: adding 2,000 takes well under 200 ms. */
export const MERGE_CHUNK = 2000;

/** A macrotask boundary: input events and rendering get their turn. */
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

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
  let layoutSeq = 0;
  // Nothing is drawn until the first layout has placed the nodes (or show() is called): unmounted,
  // Cytoscape neither draws the unplaced graph (every node on one point) nor keeps its drawing
  // caches up to date while elements are added and styled.
  cy.unmount();
  let mounted = false;

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
    cy.batch(() => {
      for (const el of all) {
        const id = el.data.id!;
        const existing = cy.getElementById(id);
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
    return { added, newNodes };
  }

  /** Cytoscape restyles an element on every class toggle, changed or not: toggle only what changes. */
  function setClass(el: SingularElementArgument, cls: string, on: boolean): void {
    if (el.hasClass(cls) !== on) el.toggleClass(cls, on);
  }

  /**
   * The elements not hidden by a class, as cy.elements(":visible") but without computing the style
   * of every element first (seconds on large graphs, and done again when the view is drawn).
   */
  function shownElements(): CollectionReturnValue {
    const shown = (el: SingularElementArgument) => !HIDING_CLASSES.some((c) => el.hasClass(c));
    const nodesShown = cy.nodes().filter(shown);
    const ids = new Set(nodesShown.map((n) => n.id()));
    return nodesShown.union(
      cy.edges().filter((e) => shown(e) && ids.has(e.data("source") as string) && ids.has(e.data("target") as string)),
    );
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
      cy.batch(() => cy.add(added));
      events.emit("elementsChanged", { nodes: cy.nodes().length, edges: cy.edges().length });
      return newNodes;
    },
    async mergeInChunks(data, chunk = MERGE_CHUNK) {
      const { added, newNodes } = stage(data);
      for (let i = 0; i < added.length; i += chunk) {
        if (i > 0) await yieldToPage();
        // Another merge may have added some of these meanwhile.
        const part = added.slice(i, i + chunk).filter((el) => cy.getElementById(el.data.id!).empty());
        cy.batch(() => cy.add(part));
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
      cy.batch(() => {
        cy.elements().removeClass("path highlighted faded");
        if (!ids.length) return;
        const set = cy.collection();
        for (const id of ids) set.merge(cy.getElementById(id));
        cy.elements().not(set).addClass("faded");
        set.addClass(cls);
      });
    },
    clearHighlight() {
      cy.elements().removeClass("path highlighted faded");
    },
    restrictTo(ids) {
      cy.batch(() => {
        cy.elements().removeClass("hidden-mode");
        if (ids)
          cy.elements()
            .filter((el) => !ids.has(el.id()))
            .addClass("hidden-mode");
      });
    },
    setFilters(f) {
      cy.batch(() => {
        cy.nodes().forEach((n) => {
          setClass(n, "hidden-type", f.hiddenTypes.has(n.data("type") as string));
        });
        cy.edges().forEach((e) => {
          const edge = edges.get(e.id());
          setClass(e, "hidden-edge-type", f.hiddenEdgeTypes.has(e.data("type") as string));
          const inTime = !edge || overlaps(edge, { from: f.from || null, to: f.to || null }, true);
          setClass(e, "hidden-time", !inTime);
        });
      });
    },
    setSizeMeasure(m) {
      cy.batch(() => cy.nodes().forEach((n) => setClass(n, "size-funding", m === "funding")));
    },
    collapse(id) {
      const node = cy.getElementById(id);
      const leaves = node.neighborhood("node").filter((n) => n.id() !== id && n.neighborhood("node:visible").not(node).length === 0);
      leaves.addClass("hidden-collapsed");
      return leaves.length;
    },
    uncollapse(id) {
      cy.getElementById(id).neighborhood("node").removeClass("hidden-collapsed");
    },
    layout(name, roots = [], rank) {
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
          else {
            // The first view: place everything while nothing is drawn, then draw once.
            applyPositions(cy, req.ids, positions);
            view.show();
            cy.fit(cy.elements(":visible"), 30);
          }
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
      worker?.terminate();
      cy.destroy();
    },
  };
  return view;
}
