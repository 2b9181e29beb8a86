/**
 * Reads the project's own seed format (sources.json, nodes.json, edges.json — a folder holding them,
 * or its data/ subfolder, or the files themselves) with the seed's own record schemas
 * (validate-seed.ts). Each bad record is an issue with the line where it starts; good ones load.
 */
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { z } from "zod";
import { ValidationError } from "../../server/errors.ts";
import { edgeRecord, nodeRecord, sourceRecord } from "../validate-seed.ts";
import { nodeRow } from "../to-rows.ts";
import type { ImportEdge, ImportNode, Issue, ParsedImport } from "./import-model.ts";
import type { NodeLabel } from "../model.ts";

function locate(paths: string[]): Record<"sources" | "nodes" | "edges", string | undefined> {
  const files: string[] = [];
  for (const p of paths) {
    if (existsSync(p) && statSync(p).isDirectory()) {
      const dir = existsSync(path.join(p, "data", "nodes.json")) ? path.join(p, "data") : p;
      for (const f of ["sources.json", "nodes.json", "edges.json"]) if (existsSync(path.join(dir, f))) files.push(path.join(dir, f));
    } else files.push(p);
  }
  const pick = (word: string): string | undefined => files.find((f) => path.basename(f).includes(word));
  return { sources: pick("sources"), nodes: pick("nodes"), edges: pick("edges") };
}

/**
 * Line where each top-level record starts: found by its `"id": "…"` (good enough for a report).
 * Records come in file order, so the search resumes just past where the previous record was found and counts
 * only the lines in between: linear in the file, not quadratic (a 1M-record file took hours).
 */
function lineFinder(text: string): (id: unknown, index: number) => number {
  let at = 0;
  let line = 1;
  return (id, index) => {
    if (typeof id !== "string") return index + 1;
    const quoted = JSON.stringify(id);
    // The next few `"id":` keys from here; a search for a whole string would scan to the end of the
    // file whenever the spacing differs.
    const key = /"id":\s*/g;
    key.lastIndex = at;
    let found = -1;
    for (let tries = 0, m = key.exec(text); m && tries < 1000; tries++, m = key.exec(text)) {
      if (text.startsWith(quoted, m.index + m[0].length)) {
        found = m.index;
        break;
      }
    }
    if (found < 0) return index + 1;
    for (let i = text.indexOf("\n", at); i >= 0 && i < found; i = text.indexOf("\n", i + 1)) line++;
    // Past this record's key: the next record may have the same id (a reused id is reported at its own line).
    at = found + 1;
    return line;
  };
}

async function readRecords<T>(
  file: string | undefined,
  schema: z.ZodType<T>,
  issues: Issue[],
): Promise<{ record: T; line: number; file: string }[]> {
  if (!file) return [];
  const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new ValidationError(`import: cannot read ${file}: ${e.code ?? e.message}`);
  });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ValidationError(`import: ${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new ValidationError(`import: ${file} must hold a JSON array of records`);
  const name = path.basename(file);
  const out: { record: T; line: number; file: string }[] = [];
  const lineOf = lineFinder(text);
  data.forEach((raw: unknown, index) => {
    const id = raw && typeof raw === "object" ? (raw as { id?: unknown }).id : undefined;
    const line = lineOf(id, index);
    const result = schema.safeParse(raw);
    if (result.success) out.push({ record: result.data, line, file: name });
    else
      for (const issue of result.error.issues)
        issues.push({ file: name, line, column: issue.path.join(".") || "(record)", reason: issue.message });
  });
  return out;
}

export async function readJsonSeed(paths: string[]): Promise<ParsedImport> {
  const where = locate(paths);
  if (!where.nodes)
    throw new ValidationError(
      `import: no nodes.json among ${paths.join(", ")}; the json format needs nodes.json (and edges.json, sources.json)`,
    );
  const issues: Issue[] = [];
  const sources = await readRecords(where.sources, sourceRecord, issues);
  const nodes = await readRecords(where.nodes, nodeRecord, issues);
  const edges = await readRecords(where.edges, edgeRecord, issues);
  const sourceIds = new Set(sources.map((s) => s.record.id));
  const out: ImportNode[] = [];
  for (const { record, line, file } of [...sources, ...nodes]) {
    const unknown =
      "sources" in record && Array.isArray(record.sources) ? (record.sources as string[]).filter((s) => !sourceIds.has(s)) : [];
    if (unknown.length) {
      issues.push({
        file,
        line,
        column: "sources",
        reason: `unknown source "${unknown[0]}" (not in ${where.sources ? path.basename(where.sources) : "a sources file"})`,
      });
      continue;
    }
    const row = nodeRow(record);
    const {
      aliases,
      searchKeys: _k,
      sources: own,
      ...props
    } = row.props as Record<string, unknown> & { aliases: string[]; sources?: string[] };
    out.push({
      id: record.id,
      label: record.label as NodeLabel,
      name: record.name,
      aliases,
      shortNames: [],
      props,
      externalIds: [],
      sources: own ?? [],
      ref: `${file} line ${line}`,
    });
  }
  const outEdges: ImportEdge[] = [];
  for (const { record, line, file } of edges) {
    const unknown = record.sources.find((c) => !sourceIds.has(c.source));
    if (unknown) {
      issues.push({ file, line, column: "sources", reason: `unknown source "${unknown.source}"` });
      continue;
    }
    const { id, type, from, to, sources: cites, ...props } = record;
    outEdges.push({
      id,
      type,
      from,
      to,
      props,
      cites: cites.map((c) => ({ source: c.source, evidence: c.evidence })),
      ref: `${file} line ${line}`,
    });
  }
  const files = [where.sources, where.nodes, where.edges].filter((f): f is string => !!f);
  return {
    format: "json",
    layout: "seed",
    slug: "json",
    title: `Seed-format import (${files.map((f) => path.basename(f)).join(", ")})`,
    files,
    nodes: out,
    edges: outEdges,
    issues,
    rowsRead: sources.length + nodes.length + edges.length + new Set(issues.map((i) => `${i.file}:${i.line}`)).size,
    rowsGood: out.length + outEdges.length,
  };
}
