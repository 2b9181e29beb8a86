/**
 * The generic csv format: a nodes file and an edges file described by a mapping (read-mapping.ts),
 * so a ministry's grant list or a cluster's member list loads without code. Rows are checked like
 * seed records: known labels and types, ids, amounts with currency, partial dates, funding statuses.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { FUNDING_STATUSES, NODE_LABELS, ORGANISATION_KINDS, RELATIONSHIP_TYPES, type NodeLabel } from "../model.ts";
import { ValidationError } from "../../server/errors.ts";
import type { ImportEdge, ImportNode, Issue, ParsedImport } from "./import-model.ts";
import { defined } from "./import-model.ts";
import { columnsOf, readMapping, valueOf, type CsvMapping } from "./read-mapping.ts";
import { parseAmount, parseDate, slug } from "./parse-values.ts";
import { missingColumns, readTable } from "./read-table.ts";
import { RowCheck } from "./cordis-shared.ts";

const ID = /^[a-z]+:[a-z0-9][a-z0-9._-]*$/;
const delimiterOf = (file: string, given?: string): string => given ?? (file.endsWith(".tsv") ? "\t" : file.endsWith(".csv") ? "," : ";");

function toId(raw: string, prefix: string | undefined): string {
  return prefix ? `${prefix}${slug(raw)}` : raw;
}

export async function readCsvMapping(paths: string[]): Promise<ParsedImport> {
  const [mappingFile, nodesArg, edgesArg] = paths;
  const mapping: CsvMapping = await readMapping(mappingFile!);
  const dir = path.dirname(mappingFile!);
  const files: string[] = [];
  const issues: Issue[] = [];
  const nodes: ImportNode[] = [];
  const edges: ImportEdge[] = [];
  let read = 0;
  let good = 0;

  if (mapping.nodes) {
    const m = mapping.nodes;
    const file = nodesArg ?? path.resolve(dir, m.file);
    files.push(file);
    const table = await readTable(file, delimiterOf(file, m.delimiter));
    const missing = missingColumns(table, columnsOf([m.id, m.name, m.label, m.kind, m.aliases, m.country, m.city, m.url, m.description]));
    if (missing.length)
      throw new ValidationError(
        `import: ${table.file} lacks the mapped column(s) ${missing.join(", ")} (see ${path.basename(mappingFile!)})`,
      );
    issues.push(...table.issues);
    read += table.rows.length + table.issues.length;
    const seen = new Set<string>();
    for (const { line, values } of table.rows) {
      const c = new RowCheck(table.file, line);
      const rawId = c.require("id", valueOf(m.id, values), "an id");
      const id = rawId ? toId(rawId, m.idPrefix) : "";
      if (id && !ID.test(id))
        c.fail(
          "id",
          `"${id}" is not an id such as "org:aurubis" (prefix, colon, lowercase slug); set idPrefix in the mapping to derive one`,
        );
      if (seen.has(id)) c.fail("id", `"${id}" appears twice`);
      const name = c.require("name", valueOf(m.name, values), "a name");
      const label = valueOf(m.label, values);
      if (!(NODE_LABELS as readonly string[]).includes(label) || label === "Source")
        c.fail("label", `"${label}" is not a label (${NODE_LABELS.filter((l) => l !== "Source").join(", ")})`);
      const kind = valueOf(m.kind, values) || undefined;
      if (label === "Organisation" && kind && !(ORGANISATION_KINDS as readonly string[]).includes(kind))
        c.fail("kind", `unknown organisation kind "${kind}"; expected one of ${ORGANISATION_KINDS.join(", ")}`);
      const country = valueOf(m.country, values) || undefined;
      if (country && !/^[A-Z]{2}$/.test(country)) c.fail("country", `"${country}" is not a two-letter country code`);
      if (!c.ok) {
        issues.push(...c.problems);
        continue;
      }
      seen.add(id);
      good++;
      const aliases = valueOf(m.aliases, values)
        .split(m.aliasSeparator)
        .map((a) => a.trim())
        .filter(Boolean);
      nodes.push({
        id,
        label: label as NodeLabel,
        name,
        aliases: [...new Set([name, ...aliases])],
        shortNames: [],
        props: defined({
          name,
          kind,
          country,
          city: valueOf(m.city, values),
          url: valueOf(m.url, values),
          description: valueOf(m.description, values),
        }),
        externalIds: [],
        sources: [],
        ref: `${table.file} line ${line}`,
      });
    }
  }

  if (mapping.edges) {
    const m = mapping.edges;
    const file = edgesArg ?? path.resolve(dir, m.file);
    files.push(file);
    const table = await readTable(file, delimiterOf(file, m.delimiter));
    const missing = missingColumns(
      table,
      columnsOf([m.id, m.type, m.from, m.to, m.amount, m.currency, m.date, m.endDate, m.role, m.status, m.purpose, m.evidence]),
    );
    if (missing.length)
      throw new ValidationError(
        `import: ${table.file} lacks the mapped column(s) ${missing.join(", ")} (see ${path.basename(mappingFile!)})`,
      );
    issues.push(...table.issues);
    read += table.rows.length + table.issues.length;
    for (const { line, values } of table.rows) {
      const c = new RowCheck(table.file, line);
      const type = valueOf(m.type, values);
      if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type) || type === "SIMILAR_TO")
        c.fail("type", `"${type}" is not a relationship type (${RELATIONSHIP_TYPES.filter((t) => t !== "SIMILAR_TO").join(", ")})`);
      const fromRaw = c.require("from", valueOf(m.from, values), "the id of the relationship's start");
      const toRaw = c.require("to", valueOf(m.to, values), "the id of the relationship's end");
      const from = fromRaw ? toId(fromRaw, m.fromPrefix) : "";
      const to = toRaw ? toId(toRaw, m.toPrefix) : "";
      const amount = c.take("amount", parseAmount(valueOf(m.amount, values)));
      const currency = valueOf(m.currency, values) || undefined;
      if (currency && !/^[A-Z]{3}$/.test(currency)) c.fail("currency", `"${currency}" is not an ISO 4217 currency code such as EUR`);
      if (amount !== undefined && !currency) c.fail("currency", "an amount needs its currency");
      const startDate = c.take("date", parseDate(valueOf(m.date, values)));
      const endDate = c.take("endDate", parseDate(valueOf(m.endDate, values)));
      if (startDate && endDate && endDate < startDate) c.fail("endDate", `ends (${endDate}) before it starts (${startDate})`);
      const status = valueOf(m.status, values) || undefined;
      if (status && !(FUNDING_STATUSES as readonly string[]).includes(status))
        c.fail("status", `"${status}" is not a funding status (${FUNDING_STATUSES.join(", ")})`);
      if (type === "FUNDS" && !status) c.fail("status", `FUNDS needs a status (${FUNDING_STATUSES.join(", ")})`);
      const role = valueOf(m.role, values) || undefined;
      const explicitId = valueOf(m.id, values);
      if (explicitId && !/^e:[a-z0-9][a-z0-9._:-]*$/.test(explicitId))
        c.fail("id", `"${explicitId}" is not an edge id such as "e:mwide-funds-spin"`);
      if (!c.ok) {
        issues.push(...c.problems);
        continue;
      }
      good++;
      // Without an id column the id is derived from what the row says, so re-importing finds the same edge.
      const id =
        explicitId ||
        `e:csv-${createHash("sha256")
          .update([type, from, to, role ?? "", startDate ?? ""].join("|"))
          .digest("hex")
          .slice(0, 16)}`;
      const evidence = valueOf(m.evidence, values);
      edges.push({
        id,
        type,
        from,
        to,
        props: defined({
          role,
          amount,
          currency,
          amountEur: currency === "EUR" ? amount : undefined,
          startDate,
          endDate,
          status,
          purpose: valueOf(m.purpose, values),
        }),
        cites: [],
        ref: evidence ? `${table.file} line ${line}: ${evidence}` : `${table.file} line ${line}`,
      });
    }
  }

  const base = path.basename(mappingFile!).replace(/\.(ya?ml|json)$/, "");
  return {
    format: "csv",
    layout: "mapping",
    slug: `csv-${slug(base)}`,
    title: mapping.name ?? `CSV import (${files.map((f) => path.basename(f)).join(", ")})`,
    ...(mapping.publisher ? { publisher: mapping.publisher } : {}),
    files: [mappingFile!, ...files],
    nodes,
    edges,
    issues,
    rowsRead: read,
    rowsGood: good,
  };
}
