/** Name helpers shared by the seed loader, the importer and search: transliteration and normalisation. */

const GERMAN: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", Ä: "Ae", Ö: "Oe", Ü: "Ue", ß: "ss", ẞ: "SS" };

/** "Lünen" → "Luenen": the German spelling without umlauts that people type on other keyboards. */
export function transliterate(name: string): string {
  return name.replace(/[äöüÄÖÜßẞ]/g, (c) => GERMAN[c] ?? c);
}

/** Strips accents: "Lünen" → "Lunen", "Görge" → "Gorge". */
export function foldAccents(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}+/gu, "");
}

/** The extra spellings the full-text index holds beside name and aliases (transliterations). */
export function searchKeys(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const n of names) {
    const t = transliterate(n);
    if (t !== n) keys.add(t);
  }
  return [...keys];
}

const ASCII = /^[\x00-\x7f]*$/;

/**
 * Case-, accent-, punctuation- and space-insensitive form of a name: "REMONDIS Productions" →
 * "remondis productions". A plain ASCII name (most CORDIS names) has nothing to transliterate or
 * decompose, and its only letters and digits are a-z and 0-9 once lowercased: it takes a shortcut
 * with the same result as normaliseNameFully (a unit test compares both on every CORDIS name).
 */
export function normaliseName(name: string): string {
  return ASCII.test(name)
    ? name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, " ")
        .trim()
    : normaliseNameFully(name);
}

/** normaliseName without the ASCII shortcut. */
export function normaliseNameFully(name: string): string {
  return foldAccents(transliterate(name).replace(/ß/g, "ss"))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
