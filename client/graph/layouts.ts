/**
 * Layouts: fcose for the whole graph (randomised but seeded by the quality setting), concentric for
 * funding flows (the funder in the middle), breadthfirst for paths. Animations stay short and large
 * graphs use the draft quality so the page never freezes long.
 */
import type { Core, LayoutOptions } from "cytoscape";

export type LayoutName = "fcose" | "concentric" | "breadthfirst";
export const LAYOUTS: LayoutName[] = ["fcose", "concentric", "breadthfirst"];

/** rank: for concentric, a ring per rank (0 in the middle); roots otherwise sit in the middle. */
export function layoutOptions(name: LayoutName, cy: Core, roots: string[] = [], rank?: Map<string, number>): LayoutOptions {
  const visible = cy.elements(":visible").length;
  switch (name) {
    case "fcose":
      return {
        name: "fcose",
        quality: visible > 3000 ? "draft" : "default",
        animate: visible < 1000,
        animationDuration: 400,
        randomize: true,
        nodeRepulsion: () => 9000,
        idealEdgeLength: () => 90,
        nodeSeparation: 80,
        packComponents: true,
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
