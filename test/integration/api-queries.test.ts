import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { runCli } from "../helpers/run-cli.ts";

type Body = {
  columns?: string[];
  rows?: unknown[][];
  truncated?: boolean;
  error?: { code: string; message: string };
  queries?: { name: string; file: string; params: { name: string; type: string }[] }[];
};

describe("the named queries over HTTP and on the command line", () => {
  let db: Database;
  let http: RunningHttp;
  let counts: { nodes: number; relationships: number };

  const run = async (name: string, params: unknown, query = ""): Promise<{ status: number; body: Body }> => {
    const res = await fetch(`${http.url}/api/queries/${encodeURIComponent(name)}${query}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    return { status: res.status, body: (await res.json()) as Body };
  };
  const rowsOf = (body: Body) => body.rows!.map((r) => Object.fromEntries(body.columns!.map((c, i) => [c, r[i]])));

  beforeAll(async () => {
    db = await connectTestDb();
    counts = await seededGraph(db);
    http = await startTestServer(db);
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  describe("bad input", () => {
    it("answers 404 for an unknown name, saying where the names are listed", async () => {
      const r = await run("no-such-query", {});
      expect(r.status).toBe(404);
      expect(r.body.error).toMatchObject({ code: "NOT_FOUND", message: expect.stringContaining("GET /api/queries") });
      expect((await run("board-interlocks", { minOrganisations: 2, limit: 10 })).status).toBe(200);
    });

    it("answers 400 naming a missing, unknown or wrongly typed parameter", async () => {
      const missing = await run("board-interlocks", { limit: 10 });
      expect(missing.status).toBe(400);
      expect(missing.body.error?.message).toContain("missing parameter `minOrganisations`");
      const typed = await run("board-interlocks", { minOrganisations: "two", limit: 10 });
      expect(typed.body.error?.message).toContain("parameter `minOrganisations` must be an integer, got a string");
      const list = await run("members-by-region", { ids: "cluster:spin", limit: 10 });
      expect(list.body.error?.message).toContain("parameter `ids` must be a list");
      const unknown = await run("board-interlocks", { minOrganisations: 2, limit: 10, minBoards: 2 });
      expect(unknown.body.error?.message).toContain("unknown parameter `minBoards`");
      const huge = await run("board-interlocks", { minOrganisations: 2, limit: 100_000_000 });
      expect(huge.status).toBe(400);
      expect(huge.body.error?.message).toContain("`limit` must be a whole number from 0 to 10000");
      const notMap = await run("board-interlocks", [1, 2]);
      expect(notMap.status).toBe(400);
      expect((await run("board-interlocks", { minOrganisations: 2, limit: 10 })).status).toBe(200);
    });

    it("runs every named query read-only: a writing one is refused and changes nothing", async () => {
      const r = await run("measures-write", { rows: [{ id: "org:aurubis", degree: 999 }] });
      expect(r.status).toBe(400);
      expect(r.body.error?.message).toMatch(/refused|read/);
      const [row] = await db.read("MATCH (n:Entity {id: 'org:aurubis'}) RETURN n.degree AS degree");
      expect(row?.degree).toBeNull();
      expect(await countGraph(db)).toEqual(counts);
    });
  });

  it("lists every query with its file, description and typed parameters", async () => {
    const res = await fetch(`${http.url}/api/queries`);
    const body = (await res.json()) as Body;
    const interlocks = body.queries!.find((q) => q.name === "board-interlocks");
    expect(interlocks).toMatchObject({
      file: "notebook.cypher",
      params: [
        { name: "minOrganisations", type: "integer" },
        { name: "limit", type: "integer" },
      ],
    });
    expect(body.queries!.map((q) => q.name)).toEqual(
      expect.arrayContaining([
        "search",
        "multi-cluster-organisations",
        "cluster-brokers",
        "funding-by-recipient-year",
        "members-by-region",
        "entity-neighbours",
      ]),
    );
    const one = (await (await fetch(`${http.url}/api/queries/entity-neighbours`)).json()) as { cypher: string };
    expect(one.cypher).toContain("MATCH (n:Entity {id: $id})");
  });

  it("finds people on several boards or in several positions", async () => {
    const r = await run("board-interlocks", { minOrganisations: 2, limit: 10 });
    const people = rowsOf(r.body);
    expect(people.map((p) => p.personId)).toEqual(
      expect.arrayContaining(["person:eric-swehla", "person:michael-simon", "person:wolfgang-neuhaus"]),
    );
    const eric = people.find((p) => p.personId === "person:eric-swehla")!;
    expect(eric.seats).toEqual(expect.arrayContaining([expect.objectContaining({ organisationId: "org:wzl", role: "Geschäftsführer" })]));
  });

  it("sums funding per recipient and year, counting unknown amounts apart", async () => {
    const rows = rowsOf((await run("funding-by-recipient-year", { statuses: [], limit: 100 })).body);
    expect(rows).toContainEqual(
      expect.objectContaining({
        recipientId: "cluster:its-owl",
        year: 2018,
        currency: "EUR",
        amount: 53_000_000,
        knownAmounts: 1,
        unknownAmounts: 0,
      }),
    );
    const smartValue = rows.filter((r) => r.recipientId === "cluster:smart-value");
    expect(smartValue.every((r) => r.amount === null && (r.unknownAmounts as number) >= 1)).toBe(true);
    const committed = rowsOf((await run("funding-by-recipient-year", { statuses: ["committed"], limit: 100 })).body);
    expect(committed.every((r) => r.status === "committed")).toBe(true);
  });

  it("counts cluster members per place and larger region, and lists an entity's neighbours", async () => {
    const regions = rowsOf((await run("members-by-region", { ids: ["cluster:smart-value"], limit: 100 })).body);
    const luenen = regions.find((r) => r.region === "Lünen");
    const nrw = regions.find((r) => r.region === "Nordrhein-Westfalen");
    expect(luenen?.memberCount).toBeGreaterThan(1);
    expect(nrw?.memberCount).toBeGreaterThanOrEqual(luenen!.memberCount as number);
    const neighbours = rowsOf((await run("entity-neighbours", { id: "org:aurubis", limit: 50 })).body);
    expect(neighbours).toContainEqual(
      expect.objectContaining({ relationship: "MEMBER_OF", direction: "out", neighbourId: "cluster:smart-value" }),
    );
    const single = rowsOf((await run("multi-cluster-organisations", { minClusters: 1, limit: 100 })).body);
    expect(single).toContainEqual(expect.objectContaining({ id: "org:aurubis", clusters: 1 }));
    expect(
      rowsOf((await run("multi-cluster-organisations", { minClusters: 2, limit: 100 })).body).every((r) => (r.clusters as number) >= 2),
    ).toBe(true);
    const brokers = await run("cluster-brokers", { minClusters: 2, limit: 10 });
    expect(brokers.status).toBe(200);
    expect(brokers.body.columns).toContain("betweenness");
  });

  it("accepts list parameters as JSON for the internal queries and answers CSV on request", async () => {
    const r = await run("funding-in", { ids: ["cluster:spin"] });
    expect(r.status).toBe(200);
    expect(r.body.rows!.length).toBe(1);
    const csv = await fetch(`${http.url}/api/queries/stats-labels?format=csv`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toBe("label,count");
  });

  describe("npm run query", () => {
    const env = () => {
      const { uri, user, password } = inject("neo4j");
      return { NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password };
    };

    it("refuses an unknown query or a missing parameter with exit code 1 and a message", async () => {
      const unknown = await runCli("server/query-cli.ts", ["no-such-query"], env());
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no query named "no-such-query"');
      const missing = await runCli("server/query-cli.ts", ["board-interlocks", "limit=5"], env());
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("missing parameter `minOrganisations`");
    });

    it("prints a table, CSV or JSON, and writes a file with --out", async () => {
      const table = await runCli("server/query-cli.ts", ["board-interlocks", "minOrganisations=2", "limit=5"], env());
      expect(table.code).toBe(0);
      expect(table.stdout).toMatch(/^personId\s+person\s+organisations\s+seats/);
      expect(table.stdout).toContain("Eric Swehla");
      const csv = await runCli("server/query-cli.ts", ["members-by-region", "ids=[cluster:smart-value]", "limit=100", "--csv"], env());
      expect(csv.stdout.split("\r\n")[0]).toBe("clusterId,cluster,region,regionKind,memberCount,members");
      const dir = await mkdtemp(path.join(os.tmpdir(), "innograph-query-"));
      try {
        const file = path.join(dir, "funding.json");
        const json = await runCli("server/query-cli.ts", ["funding-in", 'ids=["cluster:its-owl"]', "--json", "--out", file], env());
        expect(json.code).toBe(0);
        const written = JSON.parse(await readFile(file, "utf8")) as Body;
        expect(written.columns).toEqual(["funder", "recipient", "edge"]);
        expect(written.rows).toHaveLength(1);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });
});
