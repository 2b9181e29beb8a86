/**
 * One import run: read and validate the files, plan against the graph (resolution, endpoints),
 * refuse under --strict when any row is bad, then write in batches — or, with --dry-run, only report.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "../../server/db/database.ts";
import { ValidationError } from "../../server/errors.ts";
import { formatIssue, type Issue, type ParsedImport } from "./import-model.ts";
import { planImport, type ImportPlan } from "./plan-import.ts";
import { Progress, type ProgressStream } from "./progress.ts";
import { writePlan, writeSource } from "./write-import.ts";
import { lastRelationshipWrite } from "./write-edges.ts";

export interface ImportOptions {
  dryRun?: boolean;
  strict?: boolean;
  sourceName?: string | undefined;
  batchSize?: number;
  pauseMs?: number;
  /**
   * Awaited after planning, before anything is written. Tests use it to hold two imports between
   * plan and write, so that both plan against the same graph (test/integration/import-concurrent.test.ts).
   */
  beforeWrite?: (() => Promise<void>) | undefined;
  /** Where the progress bar goes (stderr in the CLI); none = silent. */
  progress?: ProgressStream | undefined;
}

export interface ImportSummary {
  sourceId: string;
  format: string;
  layout: string;
  files: string[];
  dryRun: boolean;
  rowsRead: number;
  rowsLoaded: number;
  rowsSkipped: number;
  issues: Issue[];
  nodesCreated: number;
  nodesMerged: number;
  nodesPresent: number;
  edgesCreated: number;
  edgesPresent: number;
  flagged: number;
  merges: ImportPlan["merges"];
  flags: ImportPlan["flags"];
  seconds: number;
  rowsPerSecond: number;
}

export async function checksum(files: string[]): Promise<string> {
  const hash = createHash("sha256");
  for (const f of [...files].sort()) {
    hash.update(path.basename(f));
    hash.update(await readFile(f));
  }
  return hash.digest("hex");
}

/** Bad rows counted once per file and line, however many of their columns are wrong. */
const badRows = (issues: Issue[]): number => new Set(issues.map((i) => `${i.file}:${i.line}`)).size;

export async function runImport(db: Database, parsed: ParsedImport, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = Date.now();
  const sum = await checksum(parsed.files);
  const sourceId = `import:${parsed.slug}-${sum.slice(0, 12)}`;
  const progress = new Progress(options.progress);
  const n = (x: number): string => x.toLocaleString("en");
  const planning = Date.now();
  progress.note(
    `planning ${n(parsed.nodes.length)} nodes and ${n(parsed.edges.length)} relationships against the graph (entity resolution, id checks)`,
  );
  // Read before the plan looks relationship ids up: when writing, a different answer means another
  // import wrote relationships meanwhile. The plan's other reads need not wait for it.
  const lastWriteRead = options.dryRun ? undefined : lastRelationshipWrite(db);
  lastWriteRead?.catch(() => undefined); // awaited below; the plan waits for it too
  const plan = await planImport(db, parsed, sourceId, { edgeIdsAfter: lastWriteRead });
  const lastWrite = await lastWriteRead;
  const issues = [...parsed.issues, ...plan.issues];
  const c = plan.counts;
  progress.note(
    `planned in ${((Date.now() - planning) / 1000).toFixed(1)} s: ${n(c.nodesCreated)} nodes to create, ${n(c.nodesMerged)} to merge, ` +
      `${n(c.nodesPresent)} present; ${n(c.edgesCreated)} relationships to create, ${n(c.edgesPresent)} present; ` +
      `${n(c.flagged)} likely duplicates to flag; ${n(badRows(issues))} bad rows`,
  );
  if (options.strict && issues.length) {
    const shown = issues.slice(0, 50).map(formatIssue).join("\n  ");
    const more = issues.length > 50 ? `\n  … and ${issues.length - 50} more` : "";
    throw new ValidationError(
      `import: --strict: ${badRows(issues)} bad row(s) in ${parsed.files.map((f) => path.basename(f)).join(", ")}; nothing was written:\n  ${shown}${more}`,
    );
  }
  let skipped = badRows(issues);
  let counts = plan.counts;
  if (!options.dryRun) {
    await options.beforeWrite?.();
    const props = {
      name: options.sourceName ?? parsed.title,
      title: options.sourceName ?? parsed.title,
      ...(parsed.publisher ? { publisher: parsed.publisher } : {}),
      file: parsed.files.map((f) => path.basename(f)).join(", "),
      files: parsed.files.map((f) => path.basename(f)),
      format: parsed.format,
      layout: parsed.layout,
      checksum: `sha256:${sum}`,
      recordCount: parsed.rowsRead - skipped,
      rowsSkipped: skipped,
      aliases: [],
    };
    await writeSource(db, sourceId, props, "running");
    const written = await writePlan(db, plan, {
      batchSize: options.batchSize ?? 2000,
      pauseMs: options.pauseMs ?? 0,
      progress,
      strict: options.strict,
      lastWrite,
    });
    // Rows another import gave their relationship id to after this one was planned: bad rows too.
    if (written.issues.length) {
      issues.push(...written.issues);
      skipped = badRows(issues);
      Object.assign(props, { recordCount: parsed.rowsRead - skipped, rowsSkipped: skipped });
    }
    counts = { ...counts, edgesCreated: written.edgesCreated, edgesPresent: written.edgesPresent };
    await writeSource(db, sourceId, props, "complete");
    progress.finish();
  }
  const rowsLoaded = parsed.rowsRead - skipped;
  const seconds = (Date.now() - started) / 1000;
  return {
    sourceId,
    format: parsed.format,
    layout: parsed.layout,
    files: parsed.files,
    dryRun: !!options.dryRun,
    rowsRead: parsed.rowsRead,
    rowsLoaded,
    rowsSkipped: skipped,
    issues,
    ...counts,
    merges: plan.merges,
    flags: plan.flags,
    seconds,
    rowsPerSecond: seconds > 0 ? rowsLoaded / seconds : 0,
  };
}
