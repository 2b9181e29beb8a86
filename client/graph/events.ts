/** The typed event map between the graph view and the panels, and a tiny emitter for it. */
import type { GraphEdge, GraphNode } from "../api/types.ts";

export interface ExplorerEvents {
  /** A node or an edge was chosen (click, search, path list); null clears the selection. */
  select: { kind: "node"; node: GraphNode } | { kind: "edge"; edge: GraphEdge } | null;
  /** The elements in the view changed (load, expand, collapse, flows). */
  elementsChanged: { nodes: number; edges: number };
  /** Filters, mode or selection changed: the URL should follow. */
  stateChanged: void;
  /** A layout started or its positions stand; engine: computed on the main thread or in the layout worker. */
  layout: { state: "running" | "done"; engine: "main" | "worker"; elements: number };
  /** A node's neighbourhood was expanded and left some out. */
  expanded: { id: string; added: number; omitted: number };
}

type Handler<T> = (payload: T) => void;

export class Emitter<M> {
  private handlers = new Map<keyof M, Set<Handler<never>>>();

  on<K extends keyof M>(type: K, handler: Handler<M[K]>): () => void {
    let set = this.handlers.get(type);
    if (!set) this.handlers.set(type, (set = new Set()));
    set.add(handler as Handler<never>);
    return () => set.delete(handler as Handler<never>);
  }

  emit<K extends keyof M>(type: K, payload: M[K]): void {
    for (const h of this.handlers.get(type) ?? []) (h as Handler<M[K]>)(payload);
  }
}
