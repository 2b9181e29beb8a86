/**
 * What the three CORDIS layouts share: the European Commission as funder, node and edge ids that
 * agree across layouts (projects by rcn, organisations by CORDIS id), activity types → kinds.
 */
import type { ImportEdge, ImportNode, Issue } from "./import-model.ts";
import { defined } from "./import-model.ts";
import type { Parsed } from "./parse-values.ts";

export const EC_ID = "ministry:european-commission";

export function europeanCommission(ref: string): ImportNode {
  return {
    id: EC_ID,
    label: "Ministry",
    name: "European Commission",
    aliases: ["European Commission", "Europäische Kommission"],
    shortNames: ["EC"],
    props: { name: "European Commission", kind: "European institution", country: "EU", url: "https://commission.europa.eu" },
    externalIds: [],
    sources: [],
    ref,
  };
}

export const projectId = (rcn: string): string => `project:cordis-${rcn.trim()}`;
export const orgId = (cordisId: string): string => `org:cordis-${cordisId.trim().toLowerCase()}`;
export const participationId = (rcn: string, cordisOrgId: string): string => `e:cordis-${rcn.trim()}-${cordisOrgId.trim().toLowerCase()}`;
export const fundingId = (rcn: string): string => `e:cordis-funds-${rcn.trim()}`;

/**
 * An organisation as all three layouts give it: found by its CORDIS id, named, its short name an
 * alias when it differs; `props` are the layout's own columns (undefined, null and empty ones are left out).
 */
export function cordisOrganisation(o: {
  cordisId: string;
  name: string;
  shortName: string;
  props: Record<string, unknown>;
  ref: string;
}): ImportNode {
  const { cordisId, name, shortName } = o;
  return {
    id: orgId(cordisId),
    label: "Organisation",
    name,
    aliases: [name],
    shortNames: shortName && shortName !== name ? [shortName] : [],
    props: defined({ name, ...o.props, shortName, cordisId }),
    externalIds: [`cordis:${cordisId}`],
    sources: [],
    ref: o.ref,
  };
}

/** CORDIS activity types (cordisref-organizationActivityType.csv) → organisation kinds. */
export const ACTIVITY_KINDS: Record<string, string> = {
  PRC: "company",
  HES: "university",
  REC: "research institute",
  PUB: "public agency",
  OTH: "association",
};

export function fundsEdge(
  rcn: string,
  p: { amount?: number | undefined; startDate?: string | undefined; endDate?: string | undefined; programme?: string | undefined },
  ref: string,
): ImportEdge {
  return {
    id: fundingId(rcn),
    type: "FUNDS",
    from: EC_ID,
    to: projectId(rcn),
    props: defined({
      amount: p.amount,
      currency: "EUR",
      amountEur: p.amount,
      status: "committed",
      startDate: p.startDate,
      endDate: p.endDate,
      purpose: p.programme,
      programme: p.programme,
    }),
    cites: [],
    ref,
  };
}

/** Collects the parsed value of a field, or an issue naming file, line and column. */
export class RowCheck {
  readonly problems: Issue[] = [];
  constructor(
    private readonly file: string,
    private readonly line: number,
  ) {}
  take<T>(column: string, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    this.problems.push({ file: this.file, line: this.line, column, reason: parsed.reason });
    return undefined;
  }
  require(column: string, value: string | undefined, what = "a value"): string {
    const v = (value ?? "").trim();
    if (!v) this.problems.push({ file: this.file, line: this.line, column, reason: `is empty; expected ${what}` });
    return v;
  }
  fail(column: string | undefined, reason: string): void {
    this.problems.push({ file: this.file, line: this.line, ...(column ? { column } : {}), reason });
  }
  get ok(): boolean {
    return this.problems.length === 0;
  }
}
