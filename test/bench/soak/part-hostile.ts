/**
 * Hostile mix: over-limit queries sent under load must be refused fast, and must not slow the
 * others. Plain-only and plain+hostile slices alternate (A B A B) in one run, so the two p95s
 * are measured side by side under the same conditions.
 */
import { HOSTILE, refused, type HostileRequest } from "./hostile-mix.ts";
import { failed } from "./part-load.ts";
import { analystRequest, type GraphSample } from "./query-mix.ts";
import { seededRandom } from "../../../server/domain/seeded-random.ts";
import { runClients } from "./run-clients.ts";
import { figuresByKind, formatMs, percentile, table, type PartReport, type Sample } from "./summarise.ts";

export interface HostileOptions {
  clients: number;
  hostileClients: number;
  sliceSeconds: number;
  slices: number;
  /** Pause between one hostile client's requests. */
  hostileThinkMs: number;
}

const DEFAULTS: HostileOptions = { clients: 50, hostileClients: 10, sliceSeconds: 15, slices: 4, hostileThinkMs: 20 };

/** p95 of the plain mix may grow by this factor plus this many ms before it counts as affected. */
const P95_FACTOR = 1.5;
const P95_SLACK_MS = 50;
/** A refusal slower than this is not "fast" (a saturated API server queues every request for a while). */
const REFUSAL_P95_MS = 1000;

export async function hostilePart(url: string, sample: GraphSample, options: HostileOptions = DEFAULTS): Promise<PartReport> {
  const rnd = seededRandom(1234);
  const plain: Record<"without" | "with", Sample[]> = { without: [], with: [] };
  const hostile: { req: HostileRequest; sample: Sample }[] = [];
  for (let slice = 0; slice < options.slices; slice++) {
    const withHostile = slice % 2 === 1;
    const durationMs = options.sliceSeconds * 1000;
    const runs: Promise<unknown>[] = [
      runClients({
        baseUrl: url,
        clients: options.clients,
        durationMs,
        maxRequests: 200_000,
        requestTimeoutMs: 30_000,
        next: () => analystRequest(sample, rnd),
      }).then((s) => plain[withHostile ? "with" : "without"].push(...s)),
    ];
    if (withHostile) {
      runs.push(
        runClients({
          baseUrl: url,
          clients: options.hostileClients,
          durationMs,
          maxRequests: 100_000,
          requestTimeoutMs: 30_000,
          thinkMs: options.hostileThinkMs,
          next: (c, n) => HOSTILE[(n + c) % HOSTILE.length]!,
        }).then((samples) => {
          const byKind = new Map(HOSTILE.map((h) => [h.kind, h]));
          for (const s of samples) hostile.push({ req: byKind.get(s.kind)!, sample: s });
        }),
      );
    }
    await Promise.all(runs);
  }

  const withoutFig = figuresByKind(plain.without, failed);
  const withFig = figuresByKind(plain.with, failed);
  const rows = withoutFig.map((a) => {
    const b = withFig.find((f) => f.kind === a.kind);
    return [a.kind, a.requests, formatMs(a.p50), formatMs(a.p95), b?.requests ?? 0, formatMs(b?.p50 ?? NaN), formatMs(b?.p95 ?? NaN)];
  });
  const hostileRows = HOSTILE.map((h) => {
    const of = hostile.filter((x) => x.req.kind === h.kind);
    const ms = of.map((x) => x.sample.ms).sort((a, b) => a - b);
    const ok = of.filter((x) => refused(x.req, x.sample.status, x.sample.codes)).length;
    const codes = [...new Set(of.flatMap((x) => (x.sample.codes.length ? x.sample.codes : [`HTTP ${x.sample.status}`])))].join(", ");
    return [
      h.kind,
      of.length,
      `${ok}/${of.length}`,
      codes,
      `HTTP ${[...new Set(of.map((x) => x.sample.status))].join("/")}`,
      formatMs(percentile(ms, 50)),
      formatMs(percentile(ms, 95)),
      formatMs(ms.at(-1) ?? NaN),
    ];
  });
  const allWithout = withoutFig.at(-1)!;
  const allWith = withFig.at(-1)!;
  const hostileMs = hostile.map((x) => x.sample.ms).sort((a, b) => a - b);
  const notRefused = hostile.filter((x) => !refused(x.req, x.sample.status, x.sample.codes));
  const plainErrors = [...plain.without, ...plain.with].filter(failed);
  const text = [
    `${options.clients} plain clients throughout; ${options.hostileClients} hostile clients (${options.hostileThinkMs} ms pause) in every second ${options.sliceSeconds}-s slice (${options.slices} slices, alternating).`,
    "",
    "Plain mix, side by side (ms):",
    "",
    table(["query kind", "requests without", "median without", "p95 without", "requests with hostile", "median with", "p95 with"], rows),
    "",
    `Over-limit queries (${hostile.length} sent, ${(hostile.length / ((options.slices / 2) * options.sliceSeconds)).toFixed(0)}/s while on):`,
    "",
    table(["hostile query", "sent", "refused as expected", "codes", "status", "median ms", "p95 ms", "max ms"], hostileRows),
  ].join("\n");
  const limit = allWithout.p95 * P95_FACTOR + P95_SLACK_MS;
  return {
    title: "Over-limit queries under load",
    text,
    checks: [
      {
        name: "hostile: every over-limit query refused with its code",
        ok: hostile.length > 0 && notRefused.length === 0,
        detail: `${hostile.length - notRefused.length}/${hostile.length} refused${notRefused.length ? `; e.g. ${notRefused[0]!.req.kind}: HTTP ${notRefused[0]!.sample.status} ${notRefused[0]!.sample.codes.join(",")}` : ""}`,
      },
      {
        name: `hostile: refused fast (p95 ≤ ${REFUSAL_P95_MS} ms)`,
        ok: percentile(hostileMs, 95) <= REFUSAL_P95_MS,
        detail: `p95 ${formatMs(percentile(hostileMs, 95))} ms, max ${formatMs(hostileMs.at(-1) ?? NaN)} ms`,
      },
      {
        name: `hostile: plain p95 unaffected (≤ ${P95_FACTOR} × without + ${P95_SLACK_MS} ms)`,
        ok: allWith.p95 <= limit,
        detail: `p95 without ${formatMs(allWithout.p95)} ms, with ${formatMs(allWith.p95)} ms (limit ${formatMs(limit)} ms)`,
      },
      { name: "hostile: zero errors in the plain mix", ok: plainErrors.length === 0, detail: `${plainErrors.length} errors` },
    ],
  };
}
