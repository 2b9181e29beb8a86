/**
 * Facts about a node type's labels that Neo4j's schema cannot state ("every Organisation is an
 * Entity", "every Organisation has a degree"), each read with one statement and kept for one version
 * of the graph (the last transaction committed, by anyone: Database.readWithVersion), so that a fast
 * read pays for the check once per write instead of once per request. Used by ranked-reads.ts and
 * counted-reads.ts.
 */
import { versionOf } from "../db/database.ts";
import type { ReadStatement, ReadTarget } from "./fast-read.ts";

/** Facts about a type's labels (fact()), by type and name, with the version of the graph each was read at. */
const facts = new WeakMap<ReadTarget, Map<string, { version: string; holds: Promise<boolean> }>>();

/**
 * Whether `cypher` (one row, `holds`) is true at `version` of the graph (the last transaction committed,
 * by anyone: Database.readWithVersion): read once per version and kept per type, through `read`. A
 * check that saw another version (a write committed since the read that gave `version`) is neither
 * trusted nor kept; a failed one is not kept either.
 */
export function fact(target: ReadTarget, name: string, version: string, read: ReadStatement, cypher: string): Promise<boolean> {
  let kept = facts.get(target);
  if (!kept) facts.set(target, (kept = new Map()));
  const hit = kept.get(name);
  if (hit?.version === version) return hit.holds;
  const check = read(cypher, {});
  const entry = {
    version,
    holds: check.then(
      (r) => versionOf(r) === version && r.records[0]?.get("holds") === true,
      () => false,
    ),
  };
  kept.set(name, entry);
  const forget = () => {
    if (kept.get(name) === entry) kept.delete(name);
  };
  void check.then((r) => versionOf(r) === version || forget(), forget);
  return entry.holds;
}
