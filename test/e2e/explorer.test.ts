/**
 * The explorer page in a real Chromium against the real server and the seed graph: whole graph on
 * load, search with umlaut tolerance, FUNDS details with citations, paths, funding flows, time
 * filter, shareable URL, visible errors, and the self-hosted GraphiQL. Screenshots of each state go
 * to test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { PROJECT_ROOT } from "../../server/config.ts";
import { buildIfStale } from "../../client/build-if-stale.mjs";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { openBrowser } from "./open-browser.ts";

const SHOTS = path.join(PROJECT_ROOT, "test-results", "screenshots");

let db: Database;
let server: RunningHttp;
let browser: Browser;
let counts: { nodes: number; relationships: number };

async function openExplorer(hash = ""): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${server.url}/${hash}`);
  await page.waitForFunction(() => window.explorer?.ready === true || window.explorer?.error !== null, undefined, { timeout: 30_000 });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`) });

beforeAll(async () => {
  buildIfStale({ quiet: true });
  mkdirSync(SHOTS, { recursive: true });
  db = await connectTestDb();
  counts = await seededGraph(db);
  server = await startTestServer(db);
  browser = await openBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

describe("the explorer page", () => {
  it("shows a visible error, not a blank page, when the API does not answer", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route("**/graphql", (route) => route.abort("connectionrefused"));
    await page.goto(`${server.url}/`);
    const overlay = page.locator("[data-test-overlay]");
    await overlay.getByText("Der Graph konnte nicht geladen werden.").waitFor();
    expect(await overlay.textContent()).toContain("server does not answer");
    await expect(page.locator("[data-test-retry]").isVisible()).resolves.toBe(true);
    await shot(page, "0-server-down");
    await page.close();
  });

  it("draws the whole seed graph on load", async () => {
    const page = await openExplorer();
    const drawn = await page.evaluate(() => ({ nodes: window.cy.nodes().length, edges: window.cy.edges().length }));
    expect(drawn).toEqual({ nodes: counts.nodes, edges: counts.relationships });
    expect(await page.locator("[data-test-overlay]").isVisible()).toBe(false);
    await page.waitForTimeout(700);
    await shot(page, "1-whole-graph");
    await page.close();
  });

  it("suggests Lünen entities for the search Lunen and jumps to the chosen one", async () => {
    const page = await openExplorer();
    await page.locator("[data-test-search-input]").fill("Lunen");
    const first = page.locator("[data-test-search-suggestions] [data-test-suggestion]").first();
    await first.waitFor();
    const names = await page.locator("[data-test-search-suggestions] [data-test-suggestion] .name").allTextContents();
    expect(names.some((n) => n.includes("Lünen"))).toBe(true);
    const id = await first.getAttribute("data-test-suggestion");
    await page.keyboard.press("Enter");
    await page.waitForFunction(
      (want) =>
        window.cy
          .$(":selected")
          .map((e) => e.id())
          .includes(want!),
      id,
    );
    expect(await page.locator("[data-test-details-title]").textContent()).toContain("Lünen");
    expect(page.url()).toContain(`sel=${encodeURIComponent(id!)}`);
    await page.waitForTimeout(400);
    await shot(page, "2-search-lunen");
    await page.close();
  });

  it("says who pays whom, how much and according to which source when the FUNDS edge into SPIN is clicked", async () => {
    const page = await openExplorer();
    const edgeId = await page.evaluate(() =>
      window.cy
        .edges(".FUNDS")
        .filter((e) => e.target().id() === "cluster:spin")
        .first()
        .id(),
    );
    // A point on the edge's drawn curve that no node covers (a node there would take the click).
    const point = await page.evaluate((id) => {
      const cy = window.cy;
      const edge = cy.getElementById(id);
      cy.fit(edge.connectedNodes(), 120);
      const box = cy.container()!.getBoundingClientRect();
      const p0 = edge.renderedSourceEndpoint();
      const p2 = edge.renderedTargetEndpoint();
      const mid = edge.renderedMidpoint();
      const p1 = { x: 2 * mid.x - (p0.x + p2.x) / 2, y: 2 * mid.y - (p0.y + p2.y) / 2 };
      const at = (t: number) => ({
        x: (1 - t) ** 2 * p0.x + 2 * (1 - t) * t * p1.x + t ** 2 * p2.x,
        y: (1 - t) ** 2 * p0.y + 2 * (1 - t) * t * p1.y + t ** 2 * p2.y,
      });
      const covered = (p: { x: number; y: number }) =>
        cy.nodes(":visible").some((n) => {
          const b = n.renderedBoundingBox({ includeLabels: false });
          return p.x >= b.x1 - 4 && p.x <= b.x2 + 4 && p.y >= b.y1 - 4 && p.y <= b.y2 + 4;
        });
      const free = [0.5, 0.42, 0.58, 0.35, 0.65, 0.28, 0.72, 0.22, 0.78].map(at).find((p) => !covered(p)) ?? mid;
      return { x: box.left + free.x, y: box.top + free.y };
    }, edgeId);
    await page.mouse.click(point.x, point.y);
    const details = page.locator(`[data-test-details="edge"]`);
    await details.waitFor();
    expect(await details.getAttribute("data-test-edge-id")).toBe(edgeId);
    const sentence = await page.locator("[data-test-funding-sentence]").textContent();
    expect(sentence).toContain("fördert");
    expect(sentence).toContain("Spitzencluster Industrielle Innovationen");
    expect(await page.locator("[data-test-amount]").textContent()).toBe("15 Mio. € (15.000.000 €)");
    expect(await page.locator("[data-test-edge-status]").getAttribute("data-test-edge-status")).toBe("committed");
    const evidence = await page.locator("[data-test-evidence]").allTextContents();
    expect(evidence.join("\n")).toContain("Das Wirtschaftsministerium fördert die neue Plattform im ersten Jahr mit 15 Millionen Euro.");
    await shot(page, "3-funds-edge-spin");
    await page.close();
  });

  it("highlights a path between a smart vaLUE member (Aurubis) and a SPIN member (Thyssenkrupp)", async () => {
    const page = await openExplorer();
    await page.locator("[data-test-tab=paths]").click();
    for (const [end, q, id] of [
      ["from", "Aurubis", "org:aurubis"],
      ["to", "Thyssenkrupp", "org:thyssenkrupp"],
    ] as const) {
      await page.locator(`[data-test-path-${end}-input]`).fill(q);
      await page.locator(`[data-test-path-${end}-suggestions] [data-test-suggestion="${id}"]`).click();
    }
    await page.locator("[data-test-find-paths]").click();
    await page.locator("[data-test-path-item]").first().waitFor();
    const highlighted = await page.evaluate(() => ({
      nodes: window.cy.nodes(".path").map((n) => n.id()),
      edges: window.cy.edges(".path").length,
    }));
    expect(highlighted.nodes).toEqual(expect.arrayContaining(["org:aurubis", "org:thyssenkrupp"]));
    expect(highlighted.edges).toBe(highlighted.nodes.length - 1);
    expect(page.url()).toContain("mode=paths");
    await shot(page, "4-path-aurubis-thyssenkrupp");
    await page.close();
  });

  it("traces the funding of Land NRW to its clusters with amounts, and a shared link reopens it", async () => {
    const page = await openExplorer();
    await page.locator("[data-test-tab=funding]").click();
    await page.locator("[data-test-funding-input]").fill("Land Nordrhein");
    await page.locator('[data-test-funding-suggestions] [data-test-suggestion="ministry:land-nrw"]').click();
    const owl = page.locator('[data-test-funding-row="cluster:its-owl"]');
    await owl.waitFor();
    expect(await owl.textContent()).toContain("53 Mio. €");
    expect(await page.locator('[data-test-funding-row="cluster:spin"]').textContent()).toContain("15 Mio. €");
    expect(await page.locator('[data-test-funding-row="cluster:smart-value"]').first().textContent()).toContain("unbekannt");
    const dashed = await page.evaluate(() => window.cy.getElementById("e:mwide-funds-smart-value-intended").style("line-style"));
    expect(dashed).toBe("dashed");
    await page.waitForTimeout(300);
    await shot(page, "5-funding-land-nrw");
    const shared = page.url();
    expect(shared).toContain("mode=funding");
    const again = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await again.goto(shared);
    await again.locator('[data-test-funding-row="cluster:its-owl"]').waitFor();
    expect(
      await again.evaluate(
        () => window.cy.getElementById("org:aurubis").visible() && !window.cy.getElementById("topic:digitalisierung").visible(),
      ),
    ).toBe(true);
    await again.close();
    await page.close();
  });

  it("hides relationships dated outside the chosen years and keeps undated ones", async () => {
    const page = await openExplorer();
    const visible = (id: string) => page.evaluate((edge) => window.cy.getElementById(edge).visible(), id);
    expect(await visible("e:aurubis-member-of-smart-value")).toBe(true);
    await page.locator("[data-test-time-to]").fill("2018");
    await page.locator("[data-test-time-to]").press("Tab");
    await page.waitForFunction(() => !window.cy.getElementById("e:aurubis-member-of-smart-value").visible());
    expect(await visible("e:land-nrw-funds-its-owl")).toBe(true);
    expect(await visible("e:mwide-funds-spin")).toBe(true);
    expect(page.url()).toContain("to=2018");
    await shot(page, "6-time-filter-to-2018");
    await page.close();
  });

  it("serves a self-hosted GraphiQL with the example queries", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const external: string[] = [];
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("data:") && !r.url().startsWith("blob:")) external.push(r.url());
    });
    await page.goto(`${server.url}/graphiql`);
    await page.locator(".graphiql-container").waitFor({ timeout: 30_000 });
    await page.getByText("fundingFlows", { exact: false }).first().waitFor();
    expect(external).toEqual([]);
    await page.waitForTimeout(500);
    await shot(page, "7-graphiql");
    await page.close();
  });
});
