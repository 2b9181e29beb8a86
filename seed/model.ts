/**
 * The seed record model: the labels, relationship types and record shapes that seed files,
 * the importer and the loader share. Validation lives in validate-seed.ts.
 */
export const NODE_LABELS = ["Organisation", "Person", "Cluster", "Ministry", "Project", "Topic", "Place", "Source"] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const RELATIONSHIP_TYPES = [
  "MEMBER_OF",
  "BOARD_MEMBER_OF",
  "HOLDS_POSITION",
  "FUNDS",
  "SUPPORTS",
  "PARTICIPATES_IN",
  "PART_OF",
  "LOCATED_IN",
  "FOCUSES_ON",
  "AFFILIATED_WITH",
  /** A likely duplicate awaiting review (importer → `npm run review`). */
  "SIMILAR_TO",
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

export const ORGANISATION_KINDS = [
  "company",
  "research institute",
  "university",
  "public agency",
  "economic development agency",
  "association",
  "chamber",
  "union",
  "utility",
  "bank",
  "municipality",
  "political group",
  "cluster management",
  "network",
] as const;

export const FUNDING_STATUSES = ["committed", "announced", "intended", "proposed", "completed"] as const;

/** A partial ISO date: "2019", "2019-06" or "2019-06-24" — never padded to invent precision. */
export const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
