/** German money formatting: "15 Mio. €" (short) and "15.000.000 €" (full); an unknown amount says so. */
const SYMBOLS: Record<string, string> = { EUR: "€", USD: "$", GBP: "£" };
export const UNKNOWN_AMOUNT = "unbekannt";
// Made once: a new Intl.NumberFormat per amount costs tens of ms over a large graph's edge labels.
const FULL = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 2 });
const SHORT = new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 });

function symbol(currency: string | null | undefined): string {
  return currency ? (SYMBOLS[currency] ?? currency) : "€";
}

export function formatMoneyFull(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return UNKNOWN_AMOUNT;
  return `${FULL.format(amount)} ${symbol(currency)}`;
}

export function formatMoneyShort(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return UNKNOWN_AMOUNT;
  const f = (n: number) => SHORT.format(n);
  const abs = Math.abs(amount);
  if (abs >= 1e9) return `${f(amount / 1e9)} Mrd. ${symbol(currency)}`;
  if (abs >= 1e6) return `${f(amount / 1e6)} Mio. ${symbol(currency)}`;
  return formatMoneyFull(amount, currency);
}

/** "15 Mio. € (15.000.000 €)" or "unbekannt". */
export function formatMoney(amount: number | null | undefined, currency?: string | null): string {
  if (amount === null || amount === undefined) return UNKNOWN_AMOUNT;
  const short = formatMoneyShort(amount, currency);
  const full = formatMoneyFull(amount, currency);
  return short === full ? full : `${short} (${full})`;
}
