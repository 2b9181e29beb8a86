/**
 * buildAdjacency(n, sources, targets): the simple undirected graph of the given ties in compressed
 * sparse row form — the neighbours of node i are `targets[offsets[i] … offsets[i + 1])`, sorted —
 * with self-loops dropped and parallel ties merged, as graphology's UndirectedGraph holds them.
 */
export interface Adjacency {
  /** Number of nodes, numbered 0 … n − 1. */
  n: number;
  /** n + 1 offsets into `targets`. */
  offsets: Int32Array;
  targets: Int32Array;
}

export function buildAdjacency(n: number, sources: ArrayLike<number>, targets: ArrayLike<number>): Adjacency {
  const count = new Int32Array(n + 1);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    if (s === t) continue;
    count[s + 1]!++;
    count[t + 1]!++;
  }
  for (let i = 0; i < n; i++) count[i + 1]! += count[i]!;
  const fill = count.slice(0, n);
  const all = new Int32Array(count[n]!);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const t = targets[i]!;
    if (s === t) continue;
    all[fill[s]!++] = t;
    all[fill[t]!++] = s;
  }
  // Sort each row and drop repeats, compacting in place.
  const offsets = new Int32Array(n + 1);
  let out = 0;
  for (let i = 0; i < n; i++) {
    const row = all.subarray(count[i]!, count[i + 1]!).sort();
    offsets[i] = out;
    let previous = -1;
    for (let j = 0; j < row.length; j++) {
      const v = row[j]!;
      if (v !== previous) all[out++] = previous = v;
    }
  }
  offsets[n] = out;
  return { n, offsets, targets: all.slice(0, out) };
}
