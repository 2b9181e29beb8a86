/**
 * The explorer's exports and the "N weitere" path in a real Chromium against the seed graph: PNG,
 * JSON and CSV downloads of what is visible, and an expansion capped by the neighbour limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFile } from "node:fs/promises";
import type { Download, Page } from "playwright-core";
import { startExplorerSession, type ExplorerSession } from "./explorer-session.ts";

let session: ExplorerSession;

beforeAll(async () => {
  session = await startExplorerSession();
});

afterAll(async () => {
  await session?.close();
});

async function downloadOf(page: Page, button: string): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-test-${button}]`).click()]);
  const file = await download.path();
  return { download, bytes: await readFile(file) };
}

const visibleCounts = (page: Page) =>
  page.evaluate(() => ({ nodes: window.cy.nodes(":visible").length, edges: window.cy.edges(":visible").length }));

async function hideTopics(page: Page): Promise<void> {
  await page.locator('[data-test-filter-type="Topic"]').uncheck();
  await page.waitForFunction(() => window.cy.nodes(".Topic:visible").length === 0);
}

describe("the explorer's exports", () => {
  it("downloads the drawn graph as a PNG", async () => {
    const page = await session.open();
    const { download, bytes } = await downloadOf(page, "export-png");
    expect(download.suggestedFilename()).toBe("innograph.png");
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);
    await page.close();
  });

  it("downloads the visible subgraph as JSON with as many nodes and edges as are drawn", async () => {
    const page = await session.open();
    await hideTopics(page);
    const visible = await visibleCounts(page);
    expect(visible.nodes).toBeLessThan(session.counts.nodes);
    const { download, bytes } = await downloadOf(page, "export-json");
    expect(download.suggestedFilename()).toBe("innograph.json");
    const graph = JSON.parse(bytes.toString("utf8")) as {
      nodes: { key: string; attributes: { type: string } }[];
      edges: { key: string; source: string; target: string }[];
    };
    expect(graph.nodes).toHaveLength(visible.nodes);
    expect(graph.edges).toHaveLength(visible.edges);
    expect(graph.nodes.some((n) => n.attributes.type === "Topic")).toBe(false);
    const keys = new Set(graph.nodes.map((n) => n.key));
    expect(graph.edges.every((e) => keys.has(e.source) && keys.has(e.target))).toBe(true);
    await page.close();
  });

  it("downloads the visible subgraph as CSV: a node table and an edge table, each with a header and one row per element", async () => {
    const page = await session.open();
    await hideTopics(page);
    const visible = await visibleCounts(page);
    const { download, bytes } = await downloadOf(page, "export-csv");
    expect(download.suggestedFilename()).toBe("innograph.csv");
    const [nodeBlock, edgeBlock, ...rest] = bytes.toString("utf8").trimEnd().split("\n\n");
    expect(rest).toEqual([]);
    const nodeLines = nodeBlock!.split("\n");
    const edgeLines = edgeBlock!.split("\n");
    expect(nodeLines[0]).toBe("id,type,name,kind,aliases");
    expect(edgeLines[0]).toBe("id,type,source,target,role,startDate,endDate,amount,currency,status,sources");
    expect(nodeLines).toHaveLength(visible.nodes + 1);
    expect(edgeLines).toHaveLength(visible.edges + 1);
    expect(nodeLines.some((l) => l.split(",")[1] === "Topic")).toBe(false);
    expect(edgeLines.find((l) => l.startsWith("e:land-nrw-funds-its-owl,"))).toContain(",53000000,EUR,committed,");
    await page.close();
  });
});

describe("expanding a node with more neighbours than the limit", () => {
  it("offers the omitted ones as „N weitere laden“ and loads them on request", async () => {
    const page = await session.open("#sel=cluster:smart-value&nlimit=3");
    expect(await page.locator("[data-test-neighbour-limit]").inputValue()).toBe("3");
    await page.locator("[data-test-expand]").click();
    const more = page.locator("[data-test-more]");
    await more.waitFor();
    const omitted = Number(await more.getAttribute("data-test-more"));
    expect(omitted).toBeGreaterThan(0);
    expect(await more.textContent()).toBe(`${omitted} weitere laden`);
    expect(await page.locator("[data-test-status]").textContent()).toContain(`${omitted} weitere nicht geladen`);
    await session.shot(page, "export-1-more-neighbours");
    await more.click();
    await page.waitForFunction(
      () => !document.querySelector("[data-test-more]") && !document.querySelector("[data-test-status]")!.textContent!.includes("Lade"),
    );
    expect(await page.locator("[data-test-status]").textContent()).not.toContain("weitere");
    await page.close();
  });
});
