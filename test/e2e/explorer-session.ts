/**
 * One e2e file's world: the seed graph in the run's Neo4j, the real server in-process with the
 * built page, and a headless Chromium; open(hash) loads the explorer at 1280×800 and waits for it.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { PROJECT_ROOT } from "../../server/config.ts";
import { buildIfStale } from "../../client/build-if-stale.mjs";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { openBrowser } from "./open-browser.ts";

export const SHOTS = path.join(PROJECT_ROOT, "test-results", "screenshots");

export interface ExplorerSession {
  counts: { nodes: number; relationships: number };
  url: string;
  open(hash?: string): Promise<Page>;
  /** A fresh 1280×800 page, not yet navigated (to route requests or add scripts first). */
  blank(): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startExplorerSession(): Promise<ExplorerSession> {
  buildIfStale({ quiet: true });
  mkdirSync(SHOTS, { recursive: true });
  const db: Database = await connectTestDb();
  let server: RunningHttp | undefined;
  let browser: Browser | undefined;
  let counts = { nodes: 0, relationships: 0 };
  try {
    counts = await seededGraph(db);
    server = await startTestServer(db);
    browser = await openBrowser();
  } catch (e) {
    await server?.close();
    await db.close();
    throw e;
  }
  const b = browser;
  const s = server;
  return {
    counts,
    url: s.url,
    async open(hash = "") {
      const page = await b.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
      await page.goto(`${s.url}/${hash}`);
      await page.waitForFunction(() => window.explorer?.ready === true || window.explorer?.error !== null, undefined, { timeout: 30_000 });
      return page;
    },
    blank() {
      return b.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    },
    async shot(page, name) {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
    },
    async close() {
      await b.close();
      await s.close();
      await db.close();
    },
  };
}
