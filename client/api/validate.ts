/**
 * Response validation: the page trusts no response blindly. These zod schemas are the page's
 * view of the API's shapes (api/types.ts derives its types from them); a mismatch becomes an
 * ApiError naming the operation and the first wrong path.
 */
import { z } from "zod";
import { ApiError } from "./api-error.ts";
import { NODE_LABELS as ENTITY_TYPES, RELATIONSHIP_TYPES } from "../../seed/model.ts";

const nullStr = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const props = z
  .record(z.string(), z.unknown())
  .nullable()
  .optional()
  .transform((v) => v ?? {});

export const graphNode = z.object({
  id: z.string(),
  type: z.enum(ENTITY_TYPES),
  name: z.string(),
  kind: nullStr,
  aliases: z
    .array(z.string())
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  properties: props,
});

export const citation = z.object({
  sourceId: z.string(),
  title: nullStr,
  publisher: nullStr,
  date: nullStr,
  evidence: z.string(),
});

export const graphEdge = z.object({
  id: z.string(),
  type: z.enum(RELATIONSHIP_TYPES),
  source: z.string(),
  target: z.string(),
  role: nullStr,
  startDate: nullStr,
  endDate: nullStr,
  amount: z
    .number()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  currency: nullStr,
  amountEur: z
    .number()
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  status: nullStr,
  period: nullStr,
  purpose: nullStr,
  citations: z
    .array(citation)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  properties: props,
});

export const subgraph = z.object({
  nodes: z.array(graphNode),
  edges: z.array(graphEdge),
  truncated: z.boolean(),
  omittedNodes: z.number(),
});

export const searchHit = z.object({ node: graphNode, score: z.number(), matched: z.string() });
export const searchHits = z.array(searchHit);

export const path = z.object({ length: z.number(), nodes: z.array(graphNode), edges: z.array(graphEdge) });
export const paths = z.array(path);

export const fundingFlow = z.object({
  edge: graphEdge,
  funder: graphNode,
  recipient: graphNode,
  via: z.array(graphNode),
  level: z.number(),
  amount: z.number().nullable(),
  currency: z.string().nullable(),
  amountKnown: z.boolean(),
  status: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

export const recipientTotal = z.object({
  recipient: graphNode,
  currency: z.string().nullable(),
  amount: z.number().nullable(),
  flows: z.number(),
  unknownAmounts: z.number(),
});

export const fundingFlows = z.object({
  root: graphNode,
  direction: z.enum(["FROM_FUNDER", "TO_RECIPIENT"]),
  funders: z.array(graphNode),
  flows: z.array(fundingFlow),
  totals: z.array(z.object({ currency: z.string(), status: z.string(), amount: z.number(), count: z.number() })),
  unknownAmounts: z.number(),
  recipients: z.array(recipientTotal),
  subgraph,
});

/**
 * fundingFlows as the page asks for it: each flow's edge and nodes by reference, not in full. They are
 * in the answer's subgraph (the funders and the root too), which the page needs anyway; asked in full
 * in every flow, the Land's flows at 10k made a 3.6 MB answer, 2.2 MB of it repeats (api/join-flows.ts).
 */
const byId = z.object({ id: z.string() });
export const fundingFlowsByReference = fundingFlows.extend({
  flows: z.array(
    fundingFlow.extend({
      edge: z.object({ id: z.string(), source: z.string(), target: z.string() }),
      funder: byId,
      recipient: byId,
      via: z.array(byId),
    }),
  ),
});

export const stats = z.object({
  nodes: z.number(),
  relationships: z.number(),
  labels: z.array(z.object({ label: z.string(), count: z.number() })),
  relationshipTypes: z.array(z.object({ label: z.string(), count: z.number() })),
  mostConnected: z.array(z.object({ node: graphNode, degree: z.number() })),
});

/** Parses `value` with `schema` or throws an ApiError naming the operation and the path. */
export function validate<S extends z.ZodType>(operation: string, schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join(".") || "(root)" : "(root)";
  throw new ApiError("BAD_RESPONSE", `api: ${operation}: unexpected response at ${where}: ${issue?.message ?? "invalid"}`);
}
