/**
 * Layouts: fcose for the whole graph (randomised but seeded by the quality setting), concentric for
 * funding flows (the funder in the middle), breadthfirst for paths. Animations stay short and large
 * graphs use the draft quality. fcose is computed in the layout worker (layout.worker.ts), off the
 * main thread, wherever the page has workers, and its positions applied in one batch.
 */
import type { Core, LayoutOptions } from "cytoscape";
import { applyPositions, type WorkerFcoseOptions } from "./layout-protocol.ts";

export type LayoutName = "fcose" | "concentric" | "breadthfirst";
export const LAYOUTS: LayoutName[] = ["fcose", "concentric", "breadthfirst"];

/** Where a layout is computed. */
export type LayoutEngine = "main" | "worker";

/** Above this many visible elements layouts are not animated (fcose: draft quality above 3,000). */
export const ANIMATE_BELOW = 1000;

/**
 * fcose of any graph goes to the worker where the page has one: on the main thread its one task
 * blocked the page 244 ms at 100 elements, 678 ms at 200 (the seed graph has 209) and 920 ms at 450
 * here (twenty-third session; until then only from 500 elements). The other layouts are cheap.
 */
export function layoutEngine(name: LayoutName, visibleElements: number, workerAvailable: boolean): LayoutEngine {
  return name === "fcose" && workerAvailable && visibleElements > 0 ? "worker" : "main";
}

/** fcose's settings as plain data, the same on either thread. */
export function fcoseSettings(visibleElements: number): WorkerFcoseOptions {
  return {
    quality: visibleElements > 3000 ? "draft" : "default",
    randomize: true,
    nodeRepulsion: 9000,
    idealEdgeLength: 90,
    nodeSeparation: 80,
    packComponents: true,
  };
}

/** rank: for concentric, a ring per rank (0 in the middle); roots otherwise sit in the middle. */
export function layoutOptions(name: LayoutName, cy: Core, roots: string[] = [], rank?: Map<string, number>): LayoutOptions {
  const visible = cy.elements(":visible").length;
  switch (name) {
    case "fcose":
      return {
        name: "fcose",
        ...fcoseSettings(visible),
        animate: visible < ANIMATE_BELOW,
        animationDuration: 400,
        fit: true,
        padding: 30,
      } as unknown as LayoutOptions;
    case "concentric":
      return {
        name: "concentric",
        concentric: (n: { id(): string; degree(b: boolean): number }) =>
          rank ? 10 - (rank.get(n.id()) ?? 9) : roots.includes(n.id()) ? 1000 : n.degree(false),
        levelWidth: () => (rank ? 1 : 2),
        minNodeSpacing: 30,
        animate: false,
        fit: true,
        padding: 30,
      } as unknown as LayoutOptions;
    case "breadthfirst":
      return {
        name: "breadthfirst",
        directed: false,
        roots: roots.length ? roots.map((r) => `[id = "${r}"]`).join(",") : undefined,
        spacingFactor: 1.1,
        animate: false,
        fit: true,
        padding: 30,
      } as unknown as LayoutOptions;
  }
}

/** Runs a layout on the visible elements and resolves when it stops. */
export function runLayout(cy: Core, name: LayoutName, roots: string[] = [], rank?: Map<string, number>): Promise<void> {
  return new Promise((resolve) => {
    const layout = cy.elements(":visible").layout(layoutOptions(name, cy, roots, rank));
    layout.one("layoutstop", () => resolve());
    layout.run();
  });
}

/**
 * Places nodes at positions computed elsewhere (the worker): one batch and a fit, or a short
 * animation (a preset layout) for graphs small enough to animate. Resolves when they stand.
 */
export function placeNodes(cy: Core, ids: readonly string[], positions: Float64Array, animate: boolean): Promise<void> {
  if (!animate) {
    applyPositions(cy, ids, positions);
    cy.fit(cy.elements(":visible"), 30);
    return Promise.resolve();
  }
  const at = new Map<string, { x: number; y: number }>();
  ids.forEach((id, i) => at.set(id, { x: positions[2 * i]!, y: positions[2 * i + 1]! }));
  const nodes = cy.nodes().filter((n) => at.has(n.id()));
  return new Promise((resolve) => {
    const layout = nodes.layout({
      name: "preset",
      positions: (n: { id(): string }) => at.get(n.id())!,
      animate: true,
      animationDuration: 400,
      fit: true,
      padding: 30,
    } as unknown as LayoutOptions);
    layout.one("layoutstop", () => resolve());
    layout.run();
  });
}
