/**
 * runClients: concurrent clients, each sending one request after another until the time is up or
 * the request budget is spent; every request has its own time-out, so the loop always ends.
 */
import type { Sample } from "./summarise.ts";

export interface Request {
  kind: string;
  path: "/graphql" | "/healthz";
  body?: { query: string; variables?: Record<string, unknown> };
}

export interface ClientPlan {
  baseUrl: string;
  clients: number;
  durationMs: number;
  /** Stop after this many requests in all, whichever comes first. */
  maxRequests: number;
  /** A request that has not answered after this long counts as a hang (status 0). */
  requestTimeoutMs: number;
  /** Pause between one client's requests. */
  thinkMs?: number;
  next(client: number, n: number): Request;
  /** Time origin for Sample.at (defaults to the start of this run). */
  origin?: number;
  /** Ends the run early (checked before each request). */
  shouldStop?: () => boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function send(baseUrl: string, req: Request, timeoutMs: number, origin: number): Promise<Sample> {
  const t0 = performance.now();
  const at = Date.now() - origin;
  try {
    const res = await fetch(baseUrl + req.path, {
      method: req.body ? "POST" : "GET",
      headers: req.body ? { "content-type": "application/json" } : {},
      body: req.body ? JSON.stringify(req.body) : null,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let codes: string[] = [];
    let message: string | undefined;
    try {
      const json = JSON.parse(text) as { errors?: { message?: string; extensions?: { code?: string } }[]; neo4j?: { error?: string } };
      codes = (json.errors ?? []).map((e) => e.extensions?.code ?? "NO_CODE");
      message = json.errors?.[0]?.message ?? json.neo4j?.error;
    } catch {
      codes = ["NOT_JSON"];
    }
    const sample: Sample = { kind: req.kind, ms: performance.now() - t0, status: res.status, codes, at };
    if (message) sample.message = message;
    return sample;
  } catch (e) {
    const name = (e as Error).name;
    return {
      kind: req.kind,
      ms: performance.now() - t0,
      status: 0,
      codes: [name === "TimeoutError" ? "CLIENT_TIMEOUT" : "NETWORK_ERROR"],
      at,
    };
  }
}

export async function runClients(plan: ClientPlan): Promise<Sample[]> {
  const samples: Sample[] = [];
  const origin = plan.origin ?? Date.now();
  const end = Date.now() + plan.durationMs;
  let sent = 0;
  const client = async (c: number): Promise<void> => {
    for (let n = 0; Date.now() < end && sent < plan.maxRequests && !plan.shouldStop?.(); n++) {
      sent++;
      samples.push(await send(plan.baseUrl, plan.next(c, n), plan.requestTimeoutMs, origin));
      if (plan.thinkMs) await sleep(plan.thinkMs);
    }
  };
  await Promise.all(Array.from({ length: plan.clients }, (_, c) => client(c)));
  return samples;
}
