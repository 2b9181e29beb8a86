/** Field parsers shared by the readers: amounts with a decimal comma, padded numbers, partial dates. */
import { PARTIAL_DATE } from "../model.ts";
import { transliterate } from "../normalise.ts";

export type Parsed<T> = { ok: true; value: T | undefined } | { ok: false; reason: string };

/** "230000,00", " 1", "1499998.75" → number; "" → unknown (undefined), never 0. */
export function parseAmount(raw: string | undefined): Parsed<number> {
  const s = (raw ?? "").trim();
  if (!s) return { ok: true, value: undefined };
  if (!/^\d+(?:[.,]\d+)?$/.test(s))
    return { ok: false, reason: `"${s}" is not an amount (expected digits with an optional decimal comma, e.g. 230000,00)` };
  return { ok: true, value: Number(s.replace(",", ".")) };
}

export function parseCount(raw: string | undefined): Parsed<number> {
  const s = (raw ?? "").trim();
  if (!s) return { ok: true, value: undefined };
  if (!/^\d+$/.test(s)) return { ok: false, reason: `"${s}" is not a whole number` };
  return { ok: true, value: Number(s) };
}

/** "2015-03-01" or "2015-03-01 00:00:00" → "2015-03-01"; "" → unknown. */
export function parseDate(raw: string | undefined): Parsed<string> {
  const s = (raw ?? "").trim().replace(/[T ]00:00:00(\.0+)?Z?$/, "");
  if (!s) return { ok: true, value: undefined };
  if (!PARTIAL_DATE.test(s)) return { ok: false, reason: `"${s}" is not a date (expected 2019, 2019-06 or 2019-06-24)` };
  return { ok: true, value: s };
}

/** A lowercase slug for ids: "THYSSENKRUPP STEEL" → "thyssenkrupp-steel", "Müller & Söhne" → "mueller-soehne". */
export function slug(s: string): string {
  return transliterate(s)
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "");
}

export const clean = (s: string | undefined): string => (s ?? "").replace(/\s+/g, " ").trim();
