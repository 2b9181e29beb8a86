/**
 * `npm run generate -- --scale N [--out DIR] [--seed S]`: writes a synthetic ecosystem of about N
 * relationships (10k, 100k, 1M or a number) in the seed format, for `npm run import -- json DIR`.
 */
import path from "node:path";
import { generateEcosystem, writeEcosystem } from "./generate-ecosystem.ts";
import { parseScale } from "./parse-scale.ts";

function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const relationships = parseScale(opt("--scale") ?? "10k");
  const seed = Number(opt("--seed") ?? 1);
  if (!Number.isInteger(seed)) throw new Error(`generate: --seed expects a whole number; got ${opt("--seed")}`);
  const out = path.resolve(opt("--out") ?? `.data/generated-${relationships}`);
  const t0 = Date.now();
  const graph = generateEcosystem({ relationships, seed });
  return writeEcosystem(out, graph).then(() => {
    console.log(
      `generate: ${graph.nodes.length.toLocaleString("en")} nodes, ${graph.edges.length.toLocaleString("en")} relationships, ${graph.sources.length} sources (seed ${seed}) → ${out} in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
    console.log(`generate: load with: npm run import -- json ${out}`);
  });
}

main().catch((e: unknown) => {
  console.error((e as Error).message);
  process.exit(1);
});
