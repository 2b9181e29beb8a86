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
import { contains, dice, GENERIC_TOKENS, legalForm, nameKey, nameTokens, trigrams } from "./org-name.ts";

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

/** A name's tokens without legal forms, their key and its trigrams: what likely() compares. */
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

class CandidateIndex {
  private readonly byId = new Map<string, Candidate>();
  private readonly byKey = new Map<string, Candidate[]>();
  private readonly byToken = new Map<string, Candidate[]>();
  /** Each likely candidate's name shape, made once: an import compares thousands of names with the same candidates. */
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

function certain(inc: Incoming, index: CandidateIndex): { candidate: Candidate; reason: string } | undefined {
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

function likely(inc: Incoming, index: CandidateIndex, exclude: ReadonlySet<string>): SimilarLink[] {
  const mine = shapeOf(inc.name);
  const found: SimilarLink[] = [];
  for (const c of index.sharingTokens(mine.tokens)) {
    if (exclude.has(c.id) || !compatible(inc.country, c.country)) continue;
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

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Decides, in order, what becomes of each incoming organisation. `ownIds` are the ids this import
 * would create: they are never likely candidates (they may exist from an interrupted run).
 */
export function resolveOrganisations(incoming: Incoming[], existing: Candidate[], ownIds: ReadonlySet<string>): Map<string, Decision> {
  const index = new CandidateIndex();
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
    const similar = likely(inc, index, ownIds);
    out.set(inc.id, { kind: "new", target: inc.id, similar });
    index.add(
      { id: inc.id, name: inc.name, aliases: inc.aliases, country: inc.country, externalIds: inc.externalIds, mergedIds: [] },
      false,
    );
  }
  return out;
}
