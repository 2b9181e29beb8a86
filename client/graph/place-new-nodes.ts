/**
 * Where nodes added to a drawn graph stand until the next layout places them: around the placed
 * nodes they are linked to (the node they were expanded from, or their neighbours' centroid), on a
 * small spiral so they do not cover one another, instead of on (0, 0). A node linked only to other
 * new nodes follows them; one linked to nothing placed keeps no position.
 */
import type { ElementDefinition } from "cytoscape";

export interface Point {
  x: number;
  y: number;
}

/** Distance of the first new node from its anchor; the spiral widens from there. */
export const PLACE_RADIUS = 60;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Sets `position` on the node definitions in `added` from the positions of their neighbours:
 * `placed(id)` for nodes already drawn, null for nodes not placed. Returns how many were placed.
 */
export function placeNewNodes(added: ElementDefinition[], placed: (id: string) => Point | null): number {
  const newNodes = new Map<string, ElementDefinition>();
  for (const el of added) if (el.group === "nodes") newNodes.set(el.data.id!, el);
  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => (neighbours.get(a) ?? neighbours.set(a, []).get(a)!).push(b);
  for (const el of added) {
    if (el.group !== "edges") continue;
    const { source, target } = el.data as { source: string; target: string };
    if (newNodes.has(source)) link(source, target);
    if (newNodes.has(target)) link(target, source);
  }
  const at = (id: string): Point | null => newNodes.get(id)?.position ?? (newNodes.has(id) ? null : placed(id));
  // Children around each anchor point count up, so siblings spread out instead of stacking.
  const around = new Map<string, number>();
  let count = 0;
  for (let pass = 0, progress = true; progress && pass < 3; pass++) {
    progress = false;
    for (const [id, el] of newNodes) {
      if (el.position) continue;
      const ps = (neighbours.get(id) ?? []).map(at).filter((p): p is Point => p !== null);
      if (!ps.length) continue;
      const c = { x: ps.reduce((s, p) => s + p.x, 0) / ps.length, y: ps.reduce((s, p) => s + p.y, 0) / ps.length };
      const key = `${Math.round(c.x)},${Math.round(c.y)}`;
      const k = around.get(key) ?? 0;
      around.set(key, k + 1);
      const r = PLACE_RADIUS * Math.sqrt(k + 1);
      el.position = { x: c.x + r * Math.cos(k * GOLDEN_ANGLE), y: c.y + r * Math.sin(k * GOLDEN_ANGLE) };
      count++;
      progress = true;
    }
  }
  return count;
}
