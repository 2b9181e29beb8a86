/**
 * Warming Neo4j's query plans: the page's own requests, made once against this server right after it
 * starts and again when Neo4j is back after an outage, so that the first analyst finds their plans made.
 *
 * Neo4j plans a statement the first time it runs after a start and keeps the plan for every later run
 * of that statement. The page's named queries take 0.04–1 s each to plan on a warm JVM (`neighbours`,
 * the one statement of every neighbourhood level, ≈ 1 s; 10k graph, plan cache cleared) and seconds on
 * a cold one: the first neighbourhood after a start took 3.3–3.7 s, the second 0.1 s (BENCHMARKS.md § 4).
 *
 * The requests are the page's own (client/api/operations.ts: the same documents, so the same statements
 * with the same parameter types, which Neo4j's plan cache keys on), over HTTP to this server, so the
 * fast lane, Apollo and the resolvers are warmed too. They run one after another in the background:
 * /healthz and every client's request are served meanwhile. Entities come from the graph itself
 * (stats' most connected); a graph without them warms what it can. WARM_UP=off leaves it out.
 */
import { ApiError } from "../client/api/api-error.ts";
import { createApi } from "../client/api/operations.ts";
import type { Database } from "./db/database.ts";

export interface WarmUpReport {
  /** The requests made, in order, what each took (ms) and, for one that failed, why. */
  requests: { name: string; ms: number; failed?: string }[];
  ms: number;
  /** Why it stopped before the end, if it did: the server did not answer, or stats (which names the entities) failed. */
  stopped?: string;
}

/**
 * Makes the page's first requests against the server at `url` (its origin, e.g. http://127.0.0.1:4000).
 * A request that fails (e.g. a neighbourhood past its time limit on a cold Neo4j under load: its plan
 * is made all the same) does not end the warm-up: the others have plans of their own to make. It
 * stops when the server does not answer, or when stats fails (the others' entities come from it).
 */
export async function warmUp(url: string): Promise<WarmUpReport> {
  const api = createApi(`${url}/graphql`);
  const requests: WarmUpReport["requests"] = [];
  const t0 = performance.now();
  /** The request's answer, or undefined after it failed (noted); rethrows when the server does not answer. */
  const timed = async <T>(name: string, request: () => Promise<T>): Promise<T | undefined> => {
    const t = performance.now();
    try {
      const out = await request();
      requests.push({ name, ms: performance.now() - t });
      return out;
    } catch (e) {
      if (e instanceof ApiError && e.code === "UNAVAILABLE") throw e;
      requests.push({ name, ms: performance.now() - t, failed: (e as Error).message });
      return undefined;
    }
  };
  try {
    // The page's first view: stats (its most connected entities), then their neighbourhoods.
    const stats = await timed("stats", () => api.stats(100));
    if (!stats) return { requests, ms: performance.now() - t0, stopped: requests[0]!.failed };
    const [first, ...others] = stats.mostConnected.map((m) => m.node);
    const second = others[0];
    if (first) {
      // Depth 2: the first level (with the root) and a later one (without) are two plans.
      const around = (await timed("neighbourhood", () => api.neighbourhood(first.id, 2, 100)))?.nodes ?? [];
      await timed("search", () => api.search(first.name.split(/\s+/)[0] ?? first.name));
      if (second) await timed("shortestPaths", () => api.shortestPaths(first.id, second.id));
      // Then stats' others (without the neighbourhood, they stand in: the plans are the same for any entity).
      const near = [...around, ...others];
      const funder = [first, ...near].find((n) => n.type === "Ministry" || n.type === "Organisation");
      const recipient = near.find((n) => n.type === "Project") ?? near.find((n) => n.id !== first.id);
      if (funder) await timed("fundingFlows from a funder", () => api.fundingFlows({ funderId: funder.id, depth: 1 }));
      if (recipient) await timed("fundingFlows to a recipient", () => api.fundingFlows({ recipientId: recipient.id }));
    }
  } catch (e) {
    return { requests, ms: performance.now() - t0, stopped: (e as Error).message };
  }
  return { requests, ms: performance.now() - t0 };
}

export interface Neo4jWatch {
  stop(): void;
}

/**
 * Calls `onBack` when Neo4j answers again after it did not: a trivial read every `everyMs` (one
 * statement of one row; a restart of Neo4j takes longer than that, so a poll sees it away).
 */
export function whenNeo4jIsBack(db: Database, onBack: () => void, everyMs = 2000): Neo4jWatch {
  let away = false;
  let polling = false;
  const timer = setInterval(() => {
    if (polling) return;
    polling = true;
    db.read("RETURN 1 AS up", {}, { what: "warm-up: is Neo4j there", timeoutMs: everyMs }).then(
      () => {
        polling = false;
        if (!away) return;
        away = false;
        onBack();
      },
      () => {
        polling = false;
        away = true;
      },
    );
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** A report as one log line. */
export function describeWarmUp(report: WarmUpReport): string {
  const each = report.requests.map((r) => `${r.name} ${(r.ms / 1000).toFixed(1)} s${r.failed ? ` failed: ${r.failed}` : ""}`).join(", ");
  const failed = report.requests.filter((r) => r.failed).length;
  const made = report.requests.length - failed;
  const head = `${made} of the page's requests in ${(report.ms / 1000).toFixed(1)} s${failed ? `, ${failed} failed` : ""}`;
  // Without a stop there is at least stats; on an empty graph only stats.
  return report.stopped ? `${head}, then stopped: ${report.stopped}` : `${head} (${each})`;
}
