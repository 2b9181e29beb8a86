/** `npx tsx seed/check.ts [dir]`: validates the seed folder and prints every error; exits 1 on any. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readSeed } from "./read-seed.ts";
import { validateSeed } from "./validate-seed.ts";

const dir = process.argv[2] ?? path.dirname(fileURLToPath(import.meta.url));
const { graph, errors } = validateSeed(await readSeed(dir));
for (const e of errors) console.error(e);
console.log(`seed: ${graph.sources.length} sources, ${graph.nodes.length} nodes, ${graph.edges.length} edges; ${errors.length} errors`);
process.exit(errors.length ? 1 : 0);
