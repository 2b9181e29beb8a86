import { describe, expect, it } from "vitest";
import cytoscape, { type Core } from "cytoscape";
import { computeLayout } from "../../../client/graph/compute-layout.ts";
import {
  applyPositions,
  checkPositions,
  toLayoutRequest,
  transferables,
  type LayoutRequest,
  type LayoutResponse,
} from "../../../client/graph/layout-protocol.ts";
import { createLayoutWorker, type WorkerLike } from "../../../client/graph/layout-worker-client.ts";
import { fcoseSettings, layoutEngine } from "../../../client/graph/layouts.ts";

function graph(): Core {
  return cytoscape({
    headless: true,
    styleEnabled: true,
    style: [{ selector: "node", style: { width: "data(size)", height: "data(size)", "border-width": 0 } }],
    elements: [
      { data: { id: "a", size: 20 } },
      { data: { id: "b", size: 40 } },
      { data: { id: "c", size: 30 } },
      { data: { id: "off", size: 10 } },
      { data: { id: "ab", source: "a", target: "b" } },
      { data: { id: "bc", source: "b", target: "c" } },
      { data: { id: "c-off", source: "c", target: "off" } },
      { data: { id: "aa", source: "a", target: "a" } },
    ],
  });
}

const settings = fcoseSettings(100);

describe("the layout request", () => {
  it("carries the nodes' ids and drawn sizes, and the edges among them as index pairs", () => {
    const cy = graph();
    cy.getElementById("b").position({ x: 5, y: -7 });
    const req = toLayoutRequest(3, cy.elements().not("#off"), settings);
    expect(req.seq).toBe(3);
    expect(req.ids).toEqual(["a", "b", "c"]);
    expect([...req.sizes]).toEqual([20, 20, 40, 40, 30, 30]);
    expect([...req.start.subarray(2, 4)]).toEqual([5, -7]);
    // a–b and b–c; the edge to a node left out and the self-loop are not sent.
    expect([...req.edges]).toEqual([0, 1, 1, 2]);
    expect(req.options).toEqual(settings);
    // Only edges of the collection count (a hidden edge is not in it).
    expect([...toLayoutRequest(4, cy.elements().not("#off, #bc"), settings).edges]).toEqual([0, 1]);
    expect([...toLayoutRequest(5, cy.elements(), settings, () => [7, 9]).sizes.subarray(0, 2)]).toEqual([7, 9]);
  });

  it("moves its typed arrays instead of copying them", () => {
    const req = toLayoutRequest(1, graph().elements(), settings);
    expect(transferables(req)).toEqual([req.sizes.buffer, req.start.buffer, req.edges.buffer]);
    const res: LayoutResponse = { seq: 1, positions: new Float64Array(8) };
    expect(transferables(res)).toEqual([res.positions.buffer]);
    expect(transferables({ seq: 1, error: "x" })).toEqual([]);
  });
});

describe("the worker's layout", () => {
  it("places every node at a distinct, finite position", () => {
    const req = toLayoutRequest(1, graph().elements(), settings);
    const positions = computeLayout(req);
    expect(checkPositions(req.ids, positions)).toBeNull();
    const points = new Set(req.ids.map((_, i) => `${positions[2 * i]!.toFixed(1)},${positions[2 * i + 1]!.toFixed(1)}`));
    expect(points.size).toBe(req.ids.length);
  });
});

describe("applying the worker's answer", () => {
  it("rejects answers of the wrong length or with holes", () => {
    expect(checkPositions(["a", "b"], new Float64Array(4))).toBeNull();
    expect(checkPositions(["a", "b"], new Float64Array(2))).toMatch(/1 positions for 2 nodes/);
    expect(checkPositions(["a"], Float64Array.of(1, NaN))).toMatch(/position 0 is not a number/);
  });

  it("moves the nodes in one batch and skips nodes removed meanwhile", () => {
    const cy = graph();
    cy.getElementById("c").remove();
    let renders = 0;
    cy.on("position", () => renders++);
    const placed = applyPositions(cy, ["a", "b", "c", "ab"], Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8));
    expect(placed).toBe(2);
    expect(cy.getElementById("a").position()).toEqual({ x: 1, y: 2 });
    expect(cy.getElementById("b").position()).toEqual({ x: 3, y: 4 });
    expect(renders).toBeGreaterThan(0);
  });
});

describe("where a layout runs", () => {
  it("puts fcose of any graph in the worker where the page has one, and keeps the rest on the main thread", () => {
    expect(layoutEngine("fcose", 1, true)).toBe("worker");
    // The seed graph's size: fcose of it blocked the page 678 ms on the main thread.
    expect(layoutEngine("fcose", 209, true)).toBe("worker");
    expect(layoutEngine("fcose", 0, true)).toBe("main");
    expect(layoutEngine("fcose", 50_000, false)).toBe("main");
    expect(layoutEngine("concentric", 50_000, true)).toBe("main");
    expect(layoutEngine("breadthfirst", 50_000, true)).toBe("main");
    expect(fcoseSettings(3001).quality).toBe("draft");
    expect(fcoseSettings(3000).quality).toBe("default");
  });
});

/** A stand-in worker that records what it is sent and answers when told to. */
function fakeWorker() {
  const spawned: FakeWorker[] = [];
  class FakeWorker implements WorkerLike {
    sent: LayoutRequest[] = [];
    terminated = false;
    onmessage: ((ev: MessageEvent) => void) | null = null;
    onerror: ((ev: ErrorEvent) => void) | null = null;
    postMessage(msg: unknown): void {
      this.sent.push(msg as LayoutRequest);
    }
    terminate(): void {
      this.terminated = true;
    }
    answer(res: LayoutResponse): void {
      this.onmessage?.({ data: res } as MessageEvent);
    }
  }
  return {
    spawned,
    spawn: () => {
      const w = new FakeWorker();
      spawned.push(w);
      return w;
    },
  };
}

const request = (seq: number, ids: string[]): LayoutRequest => ({
  seq,
  name: "fcose",
  options: settings,
  ids,
  sizes: new Float64Array(ids.length * 2),
  start: new Float64Array(ids.length * 2),
  edges: new Uint32Array(),
});

describe("the page's handle on the worker", () => {
  it("starts one worker and keeps it for the next request", async () => {
    const f = fakeWorker();
    const worker = createLayoutWorker(f.spawn);
    const first = worker.run(request(1, ["a"]));
    f.spawned[0]!.answer({ seq: 1, positions: Float64Array.of(1, 2) });
    expect([...(await first)!]).toEqual([1, 2]);
    const second = worker.run(request(2, ["a"]));
    f.spawned[0]!.answer({ seq: 2, positions: Float64Array.of(3, 4) });
    expect([...(await second)!]).toEqual([3, 4]);
    expect(f.spawned).toHaveLength(1);
  });

  it("starts its worker when warmed, before the first request, and keeps it for that request", async () => {
    const f = fakeWorker();
    const worker = createLayoutWorker(f.spawn);
    expect(f.spawned).toHaveLength(0);
    worker.warm();
    worker.warm();
    expect(f.spawned).toHaveLength(1);
    const first = worker.run(request(1, ["a"]));
    f.spawned[0]!.answer({ seq: 1, positions: Float64Array.of(1, 2) });
    expect([...(await first)!]).toEqual([1, 2]);
    expect(f.spawned).toHaveLength(1);
    // A worker that fails while warm is stopped; the next request starts another.
    worker.terminate();
    worker.warm();
    f.spawned[1]!.onerror?.({ message: "", preventDefault() {} } as ErrorEvent);
    expect(f.spawned[1]!.terminated).toBe(true);
    const next = worker.run(request(2, ["a"]));
    expect(f.spawned).toHaveLength(3);
    f.spawned[2]!.answer({ seq: 2, positions: Float64Array.of(3, 4) });
    expect([...(await next)!]).toEqual([3, 4]);
  });

  it("drops a superseded request: it resolves to null and its worker is stopped", async () => {
    const f = fakeWorker();
    const worker = createLayoutWorker(f.spawn);
    const old = worker.run(request(1, ["a"]));
    const current = worker.run(request(2, ["a"]));
    await expect(old).resolves.toBeNull();
    expect(f.spawned[0]!.terminated).toBe(true);
    f.spawned[0]!.answer({ seq: 1, positions: Float64Array.of(9, 9) });
    f.spawned[1]!.answer({ seq: 1, positions: Float64Array.of(9, 9) });
    f.spawned[1]!.answer({ seq: 2, positions: Float64Array.of(5, 6) });
    expect([...(await current)!]).toEqual([5, 6]);
    worker.cancel();
    const cancelled = worker.run(request(3, ["a"]));
    worker.cancel();
    await expect(cancelled).resolves.toBeNull();
  });

  it("rejects on the worker's error, a wrong answer, or a worker that does not start", async () => {
    const f = fakeWorker();
    const worker = createLayoutWorker(f.spawn);
    const failed = worker.run(request(1, ["a"]));
    f.spawned[0]!.answer({ seq: 1, error: "boom" });
    await expect(failed).rejects.toThrow("layout worker: boom");
    const short = worker.run(request(2, ["a", "b"]));
    f.spawned[0]!.answer({ seq: 2, positions: Float64Array.of(1, 2) });
    await expect(short).rejects.toThrow("1 positions for 2 nodes");
    const broken = worker.run(request(3, ["a"]));
    f.spawned[0]!.onerror?.({ message: "", preventDefault() {} } as ErrorEvent);
    await expect(broken).rejects.toThrow("layout worker: failed to start");
    expect(f.spawned[0]!.terminated).toBe(true);
  });
});
