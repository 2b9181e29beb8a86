/**
 * A task boundary: input events, rendering and other tasks get their turn, then the caller goes on.
 * A task posted with the browser's `scheduler.postTask` where it has one (Chromium since 94): it
 * runs as soon as the page is free, where a `setTimeout(…, 0)` chained from timer to timer
 * waits at least 4 ms each time (the HTML standard's clamp after five nested timers), a quarter of a
 * 12-ms slice. Not `scheduler.yield()`: its continuations go before the page's other tasks, so a
 * loop of slices kept timers waiting for seconds (4.4 s while 20k elements were revealed). Elsewhere
 * (Node, in unit tests; older browsers) a `setTimeout(…, 0)`.
 */
interface Scheduler {
  postTask(callback: () => void): Promise<void>;
}

export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.postTask === "function") return scheduler.postTask(() => undefined);
  return new Promise<void>((resolve) => setTimeout(resolve, 0));
}
