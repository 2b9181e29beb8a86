/**
 * Entity resolution for incoming organisations, against what the graph holds and what the same
 * import brought earlier. Pure: the caller reads the candidates and writes the decisions.
 *
 * - certain (merge into the candidate): the same id or external id; or the same name key (legal forms,
 *   case, umlauts, punctuation ignored) in the same country — or, where a country is unknown, with the
 *   same legal form or none stated ("AURUBIS AG" = "Aurubis AG", but "SIEMENS SRL" ≠ "Siemens");
 *   or a short name equal to the candidate's name when the full name adds only generic words
 *   ("Fraunhofer" + "Gesellschaft zur Förderung der angewandten Forschung", not "Siemens" + "Nederland").
 * - likely (new node + SIMILAR_TO for review): one name's key words all stand in the other's and one
 *   of them is distinctive ("thyssenkrupp" ⊂ "thyssenkrupp steel europe"), or trigram similarity of
 *   the keys ≥ LIKELY_SIMILARITY; countries compatible. Only nodes that existed before the import are
 *   likely candidates, so a resumed run flags exactly what a clean run flags.
 * - different otherwise.
 */
import { contains, diceSorted, GENERIC_TOKENS, nameFacts, trigramCodes, type NameFacts } from "./org-name.ts";

export const LIKELY_SIMILARITY = 0.85;
/** Tokens shared by more candidates than this are not used to find likely matches (too common). */
const MAX_POSTINGS = 400;
const MAX_SIMILAR = 3;

export interface Candidate {
  id: string;
  name: string;
  aliases: string[];
  country?: string | undefined;
  externalIds: string[];
  mergedIds: string[];
}

export interface Incoming {
  id: string;
  name: string;
  aliases: string[];
  shortNames: string[];
  country?: string | undefined;
  externalIds: string[];
}

export interface SimilarLink {
  to: string;
  score: number;
  reason: string;
}

export type Decision =
  | { kind: "new"; target: string; similar: SimilarLink[] }
  | { kind: "existing"; target: string; similar: SimilarLink[] }
  | { kind: "merge"; target: string; reason: string; similar: SimilarLink[] };

const compatible = (a?: string, b?: string): boolean => !a || !b || a === b;

/** A name's tokens without legal forms (and as a set), their key and its trigrams: what likely() compares. */
interface Shape {
  tokens: string[];
  tokenSet: ReadonlySet<string>;
  key: string;
  /** trigramCodes(key), made when first compared. */
  grams?: Float64Array;
}

const gramsOf = (s: Shape): Float64Array => (s.grams ??= trigramCodes(s.key));

/**
 * Each distinct name normalised once per resolution (an import meets the same names as names, aliases
 * and candidates' names many times), and its shape made once.
 */
class Names {
  private readonly facts = new Map<string, NameFacts>();
  private readonly shapes = new Map<string, Shape>();
  private readonly tokenSets = new Map<string, ReadonlySet<string>>();

  of(name: string): NameFacts {
    let f = this.facts.get(name);
    if (!f) {
      f = nameFacts(name);
      this.facts.set(name, f);
    }
    return f;
  }
  tokenSet(name: string): ReadonlySet<string> {
    let s = this.tokenSets.get(name);
    if (!s) {
      s = new Set(this.of(name).tokens);
      this.tokenSets.set(name, s);
    }
    return s;
  }
  shape(name: string): Shape {
    let s = this.shapes.get(name);
    if (!s) {
      const { tokens, key } = this.of(name);
      s = { tokens, tokenSet: this.tokenSet(name), key };
      this.shapes.set(name, s);
    }
    return s;
  }
}

/** A likely candidate in the token postings: its name's shape; `seen` marks the incoming name that last met it. */
interface Posting {
  candidate: Candidate;
  shape: Shape;
  seen: number;
}

/**
 * `fn` for `first` and then each of `rest` not met before — the order of `new Set([first, ...rest])`
 * without building it; stops at the first result `fn` returns.
 */
function eachDistinct<T>(first: string, rest: readonly string[], fn: (s: string) => T | undefined): T | undefined {
  const hit = fn(first);
  if (hit !== undefined) return hit;
  for (let i = 0; i < rest.length; i++) {
    const s = rest[i]!;
    if (s === first || rest.indexOf(s) !== i) continue;
    const r = fn(s);
    if (r !== undefined) return r;
  }
  return undefined;
}

class CandidateIndex {
  private readonly byId = new Map<string, Candidate>();
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly byToken = new Map<string, Posting[]>();
  private visit = 0;

  constructor(readonly names: Names) {}

  add(c: Candidate, withTokens: boolean): void {
    this.addId(c.id, c);
    for (const id of c.externalIds) this.addId(id, c);
    for (const id of c.mergedIds) this.addId(id, c);
    eachDistinct(c.name, c.aliases, (n) => {
      const key = this.names.of(n).key;
      const list = this.byKey.get(key);
      if (!list) this.byKey.set(key, [c]);
      else if (!list.includes(c)) list.push(c);
      return undefined;
    });
    if (!withTokens) return;
    const posting: Posting = { candidate: c, shape: this.names.shape(c.name), seen: 0 };
    for (const t of this.names.tokenSet(c.name)) {
      if (GENERIC_TOKENS.has(t) || t.length < 3) continue;
      const list = this.byToken.get(t) ?? [];
      list.push(posting);
      this.byToken.set(t, list);
    }
  }
  private addId(id: string, c: Candidate): void {
    if (!this.byId.has(id)) this.byId.set(id, c);
  }
  id(id: string): Candidate | undefined {
    return this.byId.get(id);
  }
  key(key: string): Candidate[] {
    return this.byKey.get(key) ?? [];
  }
  /** Each candidate sharing one of the tokens (through postings of at most MAX_POSTINGS), once. */
  sharingTokens(tokens: string[]): Posting[] {
    const visit = ++this.visit;
    const out: Posting[] = [];
    for (const t of tokens) {
      const list = this.byToken.get(t);
      if (!list || list.length > MAX_POSTINGS) continue;
      for (const p of list) {
        if (p.seen === visit) continue;
        p.seen = visit;
        out.push(p);
      }
    }
    return out;
  }
}

function certain(inc: Incoming, index: CandidateIndex): { candidate: Candidate; reason: string } | undefined {
  const known = index.id(inc.id);
  if (known) return { candidate: known, reason: "merged into it before (known id)" };
  for (const id of inc.externalIds) {
    const c = index.id(id);
    if (c) return { candidate: c, reason: id === inc.id ? "merged into it before (known id)" : `same external id ${id}` };
  }
  const names = index.names;
  const byName = eachDistinct(inc.name, inc.aliases, (n) => {
    const { key, form } = names.of(n);
    const c = index.key(key).find((x) => {
      if (inc.country && x.country) return inc.country === x.country;
      return (
        !form ||
        [x.name, ...x.aliases].some((a) => {
          const theirs = names.of(a);
          return theirs.key === key && theirs.form === form;
        })
      );
    });
    return c ? { candidate: c, reason: `same name without legal form ("${key}")` } : undefined;
  });
  if (byName) return byName;
  const full = names.of(inc.name).tokens;
  for (const s of inc.shortNames) {
    const c = index.key(names.of(s).key).find((x) => {
      const theirs = names.tokenSet(x.name);
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

/**
 * Dice of two keys' trigrams can reach `LIKELY_SIMILARITY` only when their trigram counts are close:
 * shared ≤ min(a, b), so dice ≤ 2·min(a, b) / (a + b); a key of n characters has n + 1 trigrams.
 * Pairs below that bound are not compared.
 */
function mayBeSimilar(keyA: string, keyB: string): boolean {
  const a = keyA.length + 1;
  const b = keyB.length + 1;
  return (2 * Math.min(a, b)) / (a + b) >= LIKELY_SIMILARITY;
}

/** Likely matches among the postings: nodes the graph held that are not this import's own (see resolveOrganisations). */
function likely(inc: Incoming, index: CandidateIndex): SimilarLink[] {
  const mine = index.names.shape(inc.name);
  const found: SimilarLink[] = [];
  for (const { candidate: c, shape: theirs } of index.sharingTokens(mine.tokens)) {
    if (!compatible(inc.country, c.country)) continue;
    const within = contains(theirs.tokens, mine.tokens, mine.tokenSet) || contains(mine.tokens, theirs.tokens, theirs.tokenSet);
    if (!within && !mayBeSimilar(mine.key, theirs.key)) continue;
    const sim = mine.key === theirs.key ? 1 : diceSorted(gramsOf(mine), gramsOf(theirs));
    if (within) {
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

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Decides, in order, what becomes of each incoming organisation. `ownIds` are the ids this import
 * would create: they are never likely candidates (they may exist from an interrupted run).
 */
export function resolveOrganisations(incoming: Incoming[], existing: Candidate[], ownIds: ReadonlySet<string>): Map<string, Decision> {
  const index = new CandidateIndex(new Names());
  // Only these get token postings: the likely candidates are the graph's nodes that are not this import's own.
  for (const c of existing) index.add(c, !ownIds.has(c.id));
  const out = new Map<string, Decision>();
  for (const inc of incoming) {
    const hit = certain(inc, index);
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
    const similar = likely(inc, index);
    out.set(inc.id, { kind: "new", target: inc.id, similar });
    index.add(
      { id: inc.id, name: inc.name, aliases: inc.aliases, country: inc.country, externalIds: inc.externalIds, mergedIds: [] },
      false,
    );
  }
  return out;
}
