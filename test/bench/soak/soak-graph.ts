/**
 * The graph the soak runs against: the benchmark generator's 100k-relationship ecosystem (seed 1)
 * in the seed JSON format; CORDIS FP7 (161k relationships) when the generator is not there.
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PROJECT_ROOT } from "../../../server/config.ts";

export interface GraphFiles {
  label: string;
  /** Arguments of `npm run import --`. */
  importArgs: string[];
}

const GENERATOR = path.join(PROJECT_ROOT, "test", "bench", "generate", "generate-ecosystem.ts");
const FP7 = path.resolve(PROJECT_ROOT, "..", "shared", "data", "cordis-fp7");

export async function soakGraph(workDir: string, relationships = 100_000): Promise<GraphFiles> {
  if (existsSync(GENERATOR)) {
    const { generateEcosystem } = (await import(GENERATOR)) as typeof import("../generate/generate-ecosystem.ts");
    const graph = generateEcosystem({ relationships, seed: 1 });
    const dir = path.join(workDir, "graph");
    // Written as seed/data is (indented), not with writeEcosystem's one-record-per-line layout: the
    // JSON reader locates records by `"id": "…"`, and on compact records its search scans to the end
    // of the file for every record (minutes at 100k); see RESULTS.md.
    await mkdir(dir, { recursive: true });
    for (const key of ["sources", "nodes", "edges"] as const) await writeFile(path.join(dir, `${key}.json`), JSON.stringify(graph[key], null, 2));
    return { label: `generated ecosystem: ${graph.nodes.length.toLocaleString("en")} nodes, ${graph.edges.length.toLocaleString("en")} relationships (seed 1)`, importArgs: ["json", dir] };
  }
  if (!existsSync(FP7)) throw new Error(`soak: neither the generator (${GENERATOR}) nor CORDIS FP7 (${FP7}) is there`);
  return { label: "CORDIS FP7 (stand-in: the generator is missing)", importArgs: ["cordis", FP7] };
}
