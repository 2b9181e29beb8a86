/**
 * The funding Sankey in a real Chromium against the seed graph: band widths measured in the drawn
 * SVG, unknown amounts thin and marked "unbekannt", intended/proposed drawn apart from committed,
 * hover and keyboard details, click-to-select, and the view kept in the URL. Screenshots go to
 * test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startExplorerSession, type ExplorerSession } from "./explorer-session.ts";

let session: ExplorerSession;
const LAND_NRW_SANKEY = "#mode=funding&root=ministry:land-nrw&dir=funder&view=sankey";

beforeAll(async () => {
  session = await startExplorerSession();
});

afterAll(async () => {
  await session?.close();
});

/** The band's drawn thickness at its source end, found by probing the SVG fill (not by reading attributes). */
function bandThickness(page: Page, edgeId: string): Promise<number> {
  return page.evaluate((id) => {
    const path = document.querySelector<SVGPathElement>(`[data-test-band="${id}"]`)!;
    const svg = path.ownerSVGElement!;
    const box = path.getBBox();
    const pt = svg.createSVGPoint();
    pt.x = box.x + 1;
    let inside = 0;
    for (let y = box.y - 1; y <= box.y + box.height + 1; y += 0.25) {
      pt.y = y;
      if (path.isPointInFill(pt)) inside++;
    }
    return inside * 0.25;
  }, edgeId);
}

async function openSankey(hash = LAND_NRW_SANKEY): Promise<Page> {
  const page = await session.open(hash);
  await page.locator("[data-test-sankey]").waitFor();
  return page;
}

describe("the funding Sankey", () => {
  it("is chosen with the view toggle and kept in the URL", async () => {
    const page = await session.open();
    await page.locator("[data-test-tab=funding]").click();
    await page.locator("[data-test-funding-input]").fill("Land Nordrhein");
    await page.locator('[data-test-funding-suggestions] [data-test-suggestion="ministry:land-nrw"]').click();
    await page.locator('[data-test-funding-row="cluster:its-owl"]').waitFor();
    await page.locator('[data-test-flow-view-mode="sankey"]').click();
    await page.locator("[data-test-sankey]").waitFor();
    expect(page.url()).toContain("view=sankey");
    expect(await page.locator('[data-test-flow-view-mode="sankey"]').getAttribute("aria-pressed")).toBe("true");
    await page.locator('[data-test-flow-view-mode="table"]').click();
    await page.locator('[data-test-flow-row="e:land-nrw-funds-its-owl"]').waitFor();
    expect(page.url()).toContain("view=table");
    await page.locator('[data-test-flow-view-mode="graph"]').click();
    expect(await page.locator("[data-test-flow-view]").isVisible()).toBe(false);
    expect(page.url()).not.toContain("view=");
    await page.close();
  });

  it("draws the bands from Land NRW to it's OWL and SPIN in the ratio 53 : 15, labelled in German", async () => {
    const page = await openSankey();
    const owl = await bandThickness(page, "e:land-nrw-funds-its-owl");
    const spin = await bandThickness(page, "e:mwide-funds-spin");
    expect(spin).toBeGreaterThan(10);
    expect(owl / spin).toBeGreaterThan((53 / 15) * 0.95);
    expect(owl / spin).toBeLessThan((53 / 15) * 1.05);
    expect(await page.locator('[data-test-band-label="e:land-nrw-funds-its-owl"]').textContent()).toBe("53 Mio. €");
    expect(await page.locator('[data-test-band-label="e:mwide-funds-spin"]').textContent()).toBe("15 Mio. €");
    expect(await page.locator('[data-test-sankey-node="ministry:mwide"]').textContent()).toContain("↳");
    await session.shot(page, "sankey-1-land-nrw");
    await page.close();
  });

  it("draws smart vaLUE's funding as thin bands marked unbekannt, intended and proposed drawn apart from committed", async () => {
    const page = await openSankey();
    const bands = page.locator('[data-test-band-target="cluster:smart-value"]');
    expect(await bands.count()).toBe(2);
    expect((await bands.evaluateAll((els) => els.map((e) => e.getAttribute("data-test-band-status")))).sort()).toEqual([
      "intended",
      "proposed",
    ]);
    expect(await bands.evaluateAll((els) => els.map((e) => e.getAttribute("data-test-band-kind")))).toEqual(["unknown", "unknown"]);
    const thin = await bandThickness(page, "e:mwide-funds-smart-value-intended");
    expect(thin).toBeGreaterThan(2);
    expect(thin).toBeLessThan(await bandThickness(page, "e:mwide-funds-spin"));
    const looks = await page.evaluate(() => {
      const style = (id: string) => getComputedStyle(document.querySelector(`[data-test-band="${id}"]`)!);
      const look = (id: string) => ({ fill: style(id).fill, dash: style(id).strokeDasharray });
      return {
        intended: look("e:mwide-funds-smart-value-intended"),
        proposed: look("e:mwide-funds-smart-value-proposed"),
        committed: look("e:mwide-funds-spin"),
      };
    });
    expect(looks.intended.fill).toContain("url(");
    expect(looks.intended.dash).not.toBe("none");
    expect(looks.proposed.dash).not.toBe("none");
    expect(looks.committed.fill).not.toContain("url(");
    expect(looks.committed.dash).toBe("none");
    const label = await page.locator('[data-test-band-label*="e:mwide-funds-smart-value-intended"]').textContent();
    expect(label).toContain("unbekannt");
    expect(await page.locator('[data-test-sankey-node="cluster:smart-value"]').textContent()).toContain("unbekannt");
    await page.close();
  });

  it("shows a flow's details on hover and on keyboard focus, and selects its edge on click", async () => {
    const page = await openSankey();
    const spin = page.locator('[data-test-band="e:mwide-funds-spin"]');
    await spin.hover();
    const tip = page.locator("[data-test-band-tooltip]");
    await tip.waitFor();
    expect(await tip.textContent()).toContain("15 Mio. € (15.000.000 €)");
    expect(await tip.textContent()).toContain("zugesagt");
    await session.shot(page, "sankey-2-hover-spin");
    await spin.click();
    await page.locator('[data-test-details="edge"][data-test-edge-id="e:mwide-funds-spin"]').waitFor();
    expect(page.url()).toContain(`sel=${encodeURIComponent("e:mwide-funds-spin")}`);
    expect(await page.evaluate(() => window.cy.$(":selected").map((e) => e.id()))).toEqual(["e:mwide-funds-spin"]);
    expect(await spin.getAttribute("class")).toContain("selected");

    await page.locator('[data-test-band="e:mwide-funds-smart-value-intended"]').focus();
    expect(await tip.textContent()).toContain("unbekannt");
    expect(await tip.textContent()).toContain("in Aussicht gestellt");
    await page.keyboard.press("Enter");
    await page.locator('[data-test-details="edge"][data-test-edge-id="e:mwide-funds-smart-value-intended"]').waitFor();
    await page.close();
  });

  it("reopens the Sankey from a shared link", async () => {
    const page = await openSankey(`${LAND_NRW_SANKEY}&sel=e:land-nrw-funds-its-owl`);
    expect(await page.locator('[data-test-flow-view-mode="sankey"]').getAttribute("aria-pressed")).toBe("true");
    expect(await page.locator('[data-test-band="e:land-nrw-funds-its-owl"]').getAttribute("class")).toContain("selected");
    expect(await page.locator("[data-test-details-title]").textContent()).toContain("Förder");
    await page.close();
  });

  it("draws the flows towards a recipient: funders, the clusters it belongs to, the recipient", async () => {
    const page = await openSankey("#mode=funding&root=org:aurubis&dir=recipient&view=sankey");
    expect(await page.locator('[data-test-band-target="cluster:smart-value"]').count()).toBe(2);
    expect(await page.locator('[data-test-band-source="cluster:smart-value"][data-test-band-target="org:aurubis"]').count()).toBe(1);
    await session.shot(page, "sankey-3-aurubis-recipient");
    await page.close();
  });
});
