/** Reads the seed folder (data/*.json and sources/*.txt) into SeedFiles; JSON syntax errors name the file. */
import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import type { SeedFiles } from "./validate-seed.ts";
import { ValidationError } from "../server/errors.ts";

async function readJson(file: string): Promise<unknown> {
  const raw = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    throw new ValidationError(`seed: cannot read ${file}: ${e.code ?? e.message}`);
  });
  try {
    return JSON.parse(raw);
  } catch (e) {
    throw new ValidationError(`seed: ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

export async function readSeed(dir: string): Promise<SeedFiles> {
  const dataDir = path.join(dir, "data");
  const textDir = path.join(dir, "sources");
  const texts = new Map<string, string>();
  for (const name of await readdir(textDir).catch(() => [] as string[])) {
    if (name.endsWith(".txt")) texts.set(name.slice(0, -4), await readFile(path.join(textDir, name), "utf8"));
  }
  const files = ["sources.json", "nodes.json", "edges.json"].map((f) => path.join(dataDir, f));
  const [sources, nodes, edges] = await Promise.all(files.map(readJson));
  return {
    sources: { file: files[0]!, data: sources },
    nodes: { file: files[1]!, data: nodes },
    edges: { file: files[2]!, data: edges },
    texts,
  };
}
