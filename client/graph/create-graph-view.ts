/**
 * The Cytoscape view: owns the cy instance and the loaded API data, and offers the operations the
 * panels need (merge, select, highlight, filter, size, layout, visible subgraph). It changes what
 * is shown only by toggling classes; element data comes from toElements alone.
 */
import cytoscape, { type Core, type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import type { GraphEdge, GraphNode } from "../api/types.ts";
import { overlaps } from "../../server/domain/partial-date.ts";
import { Emitter, type ExplorerEvents } from "./events.ts";
import { runLayout, type LayoutName } from "./layouts.ts";
import { stylesheet } from "./stylesheet.ts";
import { toElements, type ApiGraph } from "./to-elements.ts";

cytoscape.use(fcose);

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
  layout(name: LayoutName, roots?: string[], rank?: Map<string, number>): Promise<void>;
  visible(): { nodes: GraphNode[]; edges: GraphEdge[] };
  destroy(): void;
}

export function createGraphView(container: HTMLElement): GraphView {
  const events = new Emitter<ExplorerEvents>();
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const cy = cytoscape({ container, style: stylesheet, wheelSensitivity: 0.3, minZoom: 0.05, maxZoom: 4, boxSelectionEnabled: false });

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
            existing.data(el.data);
            for (const c of (el.classes as string).split(" ")) existing.addClass(c);
          } else {
            added.push(el);
            if (el.group === "nodes") newNodes.push(id);
          }
        }
        cy.add(added);
      });
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
          n.toggleClass("hidden-type", f.hiddenTypes.has(n.data("type") as string));
        });
        cy.edges().forEach((e) => {
          const edge = edges.get(e.id());
          e.toggleClass("hidden-edge-type", f.hiddenEdgeTypes.has(e.data("type") as string));
          const inTime = !edge || overlaps(edge, { from: f.from || null, to: f.to || null }, true);
          e.toggleClass("hidden-time", !inTime);
        });
      });
    },
    setSizeMeasure(m) {
      cy.nodes().toggleClass("size-funding", m === "funding");
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
      return runLayout(cy, name, roots, rank);
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
      cy.destroy();
    },
  };
  return view;
}
