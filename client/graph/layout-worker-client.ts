/**
 * The page's handle on the layout worker: one worker, started early (warm) or on first use and kept; one request
 * at a time. A newer request (or cancel) stops the worker mid-layout, since its answer would be
 * dropped anyway, and the older request resolves to null.
 */
import { checkPositions, transferables, type LayoutRequest, type LayoutResponse } from "./layout-protocol.ts";

export interface LayoutWorker {
  /** The positions in the request's node order; null when superseded or cancelled. */
  run(req: LayoutRequest): Promise<Float64Array | null>;
  /** Starts the worker (loading its script) if none is running, so that the first run does not wait for it. */
  warm(): void;
  cancel(): void;
  terminate(): void;
}

export interface WorkerLike {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((ev: MessageEvent) => void) | null;
  onerror: ((ev: ErrorEvent) => void) | null;
}

const spawnLayoutWorker = (): WorkerLike => new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });

export function createLayoutWorker(spawn: () => WorkerLike = spawnLayoutWorker): LayoutWorker {
  let worker: WorkerLike | null = null;
  let pending: { seq: number; ids: string[]; resolve(p: Float64Array | null): void; reject(e: Error): void } | null = null;

  function stop(): void {
    worker?.terminate();
    worker = null;
  }

  function settleCancelled(): void {
    if (!pending) return;
    const p = pending;
    pending = null;
    stop();
    p.resolve(null);
  }

  function start(): WorkerLike {
    const w = spawn();
    w.onmessage = (ev: MessageEvent<LayoutResponse>) => {
      const res = ev.data;
      if (!pending || res.seq !== pending.seq) return;
      const p = pending;
      pending = null;
      if ("error" in res) return p.reject(new Error(`layout worker: ${res.error}`));
      const wrong = checkPositions(p.ids, res.positions);
      if (wrong) p.reject(new Error(wrong));
      else p.resolve(res.positions);
    };
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault?.();
      const p = pending;
      pending = null;
      stop();
      p?.reject(new Error(`layout worker: ${ev.message || "failed to start"}`));
    };
    return w;
  }

  return {
    run(req) {
      settleCancelled();
      worker ??= start();
      const w = worker;
      return new Promise((resolve, reject) => {
        pending = { seq: req.seq, ids: req.ids, resolve, reject };
        w.postMessage(req, transferables(req));
      });
    },
    warm() {
      worker ??= start();
    },
    cancel: settleCancelled,
    terminate() {
      settleCancelled();
      stop();
    },
  };
}
