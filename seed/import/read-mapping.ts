/**
 * The mapping file of the generic csv format (YAML or JSON): which column holds the id, name, label,
 * relationship type, endpoints, amount, currency, dates, role and status. A field is a column name, or
 * `{ value: … }` for a constant ("every row is an Organisation"). Validated with zod; errors name the field.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { ValidationError } from "../../server/errors.ts";

const field = z.union([z.string().min(1), z.object({ value: z.string() }).strict()]);
export type Field = z.infer<typeof field>;

const nodesMapping = z
  .object({
    file: z.string().min(1),
    delimiter: z.string().length(1).optional(),
    id: field,
    /** Prepended to the id column's value, which is then slugged: idPrefix "org:" + "Stadtwerke Lünen" → "org:stadtwerke-lunen". */
    idPrefix: z
      .string()
      .regex(/^[a-z]+:$/)
      .optional(),
    name: field,
    label: field,
    kind: field.optional(),
    aliases: field.optional(),
    aliasSeparator: z.string().min(1).default("|"),
    country: field.optional(),
    city: field.optional(),
    url: field.optional(),
    description: field.optional(),
  })
  .strict();

const edgesMapping = z
  .object({
    file: z.string().min(1),
    delimiter: z.string().length(1).optional(),
    id: field.optional(),
    type: field,
    from: field,
    to: field,
    fromPrefix: z
      .string()
      .regex(/^[a-z]+:$/)
      .optional(),
    toPrefix: z
      .string()
      .regex(/^[a-z]+:$/)
      .optional(),
    amount: field.optional(),
    currency: field.optional(),
    date: field.optional(),
    endDate: field.optional(),
    role: field.optional(),
    status: field.optional(),
    purpose: field.optional(),
    evidence: field.optional(),
  })
  .strict();

export const csvMapping = z
  .object({
    name: z.string().min(1).optional(),
    publisher: z.string().min(1).optional(),
    nodes: nodesMapping.optional(),
    edges: edgesMapping.optional(),
  })
  .strict()
  .refine((m) => m.nodes || m.edges, "map at least one of `nodes` and `edges`");

export type CsvMapping = z.infer<typeof csvMapping>;

export async function readMapping(file: string): Promise<CsvMapping> {
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new ValidationError(`import: cannot read the mapping ${file}: ${e.code ?? e.message}`);
  });
  let data: unknown;
  try {
    data = file.endsWith(".json") ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ValidationError(
      `import: the mapping ${file} is not valid ${file.endsWith(".json") ? "JSON" : "YAML"}: ${(e as Error).message}`,
    );
  }
  const result = csvMapping.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `field "${i.path.join(".") || "(mapping)"}": ${i.message}`);
    throw new ValidationError(`import: invalid mapping ${path.basename(file)}:\n  ${problems.join("\n  ")}`);
  }
  return result.data;
}

/** A field's value in a row: the column's (trimmed) text or the constant. */
export function valueOf(f: Field | undefined, row: Record<string, string>): string {
  if (f === undefined) return "";
  return (typeof f === "string" ? (row[f] ?? "") : f.value).replace(/\s+/g, " ").trim();
}

export const columnsOf = (fields: (Field | undefined)[]): string[] => fields.filter((f): f is string => typeof f === "string");
