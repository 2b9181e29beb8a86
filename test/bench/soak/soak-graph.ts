/**
 * The graph the soak runs against: the benchmark generator's 100k-relationship ecosystem (seed 1)
 * in the seed JSON format; CORDIS FP7 (161k relationships) when the generator is not there.
 */
import { existsSync } from "node:fs";
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
    const { generateEcosystem, writeEcosystem } = (await import(GENERATOR)) as typeof import("../generate/generate-ecosystem.ts");
    const graph = generateEcosystem({ relationships, seed: 1 });
    const dir = path.join(workDir, "graph");
    await writeEcosystem(dir, graph);
    return {
      label: `generated ecosystem: ${graph.nodes.length.toLocaleString("en")} nodes, ${graph.edges.length.toLocaleString("en")} relationships (seed 1)`,
      importArgs: ["json", dir],
    };
  }
  if (!existsSync(FP7)) throw new Error(`soak: neither the generator (${GENERATOR}) nor CORDIS FP7 (${FP7}) is there`);
  return { label: "CORDIS FP7 (stand-in: the generator is missing)", importArgs: ["cordis", FP7] };
}
