/** Latency figures and Markdown tables for the soak's report. */

export interface Sample {
  kind: string;
  /** Milliseconds from send to the whole body read. */
  ms: number;
  /** HTTP status; 0 when no answer came (network error, time-out). */
  status: number;
  /** GraphQL error codes in the answer (empty for a clean answer). */
  codes: string[];
  /** Client clock when the request was sent, ms since the part started. */
  at: number;
  /** The first error message, when there is one. */
  message?: string;
}

/** The p-th percentile (0–100) of sorted values, nearest rank. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export interface KindFigures {
  kind: string;
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function figuresByKind(samples: Sample[], isError: (s: Sample) => boolean): KindFigures[] {
  const kinds = [...new Set(samples.map((s) => s.kind))].sort();
  const one = (kind: string, of: Sample[]): KindFigures => {
    const ms = of.map((s) => s.ms).sort((a, b) => a - b);
    return {
      kind,
      requests: of.length,
      errors: of.filter(isError).length,
      p50: percentile(ms, 50),
      p95: percentile(ms, 95),
      p99: percentile(ms, 99),
      max: ms.at(-1) ?? NaN,
    };
  };
  return [
    ...kinds.map((k) =>
      one(
        k,
        samples.filter((s) => s.kind === k),
      ),
    ),
    one("all", samples),
  ];
}

const ms = (v: number): string => (Number.isNaN(v) ? "–" : v < 10 ? v.toFixed(1) : String(Math.round(v)));

export function table(header: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}

export function latencyTable(figures: KindFigures[]): string {
  return table(
    ["query kind", "requests", "errors", "median ms", "p95 ms", "p99 ms", "max ms"],
    figures.map((f) => [f.kind, f.requests, f.errors, ms(f.p50), ms(f.p95), ms(f.p99), ms(f.max)]),
  );
}

export { ms as formatMs };

/** A named expectation of the soak; main exits non-zero when any fails. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PartReport {
  title: string;
  /** Markdown: tables and short lines. */
  text: string;
  checks: Check[];
}
