/**
 * The worker's side of a layout: a headless Cytoscape with the requested nodes (their drawn sizes)
 * and edges, fcose on it without animation or fitting, and the positions in the request's order.
 * No DOM; runs in the layout worker and, for the tests, in Node.
 */
import cytoscape, { type ElementDefinition } from "cytoscape";
import fcose from "cytoscape-fcose";
import type { LayoutRequest } from "./layout-protocol.ts";

cytoscape.use(fcose);

export function computeLayout(req: LayoutRequest): Float64Array {
  const els: ElementDefinition[] = [];
  for (let i = 0; i < req.ids.length; i++) {
    els.push({
      group: "nodes",
      data: { id: `n${i}`, w: req.sizes[2 * i], h: req.sizes[2 * i + 1] },
      position: { x: req.start[2 * i]!, y: req.start[2 * i + 1]! },
    });
  }
  for (let j = 0; j < req.edges.length / 2; j++) {
    els.push({ group: "edges", data: { id: `e${j}`, source: `n${req.edges[2 * j]}`, target: `n${req.edges[2 * j + 1]}` } });
  }
  const cy = cytoscape({
    headless: true,
    styleEnabled: true,
    elements: els,
    style: [{ selector: "node", style: { width: "data(w)", height: "data(h)", "border-width": 0, padding: "0px" } }],
  });
  const o = req.options;
  cy.layout({
    name: "fcose",
    quality: o.quality,
    randomize: o.randomize,
    nodeRepulsion: o.nodeRepulsion,
    idealEdgeLength: o.idealEdgeLength,
    nodeSeparation: o.nodeSeparation,
    packComponents: o.packComponents,
    animate: false,
    fit: false,
  } as unknown as cytoscape.LayoutOptions).run();
  const positions = new Float64Array(req.ids.length * 2);
  for (let i = 0; i < req.ids.length; i++) {
    const p = cy.getElementById(`n${i}`).position();
    positions[2 * i] = p.x;
    positions[2 * i + 1] = p.y;
  }
  cy.destroy();
  return positions;
}
