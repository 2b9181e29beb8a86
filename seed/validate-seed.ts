/**
 * Validates seed records before anything is written: shapes (zod), unique ids, edges that point at
 * known nodes, and evidence quotes that really stand in the cited source text.
 * Every problem is reported with file, record and field; a caller writes nothing unless `errors` is empty.
 */
import { z } from "zod";
import { FUNDING_STATUSES, NODE_LABELS, ORGANISATION_KINDS, PARTIAL_DATE, RELATIONSHIP_TYPES } from "./model.ts";

const partialDate = z.string().regex(PARTIAL_DATE, 'a partial ISO date such as "2019", "2019-06" or "2019-06-24"');
const text = z.string().trim().min(1, "must not be empty");
const id = z.string().regex(/^[a-z]+:[a-z0-9][a-z0-9._-]*$/, 'an id such as "org:aurubis" (prefix, colon, lowercase slug)');
const sourceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, "a source id");
const money = z.number().finite().nonnegative();
const count = z.number().int().nonnegative();

export const nodeRecord = z
  .object({
    id,
    label: z.enum(NODE_LABELS.filter((l) => l !== "Source") as [string, ...string[]]),
    name: text,
    aliases: z.array(text).default([]),
    kind: text.optional(),
    description: text.optional(),
    url: text.optional(),
    award: text.optional(),
    foundedDate: partialDate.optional(),
    memberCount: count.optional(),
    memberCountQualifier: z.enum(["more than", "about", "exactly", "at least"]).optional(),
    projectCount: count.optional(),
    projectCountQualifier: z.enum(["more than", "about", "exactly", "at least"]).optional(),
    projectVolume: money.optional(),
    projectVolumeCurrency: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 4217 currency code")
      .optional(),
    target: text.optional(),
    sources: z.array(sourceId).min(1, "name at least one source"),
  })
  .strict()
  .superRefine((node, ctx) => {
    if (node.label === "Organisation" && !node.kind) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: `an Organisation needs a kind (${ORGANISATION_KINDS.join(", ")})` });
    }
    if (node.label === "Organisation" && node.kind && !(ORGANISATION_KINDS as readonly string[]).includes(node.kind)) {
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message: `unknown organisation kind "${node.kind}"; expected one of ${ORGANISATION_KINDS.join(", ")}`,
      });
    }
  });

export const sourceRecord = z
  .object({
    id: sourceId,
    label: z.literal("Source"),
    name: text,
    aliases: z.array(text).default([]),
    file: text.optional(),
    title: text.optional(),
    publisher: text.optional(),
    date: partialDate.optional(),
    language: z
      .string()
      .regex(/^[a-z]{2}$/, "a two-letter language code")
      .optional(),
    url: text.optional(),
    format: text.optional(),
    checksum: text.optional(),
    recordCount: count.optional(),
  })
  .strict();

const citation = z.object({ source: sourceId, evidence: text }).strict();

export const edgeRecord = z
  .object({
    id: z.string().regex(/^e:[a-z0-9][a-z0-9._:-]*$/, 'an edge id such as "e:aurubis-member-of-smart-value"'),
    type: z.enum(RELATIONSHIP_TYPES),
    from: id,
    to: id,
    role: text.optional(),
    startDate: partialDate.optional(),
    endDate: partialDate.optional(),
    amount: money.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "an ISO 4217 currency code such as EUR")
      .optional(),
    amountEur: money.optional(),
    status: z.enum(FUNDING_STATUSES).optional(),
    period: text.optional(),
    purpose: text.optional(),
    description: text.optional(),
    sources: z.array(citation).min(1, "name at least one source with its evidence"),
  })
  .strict()
  .superRefine((edge, ctx) => {
    if (edge.amount !== undefined && !edge.currency) {
      ctx.addIssue({ code: "custom", path: ["currency"], message: "an amount needs its currency" });
    }
    if (edge.startDate && edge.endDate && edge.endDate < edge.startDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: `ends (${edge.endDate}) before it starts (${edge.startDate})` });
    }
    if (edge.type === "FUNDS" && !edge.status) {
      ctx.addIssue({ code: "custom", path: ["status"], message: `FUNDS needs a status (${FUNDING_STATUSES.join(", ")})` });
    }
  });

export type NodeRecord = z.infer<typeof nodeRecord>;
export type SourceRecord = z.infer<typeof sourceRecord>;
export type EdgeRecord = z.infer<typeof edgeRecord>;

export interface SeedFiles {
  /** File name → parsed JSON, as read; used in messages. */
  sources: { file: string; data: unknown };
  nodes: { file: string; data: unknown };
  edges: { file: string; data: unknown };
  /** Source id → full text, for the evidence check; sources without text skip it. */
  texts: ReadonlyMap<string, string>;
}

export interface SeedGraph {
  sources: SourceRecord[];
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

export interface SeedValidation {
  graph: SeedGraph;
  errors: string[];
}

const collapse = (s: string): string => s.replace(/\s+/g, " ").trim();

function parseAll<T>(schema: z.ZodType<T>, file: string, data: unknown, errors: string[]): T[] {
  if (!Array.isArray(data)) {
    errors.push(`seed: ${file} must hold a JSON array of records`);
    return [];
  }
  const out: T[] = [];
  data.forEach((raw, index) => {
    const rawId = raw && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
    const rid = typeof rawId === "string" && rawId ? `"${rawId}"` : `#${index}`;
    const result = schema.safeParse(raw);
    if (result.success) {
      out.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const field = issue.path.length ? issue.path.join(".") : "(record)";
      errors.push(`seed: record ${rid} in ${file}, field "${field}": ${issue.message}`);
    }
  });
  return out;
}

/** Validates all three files together; returns the typed graph and every error found. */
export function validateSeed(files: SeedFiles): SeedValidation {
  const errors: string[] = [];
  const sources = parseAll(sourceRecord, files.sources.file, files.sources.data, errors);
  const nodes = parseAll(nodeRecord, files.nodes.file, files.nodes.data, errors);
  const edges = parseAll(edgeRecord, files.edges.file, files.edges.data, errors);

  const sourceIds = new Set<string>();
  for (const s of sources) {
    if (sourceIds.has(s.id)) errors.push(`seed: source "${s.id}" in ${files.sources.file} is defined twice`);
    sourceIds.add(s.id);
  }
  const nodeIds = new Set<string>();
  for (const n of nodes) {
    if (nodeIds.has(n.id)) errors.push(`seed: node "${n.id}" in ${files.nodes.file} is defined twice`);
    nodeIds.add(n.id);
    n.sources.forEach((s, i) => {
      if (!sourceIds.has(s)) errors.push(`seed: node "${n.id}" in ${files.nodes.file}, field "sources.${i}": unknown source "${s}"`);
    });
  }
  const edgeIds = new Set<string>();
  for (const e of edges) {
    const where = `edge "${e.id}" (${e.type}) in ${files.edges.file}`;
    if (edgeIds.has(e.id)) errors.push(`seed: ${where} is defined twice`);
    edgeIds.add(e.id);
    if (!nodeIds.has(e.from)) errors.push(`seed: ${where}, field "from": points at unknown node "${e.from}"`);
    if (!nodeIds.has(e.to)) errors.push(`seed: ${where}, field "to": points at unknown node "${e.to}"`);
    e.sources.forEach((c, i) => {
      if (!sourceIds.has(c.source)) {
        errors.push(`seed: ${where}, field "sources.${i}.source": unknown source "${c.source}"`);
        return;
      }
      const body = files.texts.get(c.source);
      if (body !== undefined && !collapse(body).includes(collapse(c.evidence))) {
        errors.push(
          `seed: ${where}, field "sources.${i}.evidence": the quote is not in source "${c.source}": "${c.evidence.slice(0, 80)}"`,
        );
      }
    });
  }
  return { graph: { sources, nodes, edges }, errors };
}
