/**
 * Organisation names for matching: the normalised name without legal forms, so "AURUBIS AG",
 * "Aurubis AG" and "Aurubis" share the key "aurubis", and "FORDERUNG" meets "Förderung".
 */
import { normaliseName } from "../normalise.ts";

/** Legal forms and the filler words around them, as tokens of a normalised name. */
const LEGAL_FORMS = new Set(
  (
    "ag gmbh mbh ggmbh gbr ohg kg kgaa ug ev eg se co cokg " +
    "sarl sas sasu sa sca scrl sprl srl spa snc sl slu sll " +
    "bv nv vzw asbl cvba " +
    "ltd limited plc llp lp inc llc corp corporation company cic " +
    "oy oyj ab as asa aps ad ead ood eood sro doo kft zrt nyrt spzoo ou uab " +
    "ik aisbl scarl cooperative aktiengesellschaft the"
  ).split(" "),
);

/** German umlauts may arrive as "ue" (transliterated) or "u" (accent dropped): fold both to "u". */
const foldDigraphs = (s: string): string => s.replace(/ae/g, "a").replace(/oe/g, "o").replace(/ue/g, "u");

function rawTokens(name: string): string[] {
  const raw = foldDigraphs(normaliseName(name)).split(" ").filter(Boolean);
  const joined: string[] = [];
  let run = "";
  for (const t of raw) {
    if (t.length === 1) {
      run += t;
      continue;
    }
    if (run) joined.push(run);
    run = "";
    joined.push(t);
  }
  if (run) joined.push(run);
  return joined;
}

const withoutForms = (joined: string[]): string[] => {
  const kept = joined.filter((t) => !LEGAL_FORMS.has(t));
  return kept.length ? kept : joined;
};

const formOf = (joined: string[]): string => {
  const forms = joined.filter((t) => LEGAL_FORMS.has(t) && t !== "the" && t !== "co");
  return [...new Set(forms)].sort().join(" ");
};

/** Tokens of the name without legal forms; runs of single letters ("e v", "s r l") are joined first. */
export function nameTokens(name: string): string[] {
  return withoutForms(rawTokens(name));
}

/** The legal forms a name states, as a sorted key: "Aurubis AG" → "ag", "Aurubis" → "". */
export function legalForm(name: string): string {
  return formOf(rawTokens(name));
}

/** What matching needs of one name, from one normalisation: nameTokens, nameKey and legalForm together. */
export interface NameFacts {
  tokens: string[];
  key: string;
  form: string;
}

export function nameFacts(name: string): NameFacts {
  const joined = rawTokens(name);
  const tokens = withoutForms(joined);
  return { tokens, key: tokens.join(" "), form: formOf(joined) };
}

/** The matching key: "FRAUNHOFER-GESELLSCHAFT e.V." → "fraunhofer gesellschaft". */
export function nameKey(name: string): string {
  return nameTokens(name).join(" ");
}

/** Character trigrams of a key, counted (the key padded as "  key "). */
export function trigrams(s: string): Map<string, number> {
  const padded = `  ${s} `;
  const grams = new Map<string, number>();
  for (let i = 0; i < padded.length - 2; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient of two trigram counts (see similarity). */
export function dice(ga: Map<string, number>, gb: Map<string, number>): number {
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total ? (2 * common) / total : 0;
}

/**
 * The trigrams of trigrams(s) as numbers (three UTF-16 code units, 16 bits each), sorted, a trigram
 * counted n times standing n times: the form diceSorted compares without building maps.
 */
export function trigramCodes(s: string): Float64Array {
  const padded = `  ${s} `;
  const codes = new Float64Array(padded.length - 2);
  for (let i = 0; i < codes.length; i++)
    codes[i] = padded.charCodeAt(i) * 4294967296 + padded.charCodeAt(i + 1) * 65536 + padded.charCodeAt(i + 2);
  return codes.sort();
}

/** dice() of two trigramCodes: the same shared count (a multiset intersection) over the same total, so the same number. */
export function diceSorted(a: Float64Array, b: Float64Array): number {
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const total = a.length + b.length;
  return total ? (2 * common) / total : 0;
}

/** Dice coefficient over character trigrams of two keys: 1 = same, 0 = nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  return dice(trigrams(a), trigrams(b));
}

/** Words too common to tie two organisations together on their own. */
export const GENERIC_TOKENS = new Set(
  (
    "university universitat universita universidad universite universiteit uniwersytet universidade " +
    "institute institut instituto istituto research forschung centre center centro zentrum " +
    "national international european europe technology technologies technical technische " +
    "science sciences scientific and und of for fur der die das de del della des la le du et " +
    "foundation stiftung fundacion fondazione association verein society gesellschaft group " +
    "services solutions systems management consulting engineering energy " +
    "zur zum im in am an von vom fur forderung angewandte angewandten"
  ).split(" "),
);

/** True when every token of `small` is in `large` and one of them is distinctive (not generic, 4+ letters). */
export function contains(small: string[], large: string[], largeSet: ReadonlySet<string> = new Set(large)): boolean {
  if (!small.length || small.length >= large.length) return false;
  return small.every((t) => largeSet.has(t)) && small.some((t) => t.length >= 4 && !GENERIC_TOKENS.has(t));
}
