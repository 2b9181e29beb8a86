/**
 * dropLeaves(adjacency): the graph without its leaves (nodes whose only neighbour has more than
 * one), for betweenness: a leaf lies on no shortest path between others, and every path from it
 * starts with its neighbour, so the core with each node weighted by 1 + its leaves gives the same
 * betweenness (Baglioni et al. 2012). About half of an H2020-sized network is leaves.
 */
import type { Adjacency } from "./build-adjacency.ts";

export interface Core {
  /** The core's own adjacency, nodes numbered 0 … core.n − 1. */
  core: Adjacency;
  /** The original number of each core node. */
  original: Int32Array;
  /** Leaves hanging on each core node. */
  leaves: Int32Array;
}

export function dropLeaves({ n, offsets, targets }: Adjacency): Core {
  const degree = (i: number): number => offsets[i + 1]! - offsets[i]!;
  const isLeaf = (i: number): boolean => degree(i) === 1 && degree(targets[offsets[i]!]!) > 1;
  const position = new Int32Array(n).fill(-1);
  let size = 0;
  for (let i = 0; i < n; i++) if (!isLeaf(i)) position[i] = size++;
  const original = new Int32Array(size);
  const leaves = new Int32Array(size);
  const coreOffsets = new Int32Array(size + 1);
  const coreTargets = new Int32Array(targets.length);
  let arcs = 0;
  for (let i = 0; i < n; i++) {
    const p = position[i]!;
    if (p < 0) continue;
    original[p] = i;
    coreOffsets[p] = arcs;
    for (let e = offsets[i]!, end = offsets[i + 1]!; e < end; e++) {
      const q = position[targets[e]!]!;
      if (q < 0) leaves[p]!++;
      else coreTargets[arcs++] = q;
    }
  }
  coreOffsets[size] = arcs;
  return { core: { n: size, offsets: coreOffsets, targets: coreTargets.slice(0, arcs) }, original, leaves };
}
