/**
 * Partial ISO dates ("2019", "2019-06", "2019-06-24") as the ranges they stand for, and the overlap
 * test the time filters use. Pure: shared by the API and the page.
 */
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function isPartialDate(value: string): boolean {
  return PARTIAL.test(value);
}

/** The first day a partial date can mean: "2019" → "2019-01-01". */
export function lowerBound(date: string): string {
  const m = PARTIAL.exec(date);
  if (!m) throw new RangeError(`not a partial ISO date: "${date}"`);
  return `${m[1]}-${m[2] ?? "01"}-${m[3] ?? "01"}`;
}

/** The last day a partial date can mean: "2019" → "2019-12-31", "2019-02" → "2019-02-31" (compares correctly). */
export function upperBound(date: string): string {
  const m = PARTIAL.exec(date);
  if (!m) throw new RangeError(`not a partial ISO date: "${date}"`);
  return `${m[1]}-${m[2] ?? "12"}-${m[3] ?? "31"}`;
}

/**
 * Whether a fact dated [start, end] can fall within [from, to] (either bound may be open). A fact
 * with a start and no end is ongoing ("member since 2019-06"); one with only an end ran until then.
 * A fact with no date at all is undecidable: `undated` says what to answer for it.
 */
export function overlaps(
  fact: { startDate?: string | null; endDate?: string | null },
  window: { from?: string | null; to?: string | null },
  undated = false,
): boolean {
  const start = fact.startDate ?? null;
  const end = fact.endDate ?? null;
  if (!start && !end) return !window.from && !window.to ? true : undated;
  if (window.to && start && lowerBound(start) > upperBound(window.to)) return false;
  if (window.from && end && upperBound(end) < lowerBound(window.from)) return false;
  return true;
}
