/**
 * betweenness(adjacency, options): normalised betweenness centrality of an unweighted undirected
 * graph (Brandes 2001), over typed arrays, on the graph's core without its leaves (drop-leaves.ts)
 * whose share is added exactly. With `samples` below the core's size it is the pivot estimate of
 * Brandes & Pich (2007): the shortest paths from `samples` core sources drawn without replacement
 * by a seeded generator, scaled by core size / samples — the same seed gives the same values.
 * Normalised as graphology-metrics does for undirected graphs: the sum over ordered pairs
 * divided by (n − 1)(n − 2).
 */
import { seededRandom } from "../domain/seeded-random.ts";
import type { Adjacency } from "./build-adjacency.ts";
import { dropLeaves } from "./drop-leaves.ts";

export interface BetweennessOptions {
  /**
   * Sources to sample, or a function of the core's nodes and adjacency entries choosing it;
   * undefined, or the core's size and above, computes the exact values from every core node.
   */
  samples?: number | ((nodes: number, arcs: number) => number) | undefined;
  seed?: number;
  /** Called after each source with (sources done, sources in all). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface Betweenness {
  values: Float64Array;
  /** Sources the values were computed from: a sample, or every node of the core when exact. */
  sources: number;
  exact: boolean;
}

/** Sources in the order they are visited: every node, or a seeded sample of k distinct ones. */
function pickSources(n: number, k: number, seed: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (k >= n) return all;
  const random = seededRandom(seed);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(random() * (n - i));
    const t = all[i]!;
    all[i] = all[j]!;
    all[j] = t;
  }
  return all.slice(0, k);
}

/** The number of original nodes (core nodes weighted by 1 + their leaves) in each core node's component. */
function componentSizes({ n, offsets, targets }: Adjacency, weight: Float64Array): Float64Array {
  const size = new Float64Array(n);
  const seen = new Uint8Array(n);
  const queue = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (seen[root]) continue;
    let [head, tail, total] = [0, 0, 0];
    queue[tail++] = root;
    seen[root] = 1;
    while (head < tail) {
      const v = queue[head++]!;
      total += weight[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        if (!seen[w]) {
          seen[w] = 1;
          queue[tail++] = w;
        }
      }
    }
    for (let i = 0; i < tail; i++) size[queue[i]!] = total;
  }
  return size;
}

export function betweenness(adjacency: Adjacency, options: BetweennessOptions = {}): Betweenness {
  const { core, original, leaves } = dropLeaves(adjacency);
  const { n, offsets, targets } = core;
  const wanted = typeof options.samples === "function" ? options.samples(n, targets.length) : (options.samples ?? n);
  const k = Math.max(Math.min(n, 1), Math.min(n, Math.floor(wanted)));
  const sources = pickSources(n, k, options.seed ?? 42);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) weight[i] = 1 + leaves[i]!;
  const values = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  // (weight + dependency) / paths of each node reached: what it passes back to each predecessor, per path.
  const share = new Float64Array(n);
  const order = new Int32Array(n); // BFS order; read backwards it is Brandes' stack
  // The successors on shortest paths of order[i] are next[first[i] … first[i + 1]).
  const first = new Int32Array(n + 1);
  const next = new Int32Array(targets.length);

  for (let si = 0; si < sources.length; si++) {
    const s = sources[si]!;
    let head = 0;
    let tail = 0;
    let arcs = 0;
    order[tail++] = s;
    dist[s] = 0;
    sigma[s] = 1;
    while (head < tail) {
      const v = order[head]!;
      first[head++] = arcs;
      const dv = dist[v]! + 1;
      const sv = sigma[v]!;
      for (let e = offsets[v]!, end = offsets[v + 1]!; e < end; e++) {
        const w = targets[e]!;
        let dw = dist[w]!;
        if (dw < 0) {
          dist[w] = dw = dv;
          order[tail++] = w;
        }
        if (dw === dv) {
          sigma[w]! += sv;
          next[arcs++] = w;
        }
      }
    }
    first[tail] = arcs;
    // From the farthest nodes back: dependency(v) = sigma(v) × Σ over successors w of share(w).
    const ws = weight[s]!;
    for (let i = tail - 1; i > 0; i--) {
      const v = order[i]!;
      let sum = 0;
      for (let a = first[i]!, end = first[i + 1]!; a < end; a++) sum += share[next[a]!]!;
      const dependency = sigma[v]! * sum;
      values[v]! += ws * dependency;
      share[v] = (weight[v]! + dependency) / sigma[v]!;
    }
    for (let i = 0; i < tail; i++) {
      const v = order[i]!;
      dist[v] = -1;
      sigma[v] = 0;
    }
    options.onProgress?.(si + 1, k);
  }

  // Back to the whole graph: the core's share scaled up from the sample, and each node's exact share
  // as the only way out of its L leaves, within its component of C nodes: L(C − 2) ordered pairs
  // from them, L(C − 1 − L) towards them.
  const component = componentSizes(core, weight);
  const N = adjacency.n;
  const result = new Float64Array(N);
  const scale = n / Math.max(k, 1);
  const normalise = N > 2 ? 1 / ((N - 1) * (N - 2)) : 1;
  for (let i = 0; i < n; i++) {
    const l = leaves[i]!;
    result[original[i]!] = (values[i]! * scale + l * (2 * component[i]! - 3 - l)) * normalise;
  }
  return { values: result, sources: k, exact: k === n };
}
