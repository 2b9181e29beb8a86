/**
 * `npm run bench:client`: time to first render and fcose layout time in Chromium for generated
 * graphs of 1k, 5k and 20k elements, Cytoscape's canvas renderer against its WebGL option
 * (`renderer: { name: "canvas", webgl: true }`). A benchmark, not a test: it measures and prints.
 * Chromium runs headless with --disable-gpu, so WebGL is software-rendered (SwiftShader).
 */
import path from "node:path";
import { PROJECT_ROOT } from "../../server/config.ts";
import { openBrowser } from "../e2e/open-browser.ts";

const SIZES = [1_000, 5_000, 20_000];
const LAYOUT_BUDGET_MS = 40_000;
const lib = (p: string) => path.join(PROJECT_ROOT, "node_modules", p);

interface Result {
  elements: number;
  renderer: string;
  firstRenderMs: number;
  layoutMs: number | null;
  note: string;
}

async function main(): Promise<void> {
  const browser = await openBrowser();
  const results: Result[] = [];
  try {
    for (const elements of SIZES) {
      for (const webgl of [false, true]) {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.setContent(`<div id="cy" style="position:absolute;inset:0"></div>`);
        // tsx keeps function names with a __name helper that the page does not have.
        await page.evaluate("window.__name = (f) => f");
        for (const f of [
          "cytoscape/dist/cytoscape.min.js",
          "layout-base/layout-base.js",
          "cose-base/cose-base.js",
          "cytoscape-fcose/cytoscape-fcose.js",
        ]) {
          await page.addScriptTag({ path: lib(f) });
        }
        const r = await page.evaluate(
          async ({ elements, webgl, budget }) => {
            const w = window as unknown as { cytoscape: any; cytoscapeFcose: any };
            w.cytoscape.use(w.cytoscapeFcose);
            const nodes = Math.round(elements / 2.5);
            const els: unknown[] = [];
            let seed = 7;
            const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
            for (let i = 0; i < nodes; i++) els.push({ data: { id: `n${i}`, label: `Node ${i}` } });
            for (let i = 0; els.length < elements; i++) {
              const a = i % nodes;
              const b = i < nodes ? Math.floor(rnd() * Math.max(1, a)) : Math.floor(rnd() * nodes);
              els.push({ data: { id: `e${i}`, source: `n${a}`, target: `n${b}` } });
            }
            const frame = () => new Promise((res) => requestAnimationFrame(() => res(null)));
            const t0 = performance.now();
            const cy = w.cytoscape({
              container: document.getElementById("cy"),
              elements: els,
              layout: { name: "grid" },
              renderer: webgl ? { name: "canvas", webgl: true } : { name: "canvas" },
              style: [
                { selector: "node", style: { label: "data(label)", width: 12, height: 12, "font-size": 6, "background-color": "#4c78a8" } },
                { selector: "edge", style: { width: 1, "line-color": "#bbb" } },
              ],
            });
            await frame();
            await frame();
            const firstRenderMs = performance.now() - t0;
            let layoutMs: number | null = null;
            let note = "";
            const t1 = performance.now();
            const done = new Promise((res) => {
              const layout = cy.layout({ name: "fcose", quality: elements > 4000 ? "draft" : "default", animate: false, randomize: true });
              layout.one("layoutstop", () => res(null));
              layout.run();
            });
            await Promise.race([done, new Promise((res) => setTimeout(res, budget))]);
            layoutMs = performance.now() - t1;
            if (layoutMs >= budget) {
              layoutMs = null;
              note = `layout over ${budget / 1000} s`;
            }
            await frame();
            if (webgl && !cy.renderer().webgl) note = `${note} (WebGL unavailable: canvas)`.trim();
            cy.destroy();
            return { firstRenderMs, layoutMs, note };
          },
          { elements, webgl, budget: LAYOUT_BUDGET_MS },
        );
        results.push({ elements, renderer: webgl ? "canvas+webgl" : "canvas", ...r });
        await page.close();
      }
    }
  } finally {
    await browser.close();
  }
  const fmt = (n: number | null) => (n === null ? "—" : `${Math.round(n)} ms`);
  const lines = [
    "| elements | renderer     | first render | fcose layout | note |",
    "|---------:|--------------|-------------:|-------------:|------|",
    ...results.map(
      (r) =>
        `| ${String(r.elements).padStart(8)} | ${r.renderer.padEnd(12)} | ${fmt(r.firstRenderMs).padStart(12)} | ${fmt(r.layoutMs).padStart(12)} | ${r.note} |`,
    ),
  ];
  process.stdout.write(`client-render: Chromium headless (--disable-gpu: WebGL is software-rendered)\n${lines.join("\n")}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`client-render: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
