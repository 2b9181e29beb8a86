/**
 * The messages between the page and the layout worker, and the two ends' pure parts: what to send
 * (the nodes to place with their drawn sizes, the edges between them as index pairs, fcose's options
 * as plain data) and how the answer is applied (all positions in one batch). Typed arrays keep the
 * messages small and cheap to copy; positions come back in the request's node order.
 */
import type { Collection, Core, NodeSingular } from "cytoscape";

/** fcose's options that the worker understands: numbers and flags only (functions do not cross threads). */
export interface WorkerFcoseOptions {
  quality: "draft" | "default" | "proof";
  randomize: boolean;
  nodeRepulsion: number;
  idealEdgeLength: number;
  nodeSeparation: number;
  packComponents: boolean;
}

export interface LayoutRequest {
  /** Grows with every request; an answer to an older one is dropped. */
  seq: number;
  name: "fcose";
  options: WorkerFcoseOptions;
  /** Node ids, in the order of `sizes` and of the answer's positions. */
  ids: string[];
  /** Width and height of node i at [2i] and [2i + 1]. */
  sizes: Float64Array;
  /** Current position of node i at [2i] and [2i + 1] (used when not randomised). */
  start: Float64Array;
  /** Edge j joins nodes edges[2j] and edges[2j + 1] (indexes into ids). */
  edges: Uint32Array;
}

export type LayoutResponse = { seq: number; positions: Float64Array } | { seq: number; error: string };

/** A node's drawn width and height (by default from its computed style). */
export type NodeSize = (n: NodeSingular) => [number, number];
const styledSize: NodeSize = (n) => [n.outerWidth(), n.outerHeight()];

/** The request for laying out the nodes of `eles` and the edges of `eles` between them. */
export function toLayoutRequest(seq: number, eles: Collection, options: WorkerFcoseOptions, size: NodeSize = styledSize): LayoutRequest {
  const nodes = eles.nodes();
  const ids: string[] = [];
  const index = new Map<string, number>();
  const sizes = new Float64Array(nodes.length * 2);
  const start = new Float64Array(nodes.length * 2);
  nodes.forEach((n, i) => {
    ids.push(n.id());
    index.set(n.id(), i);
    [sizes[2 * i], sizes[2 * i + 1]] = size(n);
    const p = n.position();
    start[2 * i] = p.x;
    start[2 * i + 1] = p.y;
  });
  const pairs: number[] = [];
  eles.edges().forEach((e) => {
    // From the data: e.source() builds a collection per edge (a tenth of a second at 20k).
    const s = index.get(e.data("source") as string);
    const t = index.get(e.data("target") as string);
    if (s !== undefined && t !== undefined && s !== t) pairs.push(s, t);
  });
  return { seq, name: "fcose", options, ids, sizes, start, edges: Uint32Array.from(pairs) };
}

/** The transferable buffers of a message (moved, not copied, by postMessage). */
export function transferables(msg: LayoutRequest | LayoutResponse): ArrayBuffer[] {
  if ("positions" in msg) return [msg.positions.buffer as ArrayBuffer];
  if ("ids" in msg) return [msg.sizes.buffer as ArrayBuffer, msg.start.buffer as ArrayBuffer, msg.edges.buffer as ArrayBuffer];
  return [];
}

/** A well-formed answer has two finite coordinates per requested node. */
export function checkPositions(ids: readonly string[], positions: Float64Array): string | null {
  if (positions.length !== ids.length * 2) return `layout worker: ${positions.length / 2} positions for ${ids.length} nodes`;
  for (let i = 0; i < positions.length; i++) if (!Number.isFinite(positions[i])) return `layout worker: position ${i >> 1} is not a number`;
  return null;
}

/**
 * Moves the nodes to their positions in one batch (one redraw); nodes removed since the request are
 * skipped. Returns how many nodes were placed.
 */
export function applyPositions(cy: Core, ids: readonly string[], positions: Float64Array): number {
  let placed = 0;
  cy.batch(() => {
    for (let i = 0; i < ids.length; i++) {
      const n = cy.getElementById(ids[i]!);
      if (n.empty() || !n.isNode()) continue;
      n.position({ x: positions[2 * i]!, y: positions[2 * i + 1]! });
      placed++;
    }
  });
  return placed;
}
