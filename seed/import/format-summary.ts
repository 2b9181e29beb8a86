/** The end-of-run report: bad rows, what was (or, dry, would be) created, merged and flagged, and time. */
import path from "node:path";
import { formatIssue } from "./import-model.ts";
import type { ImportSummary } from "./run-import.ts";

const n = (x: number): string => x.toLocaleString("en");

export function formatIssues(s: ImportSummary): string[] {
  return s.issues.map((i) => `import: skipped ${formatIssue(i)}`);
}

export function formatSummary(s: ImportSummary, detail = 20): string {
  const would = s.dryRun ? "would be " : "";
  const lines = [
    `import: ${s.dryRun ? "DRY RUN (nothing written) " : ""}${s.format} (${s.layout}) from ${s.files.map((f) => path.basename(f)).join(", ")} — source ${s.sourceId}`,
    `  rows:          ${n(s.rowsRead)} read, ${n(s.rowsLoaded)} ${s.dryRun ? "valid" : "loaded"}, ${n(s.rowsSkipped)} skipped (bad)`,
    `  nodes:         ${n(s.nodesCreated)} ${would}created, ${n(s.nodesMerged)} ${would}merged into existing nodes, ${n(s.nodesPresent)} already present`,
    `  relationships: ${n(s.edgesCreated)} ${would}created, ${n(s.edgesPresent)} already present`,
    `  flagged:       ${n(s.flagged)} likely duplicate(s) ${would}linked by SIMILAR_TO for review (npm run review)`,
    `  time:          ${s.seconds.toFixed(1)} s (${n(Math.round(s.rowsPerSecond))} rows/s)`,
  ];
  if (s.dryRun || detail > 0) {
    for (const m of s.merges.slice(0, detail)) lines.push(`  merge: ${m.from} "${m.name}" → ${m.into} (${m.reason})`);
    if (s.merges.length > detail) lines.push(`  … and ${n(s.merges.length - detail)} more merges`);
    for (const f of s.flags.slice(0, detail)) lines.push(`  flag:  ${f.from} "${f.name}" ~ ${f.to} score ${f.score} (${f.reason})`);
    if (s.flags.length > detail) lines.push(`  … and ${n(s.flags.length - detail)} more flags`);
  }
  return lines.join("\n");
}
