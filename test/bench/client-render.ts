/**
 * `npm run bench:client` (RUNS=3 by default): the real explorer page (the Vite build in
 * dist/client) in headless Chromium, drawing generated graphs of 1k, 5k and 20k elements served by
 * a stand-in /graphql (test/e2e/large-graph.ts), with Cytoscape's canvas renderer and with its WebGL
 * option (`?renderer=webgl`) side by side in one run. Per size and renderer, the median over RUNS of:
 *
 * - first render: from the graph's response arriving to the end of Cytoscape's first drawing of the
 *   graph with all its nodes, in view (whatever their positions);
 * - settled layout: from the same moment to the end of Cytoscape's first drawing after the page
 *   says it is ready (layout done, its positions applied);
 * - longest task: the longest main-thread task from the page asking for the graph until 2 s after
 *   the layout settled, from PerformanceObserver('longtask', buffered), and how many took over 200 ms;
 *   and two heartbeats over the same span as a second measure, the longest gap between
 *   requestAnimationFrame callbacks and between 10-ms setTimeout callbacks.
 *
 * BENCH_DIST=folder measures another build of the page instead (for before/after comparisons).
 *
 * A benchmark, not a test: it measures and prints a Markdown table. Chromium runs with --disable-gpu,
 * so WebGL is software-rendered (SwiftShader) and its column says little about real GPUs.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { PROJECT_ROOT } from "../../server/config.ts";
import { buildIfStale } from "../../client/build-if-stale.mjs";
import { openBrowser } from "../e2e/open-browser.ts";
import { answerGraphql, largeGraph, type LargeGraph } from "../e2e/large-graph.ts";
import { median, table } from "./bench-table.ts";

const SIZES = [1_000, 5_000, 20_000];
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3) || 3);
const PAGE_BUDGET_MS = 180_000;
/** Long tasks and gaps are watched until this long after the layout settled (drawing caches fill then). */
const TAIL_MS = 2000;
/** BENCH_DIST: another build of the page (e.g. a copy of an earlier one) to compare; default: build if stale. */
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(PROJECT_ROOT, "dist", "client"));
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".ttf": "font/ttf",
  ".woff2": "font/woff2",
};

interface Sample {
  firstRenderMs: number;
  settledMs: number;
  longestTaskMs: number;
  tasksOver200: number;
  rafGapMs: number;
  timerGapMs: number;
  engine: string;
  webgl: boolean;
  error: string | null;
}

/** The built page and a /graphql that answers from `current.graph`. */
function serve(current: { graph: LargeGraph | null }): Promise<Server> {
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      if (url.pathname === "/graphql") {
        let body = "";
        for await (const chunk of req) body += String(chunk);
        res.writeHead(200, { "content-type": "application/json" }).end(answerGraphql(current.graph!, body));
        return;
      }
      const file = path.join(DIST, path.normalize(url.pathname === "/" ? "/index.html" : url.pathname));
      if (!file.startsWith(DIST)) return void res.writeHead(403).end();
      try {
        const bytes = await readFile(file);
        res.writeHead(200, { "content-type": TYPES[path.extname(file)] ?? "application/octet-stream" }).end(bytes);
      } catch {
        res.writeHead(404).end();
      }
    })();
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** Runs in the page before its own scripts (a string: tsx's __name helpers do not exist there). */
const INSTRUMENT = `(() => {
  const TAIL = ${TAIL_MS};
  const b = (window.__bench = { t0: null, dataAt: null, firstFrameAt: null, settledAt: null, tasks: [], rafMax: 0, timerMax: 0 });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.tasks.push([e.startTime, e.duration]);
  }).observe({ type: "longtask", buffered: true });
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (...args) => {
    if (b.t0 === null) b.t0 = performance.now();
    const res = await fetch0(...args);
    b.dataAt = performance.now();
    return res;
  };
  const expected = Number(new URLSearchParams(location.search).get("bench-nodes"));
  const watching = (now) => b.t0 !== null && (b.settledAt === null || now <= b.settledAt + TAIL);
  // All nodes are in cy and the view shows them (a page may add them out of view first).
  const allInView = () => {
    const nodes = window.cy.nodes();
    if (nodes.length < expected || nodes.length === 0) return false;
    const p = nodes[0].position();
    const e = window.cy.extent();
    return p.x >= e.x1 && p.x <= e.x2 && p.y >= e.y1 && p.y <= e.y2;
  };
  let lastFrame = null;
  const frame = () => {
    const now = performance.now();
    if (watching(now) && lastFrame !== null) b.rafMax = Math.max(b.rafMax, now - lastFrame);
    lastFrame = now;
    // Each drawing of the graph goes through its renderer's render() (canvas and WebGL alike; the
    // renderer is replaced when the view is mounted, and has none while nothing is drawn).
    const r = window.cy && window.cy.renderer();
    if (r && typeof r.render === "function" && !r.__bench) {
      r.__bench = true;
      const render = r.render;
      r.render = function (...args) {
        const out = render.apply(this, args);
        const t = performance.now();
        if (b.firstFrameAt === null && allInView()) b.firstFrameAt = t;
        if (b.settledAt === null && window.explorer?.ready === true) b.settledAt = t;
        return out;
      };
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  let lastTick = performance.now();
  const tick = () => {
    const now = performance.now();
    if (watching(now)) b.timerMax = Math.max(b.timerMax, now - lastTick);
    lastTick = now;
    setTimeout(tick, 10);
  };
  setTimeout(tick, 10);
})();`;

async function main(): Promise<void> {
  const started = new Date();
  const load0 = os.loadavg();
  if (!process.env.BENCH_DIST) buildIfStale({ quiet: true });
  const current: { graph: LargeGraph | null } = { graph: null };
  const server = await serve(current);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await openBrowser();
  const samples = new Map<string, Sample[]>();
  const key = (elements: number, webgl: boolean) => `${elements}/${webgl ? "webgl" : "canvas"}`;
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const elements of SIZES) {
        current.graph = largeGraph(elements);
        for (const webgl of [false, true]) {
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          await page.addInitScript(INSTRUMENT);
          const query = `?bench-nodes=${current.graph.nodes.length}${webgl ? "&renderer=webgl" : ""}`;
          let error: string | null = null;
          try {
            await page.goto(`${base}/${query}`);
            await page.waitForFunction(() => window.explorer?.ready === true || window.explorer?.error !== null, undefined, {
              timeout: PAGE_BUDGET_MS,
            });
            error = await page.evaluate(() => window.explorer.error);
            await page.waitForFunction(() => (window as unknown as { __bench: { settledAt: number | null } }).__bench.settledAt !== null);
            await page.waitForTimeout(TAIL_MS + 500);
          } catch (e) {
            error = (e as Error).message.split("\n")[0]!;
          }
          const s = await page.evaluate((tail) => {
            const w = window as unknown as {
              __bench: {
                t0: number;
                dataAt: number;
                firstFrameAt: number | null;
                settledAt: number | null;
                tasks: [number, number][];
                rafMax: number;
                timerMax: number;
              };
              explorer?: { layout?: { engine: string } | null };
              cy?: { renderer(): { webgl?: boolean } };
            };
            const b = w.__bench;
            const end = b.settledAt === null ? performance.now() : b.settledAt + tail;
            const tasks = b.tasks.filter(([start]) => start >= b.t0 && start <= end).map(([, d]) => d);
            return {
              firstRenderMs: (b.firstFrameAt ?? NaN) - b.dataAt,
              settledMs: (b.settledAt ?? NaN) - b.dataAt,
              longestTaskMs: Math.max(0, ...tasks),
              tasksOver200: tasks.filter((d) => d > 200).length,
              over200: tasks.filter((d) => d > 200).map((d) => Math.round(d)),
              rafGapMs: b.rafMax,
              timerGapMs: b.timerMax,
              engine: w.explorer?.layout?.engine ?? "main",
              webgl: w.cy?.renderer().webgl === true,
            };
          }, TAIL_MS);
          await page.close();
          const { over200, ...sample0 } = s;
          const sample = { ...sample0, error };
          (samples.get(key(elements, webgl)) ?? samples.set(key(elements, webgl), []).get(key(elements, webgl))!).push(sample);
          process.stderr.write(
            `client-render: run ${run + 1}/${RUNS} ${elements} ${webgl ? "webgl" : "canvas"}: first ${Math.round(s.firstRenderMs)} ms, settled ${Math.round(s.settledMs)} ms, tasks over 200 ms: [${over200.join(", ")}] ms, layout in ${s.engine}${error ? ` (${error})` : ""}\n`,
          );
        }
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const ms = (xs: number[]) => {
    const ok = xs.filter((x) => Number.isFinite(x));
    return ok.length ? `${Math.round(median(ok)).toLocaleString("en")} ms` : "—";
  };
  const rows = SIZES.flatMap((elements) =>
    [false, true].map((webgl) => {
      const ss = samples.get(key(elements, webgl)) ?? [];
      const notes = [
        ...new Set(ss.flatMap((s) => [...(s.error ? [s.error] : []), ...(webgl && !s.webgl ? ["WebGL unavailable: canvas"] : [])])),
      ];
      return [
        elements.toLocaleString("en"),
        webgl ? "canvas + webgl" : "canvas",
        ms(ss.map((s) => s.firstRenderMs)),
        ms(ss.map((s) => s.settledMs)),
        ms(ss.map((s) => s.longestTaskMs)),
        String(median(ss.map((s) => s.tasksOver200))),
        ms(ss.map((s) => s.rafGapMs)),
        ms(ss.map((s) => s.timerGapMs)),
        [...new Set(ss.map((s) => s.engine))].join(", "),
        notes.join("; "),
      ];
    }),
  );
  const cpus = os.cpus();
  const load1 = os.loadavg();
  const f = (l: number[]) => l.map((x) => x.toFixed(2)).join(", ");
  process.stdout.write(
    [
      `Command: \`${process.env.BENCH_DIST ? `BENCH_DIST=${process.env.BENCH_DIST} ` : ""}RUNS=${RUNS} npm run bench:client\` (median of ${RUNS} runs; ${started.toISOString().slice(0, 16).replace("T", " ")} UTC)`,
      `Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, Chromium ${browser.version()} headless --disable-gpu; load average (1, 5, 15 min) ${f(load0)} at start, ${f(load1)} at end`,
      "",
      table(
        [
          "elements",
          "renderer",
          "first render",
          "settled layout",
          "longest task",
          "tasks > 200 ms",
          "longest frame gap",
          "longest timer gap",
          "layout in",
          "note",
        ],
        rows,
      ),
      "",
    ].join("\n"),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`client-render: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
