/** Parses `npm run import -- <format> <path…> [--dry-run] [--strict] [--source-name …] [--batch-size n]`. */
import { ValidationError } from "../../server/errors.ts";

export const FORMATS = ["cordis", "csv", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface ImportArgs {
  format: Format;
  paths: string[];
  dryRun: boolean;
  strict: boolean;
  sourceName: string | undefined;
  batchSize: number;
  pauseMs: number;
}

export const USAGE = `usage: npm run import -- <cordis|csv|json> <path…> [--dry-run] [--strict] [--source-name "…"] [--batch-size 2000]
  cordis <folder>                 CORDIS H2020 2016 layout (projects.tsv, organizations.tsv, edges.tsv),
                                  the bulk layout (project.csv, organization.csv) or FP7 links (organizations.csv, edges.tsv)
  csv <mapping.yaml|json> [nodes.csv] [edges.csv]   generic nodes/edges files described by a mapping
  json <folder|nodes.json edges.json sources.json>  the project's seed format`;

function whole(flag: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (raw === undefined || !Number.isInteger(n) || n < min || n > max)
    throw new ValidationError(`import: ${flag} expects a whole number from ${min} to ${max}; got ${JSON.stringify(raw)}\n${USAGE}`);
  return n;
}

export function parseArgs(argv: string[]): ImportArgs {
  const rest: string[] = [];
  const args = { dryRun: false, strict: false, sourceName: undefined as string | undefined, batchSize: 2000, pauseMs: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--dry-run") args.dryRun = true;
    else if (a === "--strict") args.strict = true;
    else if (a === "--source-name") args.sourceName = argv[++i];
    else if (a.startsWith("--source-name=")) args.sourceName = a.slice("--source-name=".length);
    else if (a === "--batch-size") args.batchSize = whole(a, argv[++i], 1, 50000);
    else if (a === "--pause-ms") args.pauseMs = whole(a, argv[++i], 0, 60000);
    else if (a.startsWith("--")) throw new ValidationError(`import: unknown option ${a}\n${USAGE}`);
    else rest.push(a);
  }
  const [format, ...paths] = rest;
  if (!format || !(FORMATS as readonly string[]).includes(format))
    throw new ValidationError(
      `import: unknown or missing format ${JSON.stringify(format ?? "")}; expected ${FORMATS.join(", ")}\n${USAGE}`,
    );
  if (!paths.length) throw new ValidationError(`import: name the file(s) or folder to import\n${USAGE}`);
  if (args.sourceName !== undefined && !args.sourceName.trim()) throw new ValidationError("import: --source-name needs a name");
  return { format: format as Format, paths, ...args };
}
