/**
 * Outage: Neo4j is stopped and started again while clients run. Meanwhile the API must answer
 * fast with HTTP 503: UPSTREAM_UNAVAILABLE and its message (GraphQL), `unavailable` (/healthz) —
 * never a 500, never a hang — and
 * recover by itself, without restarting the API server.
 */
import { failed } from "./part-load.ts";
import { analystRequest, type GraphSample } from "./query-mix.ts";
import { seededRandom } from "../../../server/domain/seeded-random.ts";
import { runClients } from "./run-clients.ts";
import { figuresByKind, formatMs, latencyTable, table, type PartReport, type Sample } from "./summarise.ts";
import type { SoakNeo4j } from "./start-stack.ts";

export interface OutageOptions {
  clients: number;
  /** Load before Neo4j is stopped, time it stays down, load after it is back (seconds). */
  beforeSeconds: number;
  downSeconds: number;
  afterSeconds: number;
}

const DEFAULTS: OutageOptions = { clients: 20, beforeSeconds: 5, downSeconds: 10, afterSeconds: 20 };
/** Codes a client may see while Neo4j is away: both are a clear message, not a 500. TIMEOUT: a
 * query caught by Neo4j's start-up (QUERY_TIMEOUT_MS). */
const ALLOWED_DURING_OUTAGE = new Set(["UPSTREAM_UNAVAILABLE", "TIMEOUT"]);
/**
 * An answer slower than this counts as a hang: the bound the server's configuration sets, the
 * transaction time-out QUERY_TIMEOUT_MS (15 s) plus the driver's connection acquisition time-out
 * (10 s) and its retry window (3 s), both in server/db/database.ts.
 */
const HANG_MS = 28_000;
/** After recovery the run goes on this long; its last seconds must be clean (steady state). */
const STEADY_MS = 5_000;
/** The API must be serving again this long after Neo4j is back. */
const RECOVERY_LIMIT_MS = 30_000;
/** The report shows, by query kind, the requests sent this long after Neo4j was back: a cold Neo4j's cost. */
const COLD_MS = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function outagePart(
  url: string,
  neo4j: SoakNeo4j,
  sample: GraphSample,
  options: OutageOptions = DEFAULTS,
): Promise<PartReport> {
  const origin = Date.now();
  const now = () => Date.now() - origin;
  const marks = { stopAt: NaN, stoppedAt: NaN, startAt: NaN, readyAt: NaN, recoveredAt: NaN, doneAt: NaN, endAt: NaN };
  let done = false;
  const rnd = seededRandom(99);
  const plan = { baseUrl: url, durationMs: 300_000, maxRequests: 200_000, requestTimeoutMs: 30_000, origin, shouldStop: () => done };
  const clients = runClients({ ...plan, clients: options.clients, next: () => analystRequest(sample, rnd) });
  const health = runClients({ ...plan, clients: 1, thinkMs: 250, next: () => ({ kind: "healthz", path: "/healthz" }) });
  try {
    await sleep(options.beforeSeconds * 1000);
    marks.stopAt = now();
    await neo4j.stop();
    marks.stoppedAt = now();
    await sleep(options.downSeconds * 1000);
    marks.startAt = now();
    await neo4j.start();
    marks.readyAt = now();
    // Recovered: a GraphQL query and /healthz both answer cleanly, without touching the API server.
    for (let i = 0; i < RECOVERY_LIMIT_MS / 250 && Number.isNaN(marks.recoveredAt); i++) {
      const [g, h] = await Promise.all([
        fetch(`${url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: "query($id: ID!) { entities(where: { id: { eq: $id } }) { id } }",
            variables: { id: sample.organisations[0] },
          }),
          signal: AbortSignal.timeout(10_000),
        }).then(
          async (r) => r.status === 200 && !(JSON.parse(await r.text()) as { errors?: unknown }).errors,
          () => false,
        ),
        fetch(`${url}/healthz`, { signal: AbortSignal.timeout(10_000) }).then(
          (r) => r.status === 200,
          () => false,
        ),
      ]);
      if (g && h) marks.recoveredAt = now();
      else await sleep(250);
    }
    await sleep(options.afterSeconds * 1000);
  } finally {
    done = true;
    marks.doneAt = now();
    await neo4j.start(); // whatever happened, leave Neo4j running
  }
  const samples = [...(await clients), ...(await health)];
  marks.endAt = now();

  // A request belongs to the phase in which it was answered.
  const answeredAt = (s: Sample): number => s.at + s.ms;
  const phase = (s: Sample): "before" | "outage" | "after" =>
    answeredAt(s) < marks.stopAt ? "before" : Number.isNaN(marks.recoveredAt) || s.at < marks.recoveredAt ? "outage" : "after";
  const inPhase = (p: string) => samples.filter((s) => phase(s) === p);
  const outage = inPhase("outage");
  const step = (s: Sample): string => {
    const t = answeredAt(s);
    return t < marks.stoppedAt ? "1 stopping" : t < marks.startAt ? "2 down" : t < marks.readyAt ? "3 starting" : "4 back, warming";
  };
  const bad = outage.filter(
    (s) =>
      s.status === 500 ||
      s.status === 0 ||
      s.codes.some((c) => !ALLOWED_DURING_OUTAGE.has(c)) ||
      (s.kind === "healthz" && s.status !== 200 && s.status !== 503),
  );
  const hangs = outage.filter((s) => s.ms > HANG_MS);
  // Every query of the mix has a non-null root field: Neo4j unreachable leaves no data (HTTP 503).
  const unavailable = outage.filter(
    (s) => s.kind !== "healthz" && s.codes.length > 0 && s.codes.every((c) => c === "UPSTREAM_UNAVAILABLE"),
  );
  const answerOf = (s: Sample): string =>
    s.kind === "healthz"
      ? `/healthz HTTP ${s.status}`
      : s.codes.length
        ? `GraphQL HTTP ${s.status} ${[...new Set(s.codes)].join("+")}`
        : `GraphQL HTTP ${s.status} ok`;
  const groups = new Map<string, Sample[]>();
  for (const s of outage) {
    const key = `${step(s)}|${answerOf(s)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const codeRows = [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([key, of]) => {
      const [st, answer] = key.split("|") as [string, string];
      return [st.slice(2), answer, of.length, formatMs(Math.max(...of.map((x) => x.ms)))];
    });
  const outageMs = outage.map((s) => s.ms).sort((a, b) => a - b);
  // Sent while Neo4j was cold: from when it was ready (or the last request before, still waiting then) on.
  const cold = samples.filter((s) => s.kind !== "healthz" && answeredAt(s) >= marks.readyAt && s.at < marks.readyAt + COLD_MS);
  const messages = [
    ...new Set(outage.filter((s) => s.message).map((s) => `${s.kind === "healthz" ? "/healthz" : "GraphQL"}: ${s.message}`)),
  ].slice(0, 4);
  const before = inPhase("before");
  const steady = samples.filter((x) => x.at >= marks.doneAt - STEADY_MS && x.at < marks.doneAt);
  const after = inPhase("after");
  const recoveryMs = marks.recoveredAt - marks.readyAt;
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const text = [
    `${options.clients} clients with the analysts' mix and one /healthz poller (every 250 ms). Timeline: Neo4j stop at ${s(marks.stopAt)} (down at ${s(marks.stoppedAt)}), start at ${s(marks.startAt)}, ready at ${s(marks.readyAt)}, API serving cleanly again at ${Number.isNaN(marks.recoveredAt) ? "never" : s(marks.recoveredAt)}; end at ${s(marks.endAt)}.`,
    "",
    `**Time to recovery: ${Number.isNaN(recoveryMs) ? "no recovery" : s(recoveryMs)} after Neo4j was ready** (${Number.isNaN(marks.recoveredAt) ? "–" : s(marks.recoveredAt - marks.stopAt)} after the stop began); the API server was not restarted.`,
    "",
    table(
      ["phase", "requests", "errors", "max ms"],
      (["before", "outage", "after"] as const).map((p) => {
        const of = inPhase(p);
        return [p, of.length, of.filter(failed).length, formatMs(Math.max(0, ...of.map((x) => x.ms)))];
      }),
    ),
    "",
    `Answers during the outage (median ${formatMs(outageMs[Math.floor(outageMs.length / 2)] ?? NaN)} ms, max ${formatMs(outageMs.at(-1) ?? NaN)} ms):`,
    "",
    table(["answered while", "answer", "count", "max ms"], codeRows),
    "",
    `Queries answered after Neo4j was ready and sent within ${s(COLD_MS)} of it (a cold Neo4j), by kind:`,
    "",
    latencyTable(figuresByKind(cold, failed)),
    "",
    "Messages seen:",
    "",
    ...messages.map((m) => `- ${m}`),
  ].join("\n");
  return {
    title: "Neo4j outage under load",
    text,
    checks: [
      {
        name: "outage: before the stop, zero errors",
        ok: before.filter(failed).length === 0,
        detail: `${before.filter(failed).length} errors in ${before.length}`,
      },
      {
        name: "outage: only UPSTREAM_UNAVAILABLE (or TIMEOUT) / 503 — no 500, no other code, no dropped request",
        ok: bad.length === 0,
        detail: bad.length
          ? `${bad.length} bad, e.g. ${bad[0]!.kind} HTTP ${bad[0]!.status} ${bad[0]!.codes.join(",")}: ${bad[0]!.message ?? ""}`
          : `${outage.length} answers`,
      },
      {
        name: `outage: no hang (every answer within ${HANG_MS / 1000} s)`,
        ok: hangs.length === 0,
        detail: `max ${formatMs(outageMs.at(-1) ?? NaN)} ms`,
      },
      {
        name: "outage: GraphQL said UPSTREAM_UNAVAILABLE with HTTP 503",
        ok: unavailable.length > 0 && unavailable.every((x) => x.status === 503),
        detail: `${unavailable.filter((x) => x.status === 503).length} of ${unavailable.length}`,
      },
      {
        name: "outage: /healthz said 503 while Neo4j was down",
        ok: outage.some((x) => x.kind === "healthz" && x.status === 503),
        detail: `${outage.filter((x) => x.kind === "healthz" && x.status === 503).length} times`,
      },
      {
        name: `outage: recovered by itself within ${RECOVERY_LIMIT_MS / 1000} s of Neo4j being back`,
        ok: recoveryMs <= RECOVERY_LIMIT_MS,
        detail: Number.isNaN(recoveryMs) ? "never" : s(recoveryMs),
      },
      {
        name: "outage: after recovery no UPSTREAM_UNAVAILABLE, no 500, no dropped request",
        ok: after.length > 0 && !after.some((x) => x.status === 500 || x.status === 0 || x.codes.some((c) => c !== "TIMEOUT")),
        detail: `${after.filter(failed).length} errors in ${after.length}${after.some(failed) ? ` (${[...new Set(after.flatMap((x) => x.codes))].join(", ")}; a cold Neo4j)` : ""}`,
      },
      {
        name: `outage: the last ${STEADY_MS / 1000} s clean (steady state)`,
        ok: steady.length > 0 && !steady.some(failed),
        detail: `${steady.filter(failed).length} errors in ${steady.length}`,
      },
    ],
  };
}
