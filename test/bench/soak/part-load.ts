/** Plain load: 50 clients send the analysts' mix for 60 s; every answer must be a clean 200. */
import { analystRequest, type GraphSample } from "./query-mix.ts";
import { seededRandom } from "../../../server/domain/seeded-random.ts";
import { runClients } from "./run-clients.ts";
import { figuresByKind, latencyTable, type PartReport, type Sample } from "./summarise.ts";

export const failed = (s: Sample): boolean => s.status !== 200 || s.codes.length > 0;

export async function loadPart(url: string, sample: GraphSample, options = { clients: 50, seconds: 60 }): Promise<PartReport> {
  // A short warm-up (not counted): JIT, Neo4j's query plans and page cache.
  const warm = seededRandom(7);
  await runClients({
    baseUrl: url,
    clients: 10,
    durationMs: 5000,
    maxRequests: 2000,
    requestTimeoutMs: 30_000,
    next: () => analystRequest(sample, warm),
  });
  const rnd = seededRandom(42);
  const t0 = Date.now();
  const samples = await runClients({
    baseUrl: url,
    clients: options.clients,
    durationMs: options.seconds * 1000,
    maxRequests: 500_000,
    requestTimeoutMs: 30_000,
    next: () => analystRequest(sample, rnd),
  });
  const seconds = (Date.now() - t0) / 1000;
  const errors = samples.filter(failed);
  const codes = [...new Set(errors.flatMap((s) => (s.codes.length ? s.codes : [`HTTP ${s.status}`])))];
  const text = [
    `${options.clients} clients, ${seconds.toFixed(1)} s: **${samples.length} requests, ${errors.length} errors, ${(samples.length / seconds).toFixed(1)} requests/s**`,
    "",
    latencyTable(figuresByKind(samples, failed)),
    ...(errors.length ? ["", `errors: ${codes.join(", ")}; first: ${errors[0]!.message ?? `HTTP ${errors[0]!.status}`}`] : []),
  ].join("\n");
  return {
    title: "Plain load",
    text,
    checks: [
      {
        name: "load: zero errors under plain load",
        ok: errors.length === 0 && samples.length > 0,
        detail: `${errors.length} errors in ${samples.length} requests${codes.length ? ` (${codes.join(", ")})` : ""}`,
      },
    ],
  };
}
