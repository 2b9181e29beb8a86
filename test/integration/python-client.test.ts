import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { ROOT } from "../helpers/paths.ts";

// Runs the notebook's code cells in order, in one namespace, as Jupyter would.
const RUN_NOTEBOOK = `
import json, sys
namespace = {}
for cell in json.load(open(sys.argv[1], encoding="utf-8"))["cells"]:
    if cell["cell_type"] == "code":
        exec(compile("".join(cell["source"]), cell["id"], "exec"), namespace)
`;

function python(args: string[], cwd = ROOT, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("python3", args, { cwd, timeout: 120_000, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("a Python notebook client using only the standard library", () => {
  let db: Database;
  let http: RunningHttp;

  beforeAll(async () => {
    db = await connectTestDb();
    await seededGraph(db);
    http = await startTestServer(db);
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  it("calls GraphQL, the Cypher endpoint, a named query and every export format, and all its checks pass", async () => {
    const r = await python([path.join(ROOT, "test", "notebook_client.py"), http.url]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("all checks passed");
  });

  it("runs every code cell of the example notebook against the server without an error", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "innograph-notebook-"));
    try {
      const r = await python(["-c", RUN_NOTEBOOK, path.join(ROOT, "test", "notebook", "innograph.ipynb")], dir, {
        INNOGRAPH_URL: http.url,
      });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("exits non-zero when the server's answers are wrong", async () => {
    const r = await python([path.join(ROOT, "test", "notebook_client.py"), `${http.url}/nowhere`]);
    expect(r.code).not.toBe(0);
  });
});
