/**
 * Frames that draw nothing while a first view is revealed out of view. Before each frame,
 * Cytoscape's canvas renderer (3.x) styles and measures what changed (its `flushRenderedStyleQueue`);
 * then it draws, and out of view that paints nothing but still sorts every element into drawing
 * order (after elements were added) and takes every element's bounding box to find those in view:
 * at 20k elements 25–70 ms of each of the reveal's frames here, growing as elements come back, and
 * as much again for every frame while the layered cache is filled out of view. holdDrawing skips the
 * drawing (the renderer's `render`, except a drawing into another context, e.g. cy.png) until
 * released, and `measure` styles and measures what changed at once, in the caller's task. Uses the
 * renderer's internals, checked before use; without them returns null and nothing changes.
 */
import type { Core } from "cytoscape";

interface HeldRenderer {
  render(options?: { forcedContext?: unknown }): unknown;
  flushRenderedStyleQueue(): void;
  redrawHint(what: string, on: boolean): void;
  redraw(): void;
}

export interface HeldDrawing {
  /** Styles and measures the elements changed since the last frame (what a frame does before drawing). */
  measure(): void;
  /** Frames draw again (the next one draws everything); idempotent. */
  release(): void;
}

export function holdDrawing(cy: Core): HeldDrawing | null {
  const r = (cy as unknown as { renderer(): Partial<HeldRenderer> | undefined }).renderer();
  if (!r || typeof r.render !== "function" || typeof r.flushRenderedStyleQueue !== "function") return null;
  if (typeof r.redrawHint !== "function" || typeof r.redraw !== "function") return null;
  const renderer = r as HeldRenderer;
  const own = Object.prototype.hasOwnProperty.call(renderer, "render");
  const render0 = renderer.render;
  let held = true;
  const render = function (this: HeldRenderer, options?: { forcedContext?: unknown }) {
    if (!held || options?.forcedContext) return render0.call(this, options);
    return undefined;
  };
  renderer.render = render;
  return {
    measure: () => renderer.flushRenderedStyleQueue(),
    release() {
      if (!held) return;
      held = false;
      // Unless another wrapper was put over it meanwhile (it then calls this one, which passes through).
      if (renderer.render === render) {
        if (own) renderer.render = render0;
        else delete (renderer as Partial<HeldRenderer>).render;
      }
      // What the skipped frames would have drawn.
      renderer.redrawHint("eles", true);
      renderer.redrawHint("drag", true);
      renderer.redraw();
    },
  };
}
