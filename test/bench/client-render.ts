/**
 * `npm run bench:client` (RUNS=3 by default): the real explorer page (the Vite build in
 * dist/client) in headless Chromium, drawing generated graphs of 200 (the seed graph's size), 1k, 5k and 20k elements served by
 * a stand-in /graphql (test/e2e/large-graph.ts), with Cytoscape's canvas renderer and with its WebGL
 * option (`?renderer=webgl`) side by side in one run. Per size and renderer, the median over RUNS of:
 *
 * - first render: from the graph's response arriving to the end of Cytoscape's first drawing of the
 *   graph with all its nodes, in view (whatever their positions);
 * - settled layout: from the same moment to the end of Cytoscape's first drawing after the page
 *   says it is ready (layout done, its positions applied);
 * - longest task: the longest main-thread task from the page asking for the graph until the page is
 *   quiet after the layout settled (the window, below), from PerformanceObserver('longtask', buffered),
 *   and how many took over 200 ms; and two heartbeats over the same span as a second measure, the
 *   longest gap between requestAnimationFrame callbacks and between 10-ms setTimeout callbacks.
 *
 * Then, on canvas only, interaction with the settled graph, one after the other with a pause in between:
 * the pointer moved onto the node with most links (hover), a click on it (selects it), a click on the
 * empty background (clears the selection), and three wheel steps zooming in at the centre. Then, back
 * at the first view's zoom and pan, the node is clicked again (not measured) and a neighbour is chosen
 * in the details panel (panel highlight: selects it, zooms to it and highlights its links), and Escape
 * clears that (Escape). For each, the longest main-thread task (longtask, as above) from its first
 * input event until the page is quiet (the window, below), and how many took over 200 ms; a second
 * table. Its last column is the panel highlight in a fresh view, on a page of its own: the graph drawn
 * and settled, the node clicked (not measured), then its neighbour chosen in the details panel. The
 * panel's zoom then reaches a zoom level the view has not drawn yet (in the first page, the wheel zoom
 * drew it first).
 *
 * The window. Each measurement (the first drawing from the layout settling, each interaction from its
 * first input) lasts at least 2 s (TAIL_MS, INTERACTION_MS) and then until the page is quiet: two
 * animation frames, then QUIET_MS (1 s) in which no long task ran, with the observer's undelivered
 * entries taken (takeRecords); while long tasks keep coming, it is extended, up to MAX_WINDOW_MS
 * (10 s) from its start (checked after each quiet period, so at most ≈ 11 s). Every long task that
 * starts in it counts; the pause between interactions (INTERACTION_GAP_MS) follows the window. A
 * stall later than 2 s after an input (e.g. a layer rebuilt after Escape) is thus counted, where a
 * fixed 2-s window missed it or read it before its entry arrived. A page not quiet by then is
 * reported: "not quiet after 10 s" in the note column, and for interactions in a line below the
 * table (and on stderr each run, with each window's length).
 *
 * BENCH_DIST=folder measures another build of the page instead (for before/after comparisons);
 * SIZES=20000 and RENDERERS=canvas narrow a run (e.g. for profiling).
 *
 * A benchmark, not a test: it measures and prints a Markdown table. Chromium runs with --disable-gpu,
 * so WebGL is software-rendered (SwiftShader) and its column says little about real GPUs.
 */
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { PROJECT_ROOT } from "../../server/config.ts";
import { buildIfStale } from "../../client/build-if-stale.mjs";
import { openBrowser } from "../e2e/open-browser.ts";
import { answerGraphql, largeGraph, type LargeGraph } from "../e2e/large-graph.ts";
import { median, table } from "./bench-table.ts";

const SIZES = (process.env.SIZES ?? "200,1000,5000,20000").split(",").map(Number);
const RENDERERS = (process.env.RENDERERS ?? "canvas,webgl").split(",").map((r) => r === "webgl");
const RUNS = Math.max(1, Number(process.env.RUNS ?? 3) || 3);
const PAGE_BUDGET_MS = 180_000;
/** Long tasks and gaps are watched at least this long after the layout settled (drawing caches fill then), then until quiet. */
const TAIL_MS = 2000;
/** Each interaction's long tasks are counted at least this long after its first input event, then until quiet. */
const INTERACTION_MS = 2000;
/** A window ends only after this long without a long task (after two animation frames). */
const QUIET_MS = 1000;
/** A window is extended while long tasks keep coming, up to this long from its start; then "not quiet". */
const MAX_WINDOW_MS = 10_000;
/** Pause between two interactions beyond INTERACTION_MS (the renderer's caches settle meanwhile). */
const INTERACTION_GAP_MS = 1000;
const INTERACTIONS = ["hover", "click node", "tap background", "wheel zoom", "panel highlight", "Escape"] as const;
type Interaction = (typeof INTERACTIONS)[number];
/** The panel highlight in a fresh view (see the top): measured on a page of its own, after the others. */
const FRESH = "panel highlight (fresh view)";
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
  /** The first drawing's window went quiet (see the top). */
  quiet: boolean;
  /** Canvas only: per interaction, the longest task in its window and how many took over 200 ms. */
  interactions: Record<Interaction, Measured> | null;
  /** Canvas only: the panel highlight in a fresh view (FRESH). */
  fresh: Measured | null;
}

/** One interaction's long tasks: the longest, those over 200 ms, its window's length, and whether the page went quiet in it. */
interface Measured {
  longestMs: number;
  over200: number[];
  windowMs: number;
  quiet: boolean;
}

/** What the page's __benchQuiet answers: where the window ended, and whether the page was quiet then. */
interface QuietEnd {
  end: number;
  quiet: boolean;
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
  const b = (window.__bench = { t0: null, dataAt: null, firstFrameAt: null, settledAt: null, closedAt: null, tasks: [], rafMax: 0, timerMax: 0 });
  const take = (entries) => {
    for (const e of entries) b.tasks.push([e.startTime, e.duration]);
  };
  const observer = new PerformanceObserver((list) => take(list.getEntries()));
  observer.observe({ type: "longtask", buffered: true });
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const frame2 = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  // The end of a window that started at \`from\` (see the top): not before \`minEnd\`, then two frames
  // and \`quietMs\` in which no long task ran (entries not yet delivered taken too), extended while
  // long tasks keep coming, until \`from + maxMs\` at most.
  window.__benchQuiet = async (from, minEnd, quietMs, maxMs) => {
    await sleep(Math.max(0, minEnd - performance.now()));
    for (;;) {
      await frame2();
      const mark = performance.now();
      await sleep(quietMs);
      take(observer.takeRecords());
      const now = performance.now();
      const busy = b.tasks.some(([start, d]) => start + d > mark);
      if (!busy) return { end: now, quiet: true };
      if (now - from >= maxMs) return { end: now, quiet: false };
    }
  };
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (...args) => {
    if (b.t0 === null) b.t0 = performance.now();
    const res = await fetch0(...args);
    b.dataAt = performance.now();
    return res;
  };
  const expected = Number(new URLSearchParams(location.search).get("bench-nodes"));
  const watching = (now) => b.t0 !== null && (b.closedAt === null || now <= b.closedAt);
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

/** Waits until the window that started at `from` (page clock) ends: at `minEnd` or later, once the page is quiet (see the top). */
function quietEnd(page: Page, from: number, minEnd: number): Promise<QuietEnd> {
  return page.evaluate(
    ([from, minEnd, quietMs, maxMs]) =>
      (window as unknown as { __benchQuiet(...a: number[]): Promise<QuietEnd> }).__benchQuiet(from, minEnd, quietMs, maxMs),
    [from, minEnd, QUIET_MS, MAX_WINDOW_MS] as const,
  );
}

/** Long tasks that started in [from, end] (page clock). */
async function tasksBetween(page: Page, from: number, { end, quiet }: QuietEnd): Promise<Measured> {
  const ds = await page.evaluate(
    ({ from, end }) =>
      (window as unknown as { __bench: { tasks: [number, number][] } }).__bench.tasks
        .filter(([start]) => start >= from && start <= end)
        .map(([, d]) => d),
    { from, end },
  );
  return { longestMs: Math.max(0, ...ds), over200: ds.filter((d) => d > 200).map((d) => Math.round(d)), windowMs: end - from, quiet };
}

const pageNow = (page: Page) => page.evaluate(() => performance.now());

/**
 * Loads the page and waits until its layout settled and TAIL_MS more, then until the page is quiet
 * (the window is closed then: heartbeats stop counting); returns the page's error, if any, and the
 * window's end (null after an error).
 */
async function openSettled(page: Page, url: string): Promise<{ error: string | null; window: QuietEnd | null }> {
  await page.addInitScript(INSTRUMENT);
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.explorer?.ready === true || window.explorer?.error !== null, undefined, {
      timeout: PAGE_BUDGET_MS,
    });
    const error = await page.evaluate(() => window.explorer.error);
    if (error) return { error, window: null };
    await page.waitForFunction(() => (window as unknown as { __bench: { settledAt: number | null } }).__bench.settledAt !== null);
    const settledAt = await page.evaluate(() => (window as unknown as { __bench: { settledAt: number } }).__bench.settledAt);
    const end = await quietEnd(page, settledAt, settledAt + TAIL_MS);
    await page.evaluate((end) => ((window as unknown as { __bench: { closedAt: number } }).__bench.closedAt = end), end.end);
    return { error: null, window: end };
  } catch (e) {
    return { error: (e as Error).message.split("\n")[0]!, window: null };
  }
}

/** Where the node with most links is on the page, an empty corner, and the centre of the view. */
function spotsOf(page: Page) {
  return page.evaluate(() => {
    const n = window.cy.nodes().max((x) => x.degree(false)).ele;
    const p = n.renderedPosition();
    const box = window.cy.container()!.getBoundingClientRect();
    // The corner of the view is empty: the graph is fitted with a margin.
    return {
      x: box.left + p.x,
      y: box.top + p.y,
      emptyX: box.left + 5,
      emptyY: box.top + 5,
      cx: box.left + box.width / 2,
      cy: box.top + box.height / 2,
    };
  });
}

/** Runs `act` and returns the long tasks from its start until the page is quiet, INTERACTION_MS later at the earliest. */
async function measured(page: Page, act: () => Promise<void>): Promise<Measured> {
  const from = await pageNow(page);
  await act();
  return tasksBetween(page, from, await quietEnd(page, from, from + INTERACTION_MS));
}

/** The panel highlight on a page that has only drawn its first view (FRESH); throws if it does not highlight. */
async function freshPanelHighlight(page: Page): Promise<Measured> {
  const spot = await spotsOf(page);
  await page.mouse.click(spot.x, spot.y);
  await page.waitForFunction(() => window.cy.$(":selected").length === 1, undefined, { timeout: INTERACTION_MS });
  await page.waitForTimeout(INTERACTION_MS + INTERACTION_GAP_MS);
  return measured(page, async () => {
    await page.locator("[data-test-goto]").first().click();
    await page.waitForFunction(() => window.cy.$("node.highlighted:selected").length === 1, undefined, { timeout: INTERACTION_MS });
  });
}

/**
 * Hover, click on a node, click on the background, wheel zoom, panel highlight and Escape (see the
 * top), each measured over INTERACTION_MS; throws if an input did not select, highlight or clear as expected.
 */
async function interact(page: Page): Promise<Record<Interaction, Measured>> {
  const spot = await spotsOf(page);
  const out = {} as Record<Interaction, Measured>;
  const measure = async (name: Interaction, act: () => Promise<void>) => {
    out[name] = await measured(page, act);
    await page.waitForTimeout(INTERACTION_GAP_MS);
  };
  await page.mouse.move(spot.emptyX, spot.emptyY);
  await page.waitForTimeout(INTERACTION_GAP_MS);
  // The pointer travels onto the node (a mousemove per step).
  await measure("hover", () => page.mouse.move(spot.x, spot.y, { steps: 10 }));
  await measure("click node", async () => {
    await page.mouse.click(spot.x, spot.y);
    await page.waitForFunction(() => window.cy.$(":selected").length === 1, undefined, { timeout: INTERACTION_MS });
  });
  await measure("tap background", async () => {
    await page.mouse.click(spot.emptyX, spot.emptyY);
    await page.waitForFunction(() => window.cy.$(":selected").length === 0, undefined, { timeout: INTERACTION_MS });
  });
  await page.mouse.move(spot.cx, spot.cy);
  await page.waitForTimeout(INTERACTION_GAP_MS);
  const first = await page.evaluate(() => ({ zoom: window.cy.zoom(), pan: window.cy.pan() }));
  await measure("wheel zoom", async () => {
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, -100);
      await page.waitForTimeout(50);
    }
    await page.waitForFunction((z) => window.cy.zoom() > z, first.zoom, { timeout: INTERACTION_MS });
  });
  // Back to the first view, the node selected again (its details list its neighbours). Nothing
  // returned: viewport() returns the Cytoscape instance, which Playwright then serialised, 23 s in
  // one task at 20k elements with the page's heap grown to 3.3 GB (twenty-fourth session), and the
  // collection of that garbage fell into the panel highlight measured next.
  await page.evaluate((v) => void window.cy.viewport(v), first);
  await page.waitForTimeout(INTERACTION_GAP_MS);
  await page.mouse.click(spot.x, spot.y);
  await page.waitForFunction(() => window.cy.$(":selected").length === 1, undefined, { timeout: INTERACTION_MS });
  await page.waitForTimeout(INTERACTION_MS + INTERACTION_GAP_MS);
  await measure("panel highlight", async () => {
    await page.locator("[data-test-goto]").first().click();
    await page.waitForFunction(() => window.cy.$("node.highlighted:selected").length === 1, undefined, { timeout: INTERACTION_MS });
  });
  await measure("Escape", async () => {
    await page.keyboard.press("Escape");
    await page.waitForFunction(() => window.cy.$(".highlighted, :selected").length === 0, undefined, { timeout: INTERACTION_MS });
  });
  return out;
}

/** A window's length from its start (settling or first input), and "not quiet" if it ran out (stderr). */
const windowNote = (ms: number, quiet: boolean) =>
  `window ${(ms / 1000).toFixed(1)} s${quiet ? "" : ` (not quiet after ${MAX_WINDOW_MS / 1000} s)`}`;
const measuredNote = (m: Measured) => `${Math.round(m.longestMs)} ms [${m.over200.join(", ")}] (${windowNote(m.windowMs, m.quiet)})`;

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
  /** Interactions whose window ran out before the page was quiet (listed below their table). */
  const notQuiet: string[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      for (const elements of SIZES) {
        current.graph = largeGraph(elements);
        for (const webgl of RENDERERS) {
          const query = `?bench-nodes=${current.graph.nodes.length}${webgl ? "&renderer=webgl" : ""}`;
          const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
          const opened = await openSettled(page, `${base}/${query}`);
          let error = opened.error;
          const s = await page.evaluate(() => {
            const w = window as unknown as {
              __bench: {
                t0: number;
                dataAt: number;
                firstFrameAt: number | null;
                settledAt: number | null;
                closedAt: number | null;
                tasks: [number, number][];
                rafMax: number;
                timerMax: number;
              };
              explorer?: { layout?: { engine: string } | null };
              cy?: { renderer(): { webgl?: boolean } };
            };
            const b = w.__bench;
            const end = b.closedAt ?? performance.now();
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
              windowMs: end - (b.settledAt ?? end),
            };
          });
          let interactions: Sample["interactions"] = null;
          if (!webgl && !error)
            try {
              interactions = await interact(page);
            } catch (e) {
              error = `interaction: ${(e as Error).message.split("\n")[0]!}`;
            }
          await page.close();
          let fresh: Sample["fresh"] = null;
          if (!webgl && !error) {
            const freshPage = await browser.newPage({ viewport: { width: 1280, height: 800 } });
            try {
              error = (await openSettled(freshPage, `${base}/${query}`)).error;
              if (!error) fresh = await freshPanelHighlight(freshPage);
            } catch (e) {
              error = `fresh view: ${(e as Error).message.split("\n")[0]!}`;
            }
            await freshPage.close();
          }
          for (const [name, m] of [...Object.entries(interactions ?? {}), ...(fresh ? [[FRESH, fresh] as const] : [])])
            if (!m.quiet)
              notQuiet.push(`${elements.toLocaleString("en")} run ${run + 1} ${name} (longest task ${Math.round(m.longestMs)} ms)`);
          const { over200, windowMs, ...sample0 } = s;
          const quiet = opened.window?.quiet ?? true;
          const sample = { ...sample0, error, quiet, interactions, fresh };
          (samples.get(key(elements, webgl)) ?? samples.set(key(elements, webgl), []).get(key(elements, webgl))!).push(sample);
          process.stderr.write(
            `client-render: run ${run + 1}/${RUNS} ${elements} ${webgl ? "webgl" : "canvas"}: first ${Math.round(s.firstRenderMs)} ms, settled ${Math.round(s.settledMs)} ms, tasks over 200 ms: [${over200.join(", ")}] ms, ${windowNote(windowMs, quiet)}, layout in ${s.engine}${
              interactions ? `; interaction longest ${INTERACTIONS.map((n) => `${n} ${measuredNote(interactions[n])}`).join(", ")}` : ""
            }${fresh ? `; ${FRESH} ${measuredNote(fresh)}` : ""}${error ? ` (${error})` : ""}\n`,
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
    RENDERERS.map((webgl) => {
      const ss = samples.get(key(elements, webgl)) ?? [];
      const notes = [
        ...new Set(
          ss.flatMap((s) => [
            ...(s.error ? [s.error] : []),
            ...(s.quiet ? [] : [`not quiet after ${MAX_WINDOW_MS / 1000} s`]),
            ...(webgl && !s.webgl ? ["WebGL unavailable: canvas"] : []),
          ]),
        ),
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
  const interactionRows = SIZES.flatMap((elements) => {
    const canvas = samples.get(key(elements, false)) ?? [];
    const ss = canvas.flatMap((s) => (s.interactions ? [s.interactions] : []));
    const fresh = canvas.flatMap((s) => (s.fresh ? [s.fresh] : []));
    if (!ss.length) return [];
    return [
      [
        elements.toLocaleString("en"),
        ...INTERACTIONS.map((n) => ms(ss.map((s) => s[n].longestMs))),
        String(median(ss.map((s) => INTERACTIONS.reduce((k, n) => k + s[n].over200.length, 0)))),
        fresh.length ? `${ms(fresh.map((f) => f.longestMs))} (${median(fresh.map((f) => f.over200.length))})` : "—",
      ],
    ];
  });
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
      ...(interactionRows.length
        ? [
            `Interaction on canvas: longest task from each input until the page is quiet (${INTERACTION_MS / 1000} s at least, then ${QUIET_MS / 1000} s without a long task; at most ${MAX_WINDOW_MS / 1000} s) (median of ${RUNS} runs), and tasks over 200 ms in all ${INTERACTIONS.length} (median); last, on a page of its own, the ${FRESH} and its tasks over 200 ms (median):`,
            "",
            table(
              ["elements", ...INTERACTIONS, `tasks > 200 ms (all ${INTERACTIONS.length})`, `${FRESH} (tasks > 200 ms)`],
              interactionRows,
            ),
            "",
            ...(notQuiet.length ? [`Not quiet after ${MAX_WINDOW_MS / 1000} s: ${notQuiet.join("; ")}.`, ""] : []),
          ]
        : []),
    ].join("\n"),
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`client-render: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
