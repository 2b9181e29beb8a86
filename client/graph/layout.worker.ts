/**
 * The layout worker: computes fcose layouts off the page's main thread, one request at a time, and
 * answers with the positions (or the error). Loaded by layout-worker-client.ts through Vite's
 * `new Worker(new URL(…), { type: "module" })`.
 */
import { computeLayout } from "./compute-layout.ts";
import { transferables, type LayoutRequest, type LayoutResponse } from "./layout-protocol.ts";

const scope = self as unknown as {
  onmessage: ((ev: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(msg: LayoutResponse, transfer: ArrayBuffer[]): void;
};

scope.onmessage = (ev) => {
  const req = ev.data;
  let res: LayoutResponse;
  try {
    res = { seq: req.seq, positions: computeLayout(req) };
  } catch (e) {
    res = { seq: req.seq, error: (e as Error).message || String(e) };
  }
  scope.postMessage(res, transferables(res));
};
