/** "10k" → 10000, "1M" → 1000000, "2500" → 2500: the scale argument of the generator and benchmarks. */
export function parseScale(raw: string): number {
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(raw.trim());
  if (!m) throw new Error(`generate: --scale expects a number such as 10000, 10k or 1M; got ${JSON.stringify(raw)}`);
  const unit = m[2]!.toLowerCase() === "k" ? 1e3 : m[2]!.toLowerCase() === "m" ? 1e6 : 1;
  return Math.round(Number(m[1]) * unit);
}
