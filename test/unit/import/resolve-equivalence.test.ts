/**
 * Entity resolution's faster internals (one normalisation per distinct name, sorted trigram codes,
 * a length bound before the trigram comparison, postings marked instead of collected in a Set) must
 * decide exactly what the previous implementation decided. `reference` below is that implementation,
 * kept verbatim; both run on real CORDIS data: the fixtures' H2020 and FP7 samples, and the full
 * H2020 → FP7 data when its folder is there (SHARED_DATA: ../shared/data beside the clone, or CORDIS_DATA).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCordis } from "../../../seed/import/read-cordis.ts";
import {
  contains,
  dice,
  diceSorted,
  GENERIC_TOKENS,
  legalForm,
  nameFacts,
  nameKey,
  nameTokens,
  trigramCodes,
  trigrams,
} from "../../../seed/import/org-name.ts";
import { normaliseName, normaliseNameFully } from "../../../seed/normalise.ts";
import {
  LIKELY_SIMILARITY,
  resolveOrganisations,
  type Candidate,
  type Decision,
  type Incoming,
  type SimilarLink,
} from "../../../seed/import/resolve-entities.ts";
import type { ImportNode } from "../../../seed/import/import-model.ts";
import { FIXTURES, SHARED_DATA } from "../../helpers/paths.ts";

// ---- the previous resolveOrganisations (commit 709105a), unchanged but for names ----
const MAX_POSTINGS = 400;
const MAX_SIMILAR = 3;
const compatible = (a?: string, b?: string): boolean => !a || !b || a === b;
interface Shape {
  tokens: string[];
  key: string;
  grams: Map<string, number>;
}
function shapeOf(name: string): Shape {
  const tokens = nameTokens(name);
  const key = tokens.join(" ");
  return { tokens, key, grams: trigrams(key) };
}
class OldIndex {
  private readonly byId = new Map<string, Candidate>();
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly byToken = new Map<string, Candidate[]>();
  private readonly shapes = new Map<Candidate, Shape>();
  add(c: Candidate, withTokens: boolean): void {
    for (const id of [c.id, ...c.externalIds, ...c.mergedIds]) if (!this.byId.has(id)) this.byId.set(id, c);
    for (const n of new Set([c.name, ...c.aliases])) {
      const key = nameKey(n);
      const list = this.byKey.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      this.byKey.set(key, list);
    }
    if (!withTokens) return;
    for (const t of new Set(nameTokens(c.name))) {
      if (GENERIC_TOKENS.has(t) || t.length < 3) continue;
      const list = this.byToken.get(t) ?? [];
      list.push(c);
      this.byToken.set(t, list);
    }
  }
  id(id: string): Candidate | undefined {
    return this.byId.get(id);
  }
  key(key: string): Candidate[] {
    return this.byKey.get(key) ?? [];
  }
  shape(c: Candidate): Shape {
    let s = this.shapes.get(c);
    if (!s) {
      s = shapeOf(c.name);
      this.shapes.set(c, s);
    }
    return s;
  }
  sharingTokens(tokens: string[]): Candidate[] {
    const out = new Set<Candidate>();
    for (const t of tokens) {
      const list = this.byToken.get(t);
      if (list && list.length <= MAX_POSTINGS) for (const c of list) out.add(c);
    }
    return [...out];
  }
}
function oldCertain(inc: Incoming, index: OldIndex): { candidate: Candidate; reason: string } | undefined {
  for (const id of [inc.id, ...inc.externalIds]) {
    const c = index.id(id);
    if (c) return { candidate: c, reason: id === inc.id ? "merged into it before (known id)" : `same external id ${id}` };
  }
  for (const n of new Set([inc.name, ...inc.aliases])) {
    const key = nameKey(n);
    const form = legalForm(n);
    const c = index.key(key).find((x) => {
      if (inc.country && x.country) return inc.country === x.country;
      return !form || [x.name, ...x.aliases].some((a) => nameKey(a) === key && legalForm(a) === form);
    });
    if (c) return { candidate: c, reason: `same name without legal form ("${key}")` };
  }
  const full = nameTokens(inc.name);
  for (const s of inc.shortNames) {
    const c = index.key(nameKey(s)).find((x) => {
      const theirs = new Set(nameTokens(x.name));
      return (
        compatible(inc.country, x.country) &&
        full.length > theirs.size &&
        [...theirs].every((t) => full.includes(t)) &&
        full.every((t) => theirs.has(t) || GENERIC_TOKENS.has(t))
      );
    });
    if (c) return { candidate: c, reason: `short name "${s}" is the candidate's name; the full name adds only generic words` };
  }
  return undefined;
}
const round = (x: number): number => Math.round(x * 1000) / 1000;
function oldLikely(inc: Incoming, index: OldIndex, exclude: ReadonlySet<string>, pairs: { compared: number }): SimilarLink[] {
  const mine = shapeOf(inc.name);
  const found: SimilarLink[] = [];
  for (const c of index.sharingTokens(mine.tokens)) {
    if (exclude.has(c.id) || !compatible(inc.country, c.country)) continue;
    pairs.compared++;
    const theirs = index.shape(c);
    const sim = mine.key === theirs.key ? 1 : dice(mine.grams, theirs.grams);
    if (contains(theirs.tokens, mine.tokens) || contains(mine.tokens, theirs.tokens)) {
      const [small, large] = theirs.tokens.length < mine.tokens.length ? [theirs.tokens, mine.tokens] : [mine.tokens, theirs.tokens];
      const score = Math.max(sim, 0.5 + (0.4 * small.length) / large.length);
      found.push({ to: c.id, score: round(score), reason: `the words of "${small.join(" ")}" all stand in "${large.join(" ")}"` });
    } else if (sim === 1) {
      found.push({ to: c.id, score: 0.95, reason: `same name without legal form ("${mine.key}"), but country or legal form unconfirmed` });
    } else if (sim >= LIKELY_SIMILARITY) {
      found.push({ to: c.id, score: round(sim), reason: `similar names ("${mine.key}" ~ "${theirs.key}")` });
    }
  }
  return found.sort((a, b) => b.score - a.score || a.to.localeCompare(b.to)).slice(0, MAX_SIMILAR);
}
function reference(
  incoming: Incoming[],
  existing: Candidate[],
  ownIds: ReadonlySet<string>,
  pairs = { compared: 0 },
): Map<string, Decision> {
  const index = new OldIndex();
  for (const c of existing) index.add(c, !ownIds.has(c.id));
  const out = new Map<string, Decision>();
  for (const inc of incoming) {
    const hit = oldCertain(inc, index);
    if (hit && hit.candidate.id === inc.id) {
      out.set(inc.id, { kind: "existing", target: inc.id, similar: [] });
      continue;
    }
    if (hit) {
      out.set(inc.id, { kind: "merge", target: hit.candidate.id, reason: hit.reason, similar: [] });
      index.add(
        { ...hit.candidate, id: hit.candidate.id, aliases: [...inc.aliases], externalIds: [inc.id, ...inc.externalIds], mergedIds: [] },
        false,
      );
      continue;
    }
    const similar = oldLikely(inc, index, ownIds, pairs);
    out.set(inc.id, { kind: "new", target: inc.id, similar });
    index.add(
      { id: inc.id, name: inc.name, aliases: inc.aliases, country: inc.country, externalIds: inc.externalIds, mergedIds: [] },
      false,
    );
  }
  return out;
}
// ---- end of the previous implementation ----

/** The organisations of a parsed import as planImport hands them to resolution (first of each id). */
function incomingOf(nodes: ImportNode[]): { incoming: Incoming[]; ownIds: Set<string> } {
  const seen = new Map<string, ImportNode>();
  for (const n of nodes) if (!seen.has(n.id)) seen.set(n.id, n);
  const orgs = [...seen.values()].filter((n) => n.label === "Organisation");
  return {
    incoming: orgs.map((o) => ({
      id: o.id,
      name: o.name,
      aliases: o.aliases,
      shortNames: o.shortNames,
      country: o.props.country as string | undefined,
      externalIds: o.externalIds,
    })),
    ownIds: new Set(seen.keys()),
  };
}

/** The candidates the graph holds after a first import: its new organisations, merged ones folded into their targets. */
function candidatesAfter(incoming: Incoming[], decisions: Map<string, Decision>): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const i of incoming) {
    const d = decisions.get(i.id)!;
    if (d.kind === "merge") continue;
    byId.set(i.id, {
      id: i.id,
      name: i.name,
      aliases: [...new Set([i.name, ...i.aliases, ...i.shortNames])],
      country: i.country,
      externalIds: i.externalIds,
      mergedIds: [],
    });
  }
  for (const i of incoming) {
    const d = decisions.get(i.id)!;
    const target = d.kind === "merge" ? byId.get(d.target) : undefined;
    if (!target) continue;
    target.aliases = [...new Set([...target.aliases, i.name, ...i.aliases, ...i.shortNames])];
    target.externalIds = [...target.externalIds, i.id, ...i.externalIds];
  }
  return [...byId.values()];
}

const count = (m: Map<string, Decision>): { merged: number; flagged: number } => ({
  merged: [...m.values()].filter((d) => d.kind === "merge").length,
  flagged: [...m.values()].reduce((n, d) => n + d.similar.length, 0),
});

async function compareOn(h2020Dir: string, fp7Dir: string): Promise<{ merged: number; flagged: number; compared: number }> {
  const h = incomingOf((await readCordis([h2020Dir])).nodes);
  const first = resolveOrganisations(h.incoming, [], h.ownIds);
  expect(first).toEqual(reference(h.incoming, [], h.ownIds));
  const candidates = candidatesAfter(h.incoming, first);
  const f = incomingOf((await readCordis([fp7Dir])).nodes);
  const pairs = { compared: 0 };
  const expected = reference(f.incoming, candidates, f.ownIds, pairs);
  const actual = resolveOrganisations(f.incoming, candidates, f.ownIds);
  // Same decisions, in the same order, with the same similar links, scores and reasons (compared as
  // JSON: a deep toEqual of 30,000 decisions takes seconds; the first difference is shown).
  const a = [...actual.entries()].map((e) => JSON.stringify(e));
  const b = [...expected.entries()].map((e) => JSON.stringify(e));
  const differ = a.findIndex((x, i) => x !== b[i]);
  if (differ >= 0) expect(a[differ]).toBe(b[differ]);
  expect(a.length).toBe(b.length);
  return { ...count(actual), compared: pairs.compared };
}

describe("entity resolution decides as the previous implementation did", () => {
  it("on the CORDIS fixtures (H2020 sample, then the FP7 sample against it)", async () => {
    const r = await compareOn(path.join(FIXTURES, "cordis", "h2020-2016"), path.join(FIXTURES, "cordis", "fp7"));
    console.log(r);
    expect(r.compared).toBeGreaterThan(0);
  });

  const data = SHARED_DATA;
  const full = existsSync(path.join(data, "cordis-fp7")) && existsSync(path.join(data, "cordis-h2020-2016"));
  it.runIf(full)(
    "on the full CORDIS H2020 and FP7 data (thousands of merges and likely links)",
    async () => {
      const r = await compareOn(path.join(data, "cordis-h2020-2016"), path.join(data, "cordis-fp7"));
      console.log(r);
      expect(r.merged).toBeGreaterThan(1000);
      expect(r.flagged).toBeGreaterThan(100);
    },
    120_000,
  );
});

describe("org-name's one-pass helpers agree with the separate ones", () => {
  const names = [
    "FRAUNHOFER-GESELLSCHAFT ZUR FOERDERUNG DER ANGEWANDTEN FORSCHUNG E.V.",
    "Aurubis AG",
    "AURUBIS",
    "The Acme Co. Ltd",
    "S.R.L.",
    "Müller & Söhne GmbH & Co. KG",
    "Straße der Einheit",
    "ΕΘΝΙΚΟ ΚΕΝΤΡΟ ΕΡΕΥΝΑΣ",
    "ÉCOLE POLYTECHNIQUE FÉDÉRALE DE LAUSANNE",
    "a b c",
    "",
    "  ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 Ltd",
  ];

  it("normaliseName's ASCII shortcut = normaliseNameFully (control characters, punctuation, non-ASCII)", () => {
    const more = ["A\tB\u0000C\u007f", "__x__", "O'Brien & Co. (UK)", "ÿ", "Ærø", "Ⅻ century", "ﬁne", "½ Ltd"];
    for (const n of [...names, ...more]) expect(normaliseName(n)).toBe(normaliseNameFully(n));
  });

  it("normaliseName = normaliseNameFully on every name of the CORDIS fixtures and, when there, the full data", async () => {
    const data = SHARED_DATA;
    const dirs = [path.join(FIXTURES, "cordis", "h2020-2016"), path.join(FIXTURES, "cordis", "fp7"), path.join(FIXTURES, "cordis", "bulk")];
    for (const d of ["cordis-h2020-2016", "cordis-fp7"]) if (existsSync(path.join(data, d))) dirs.push(path.join(data, d));
    let checked = 0;
    for (const dir of dirs) {
      for (const n of (await readCordis([dir])).nodes) {
        for (const name of [n.name, ...n.aliases, ...n.shortNames]) {
          if (normaliseName(name) !== normaliseNameFully(name)) expect(normaliseName(name)).toBe(normaliseNameFully(name));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("nameFacts = nameTokens, nameKey and legalForm", () => {
    for (const n of names) expect(nameFacts(n)).toEqual({ tokens: nameTokens(n), key: nameKey(n), form: legalForm(n) });
  });

  it("dice never exceeds the length bound likely() skips pairs by (2·min / sum of trigram counts, a key of n characters having n + 1)", () => {
    let seed = 7;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const word = (): string => Array.from({ length: 1 + rand(12) }, () => "abcde fgh"[rand(9)]).join("");
    for (let i = 0; i < 3000; i++) {
      const a = word();
      const b = rand(3) ? word() : a + word();
      const [ga, gb] = [trigramCodes(a), trigramCodes(b)];
      expect([ga.length, gb.length]).toEqual([a.length + 1, b.length + 1]);
      const bound = (2 * Math.min(ga.length, gb.length)) / (ga.length + gb.length);
      expect(diceSorted(ga, gb)).toBeLessThanOrEqual(bound);
      expect(diceSorted(ga, gb)).toBe(dice(trigrams(a), trigrams(b)));
    }
  });

  it("diceSorted of trigramCodes = dice of trigrams, bit for bit (repeated trigrams, non-Latin and astral characters)", () => {
    const keys = [...names.map(nameKey), "aaaa", "aaa", "ababab", "abab", "x", "thyssenkrupp", "thyssenkrupp steel europe"];
    for (const a of keys)
      for (const b of keys) expect(Object.is(diceSorted(trigramCodes(a), trigramCodes(b)), dice(trigrams(a), trigrams(b)))).toBe(true);
  });
});
