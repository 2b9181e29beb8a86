import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { applySchema } from "../../server/db/apply-schema.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { fundingFlows } from "../../server/graphql/resolvers/funding-flows.ts";
import { readCordis } from "../../seed/import/read-cordis.ts";
import { runImport } from "../../seed/import/run-import.ts";
import { accept, listOpen, reject, undo } from "../../seed/review/review-similar.ts";
import { connectTestDb, seededGraph, wipeGraph } from "../helpers/test-graph.ts";
import { FIXTURES } from "../helpers/paths.ts";

const CORDIS = path.join(FIXTURES, "cordis");
const H2020 = path.join(CORDIS, "h2020-2016");
const BAD = path.join(CORDIS, "h2020-2016-bad");
const BULK = path.join(CORDIS, "bulk");
const EC = "ministry:european-commission";

let db: Database;
const importDir = async (dir: string, options = {}) => runImport(db, await readCordis([dir]), options);
const one = async (q: string, params = {}) => (await db.read(q, params))[0] ?? {};

beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db.close();
});

describe("import of bad rows", () => {
  beforeAll(async () => {
    await seededGraph(db);
  });

  it("refuses the whole file under --strict and writes nothing", async () => {
    const before = await countGraph(db);
    await expect(importDir(BAD, { strict: true })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringContaining('projects.tsv line 2, column "ecMaxContribution"'),
    });
    expect(await countGraph(db)).toEqual(before);
  });

  it("writes nothing on a dry run but says what would be created, merged and flagged", async () => {
    const before = await countGraph(db);
    const s = await importDir(H2020, { dryRun: true });
    expect(await countGraph(db)).toEqual(before);
    expect(s.nodesCreated).toBeGreaterThan(300);
    expect(s.merges.map((m) => m.into)).toEqual(expect.arrayContaining(["org:aurubis", "org:fraunhofer"]));
    expect(s.flags.map((f) => f.to)).toContain("org:thyssenkrupp");
  });

  it("reports every bad row with file, line and column, skips them and loads the good rows", async () => {
    const s = await importDir(BAD);
    expect(s.issues).toEqual(
      expect.arrayContaining([
        { file: "projects.tsv", line: 2, column: "ecMaxContribution", reason: expect.stringContaining('"12x,00" is not an amount') },
        { file: "projects.tsv", line: 3, column: "startDate", reason: expect.stringContaining('"2015-13-01" is not a date') },
        {
          file: "edges.tsv",
          line: 4,
          column: "new_org_id",
          reason: expect.stringContaining("deadbeefdeadbeefdeadbeefdeadbeef is not in organizations.tsv"),
        },
      ]),
    );
    expect(s.rowsSkipped).toBe(new Set(s.issues.map((i) => `${i.file}:${i.line}`)).size);
    expect(s.rowsLoaded).toBe(s.rowsRead - s.rowsSkipped);
    const [row] = await db.read("MATCH (p:Project) WHERE p.id STARTS WITH 'project:cordis-' RETURN count(p) AS n");
    expect(row!.n).toBe(31 - 2);
  });
});

describe("import of the H2020 fixture into the seeded graph", () => {
  let first: Awaited<ReturnType<typeof importDir>>;
  beforeAll(async () => {
    await seededGraph(db);
    first = await importDir(H2020, { batchSize: 100 });
  });

  it("merges AURUBIS AG into the seed's Aurubis and keeps the new spelling as an alias", async () => {
    const n = await one(
      "MATCH (n:Entity {id: 'org:aurubis'}) RETURN n.name AS name, n.aliases AS aliases, n.sources AS sources, n.kind AS kind",
    );
    expect(n).toMatchObject({
      name: "Aurubis AG",
      kind: "company",
      aliases: expect.arrayContaining(["AURUBIS AG"]),
      sources: expect.arrayContaining([first.sourceId]),
    });
    expect(await one("MATCH (n:Entity {id: 'org:cordis-c46808f281181412eb397174da18ee03'}) RETURN count(n) AS n")).toEqual({ n: 0 });
  });

  it("merges the Fraunhofer-Gesellschaft into the seed's Fraunhofer with its CORDIS participations", async () => {
    const n = await one(
      "MATCH (n:Entity {id: 'org:fraunhofer'}) RETURN n.aliases AS aliases, COUNT { (n)-[:PARTICIPATES_IN]->() } AS projects",
    );
    expect(n.aliases).toContain("FRAUNHOFER GESELLSCHAFT ZUR FORDERUNG DER ANGEWANDTEN FORSCHUNG EV");
    expect(n.projects).toBeGreaterThanOrEqual(6);
  });

  it("links THYSSENKRUPP STEEL EUROPE AG to Thyssenkrupp for review instead of merging", async () => {
    const r = await one(
      "MATCH (a:Entity {id: 'org:cordis-999918584'})-[r:SIMILAR_TO]->(b:Entity {id: 'org:thyssenkrupp'}) RETURN r.status AS status, r.score AS score, r.sources AS sources",
    );
    expect(r).toMatchObject({ status: "open", score: expect.any(Number), sources: [first.sourceId] });
  });

  it("records the run as a Source and cites it with a record reference on every edge it wrote", async () => {
    const s = await one(
      "MATCH (s:Source {id: $id}) RETURN s.format AS format, s.checksum AS checksum, s.recordCount AS records, s.status AS status, s.files AS files",
      { id: first.sourceId },
    );
    expect(s).toMatchObject({
      format: "cordis",
      checksum: expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
      records: first.rowsLoaded,
      status: "complete",
      files: ["projects.tsv", "organizations.tsv", "edges.tsv"],
    });
    const uncited = await one(
      "MATCH ()-[r:PARTICIPATES_IN|FUNDS]->(p:Project) WHERE p.id STARTS WITH 'project:cordis-' AND NOT $id IN r.sources RETURN count(r) AS n",
      { id: first.sourceId },
    );
    expect(uncited.n).toBe(0);
    const e = await one("MATCH ()-[r:PARTICIPATES_IN {id: 'e:cordis-193159-999990267'}]->() RETURN r.evidence AS evidence, r.role AS role");
    expect(e).toEqual({ evidence: ["edges.tsv line 10"], role: "coordinator" });
  });

  it("changes no count when the same files are imported again", async () => {
    const before = await countGraph(db);
    const again = await importDir(H2020);
    expect(await countGraph(db)).toEqual(before);
    expect(again).toMatchObject({ nodesCreated: 0, edgesCreated: 0, flagged: 0 });
  });

  it("lists the open candidates, rejects one, and merges and un-merges another", async () => {
    const open = await listOpen(db);
    const tk = open.find((c) => c.candidate.id === "org:cordis-999918584")!;
    expect(tk.existing.id).toBe("org:thyssenkrupp");
    const before = await countGraph(db);
    const projectsOf = async (id: string) =>
      (await db.read("MATCH (:Entity {id: $id})-[:PARTICIPATES_IN]->(p) RETURN p.id AS p ORDER BY p", { id })).map((r) => r.p);
    const tkProjects = await projectsOf("org:cordis-999918584");

    await accept(db, tk.id);
    expect(await one("MATCH (n:Entity {id: 'org:cordis-999918584'}) RETURN n.id AS id")).toEqual({});
    const kept = await one("MATCH (n:Entity {id: 'org:thyssenkrupp'}) RETURN n.aliases AS aliases, n.mergedIds AS merged");
    expect(kept).toEqual({
      aliases: expect.arrayContaining(["Thyssenkrupp", "THYSSENKRUPP STEEL EUROPE AG"]),
      merged: ["org:cordis-999918584"],
    });
    expect(await projectsOf("org:thyssenkrupp")).toEqual(tkProjects);
    await expect(accept(db, tk.id)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await undo(db, tk.id);
    expect(await projectsOf("org:cordis-999918584")).toEqual(tkProjects);
    expect(await projectsOf("org:thyssenkrupp")).toEqual([]);
    expect(await one("MATCH (n:Entity {id: 'org:thyssenkrupp'}) RETURN n.aliases AS aliases, n.mergedIds AS merged")).toEqual({
      aliases: ["Thyssenkrupp"],
      merged: null,
    });
    const c = await countGraph(db);
    expect(c.relationships).toBe(before.relationships);
    // The MergeRecord stays, marked undone; the review's Source (source:review) counts its relationship writes.
    expect(c.nodes).toBe(before.nodes + 2);
    await expect(undo(db, tk.id)).rejects.toMatchObject({ code: "CONFLICT" });

    await reject(db, tk.id);
    expect((await listOpen(db)).map((o) => o.id)).not.toContain(tk.id);
    const again = await importDir(H2020);
    expect(again.flagged).toBe(0);
    expect(await one("MATCH ()-[r:SIMILAR_TO {id: $id}]->() RETURN r.status AS s", { id: tk.id })).toEqual({ s: "rejected" });
  });
});

describe("funding flows after a CORDIS import", () => {
  const sumDe = (flows: Awaited<ReturnType<typeof fundingFlows>>["flows"], pick: (f: (typeof flows)[number]) => boolean) =>
    Math.round(flows.filter(pick).reduce((s, f) => s + (f.amount ?? 0), 0) * 100) / 100;

  it("gives German organisations of the bulk layout the sum of their ecContribution in organization.csv", async () => {
    await wipeGraph(db);
    await applySchema(db);
    await importDir(BULK);
    const rows = parse(readFileSync(path.join(BULK, "organization.csv"), "utf8"), { delimiter: ";", columns: true }) as Record<
      string,
      string
    >[];
    // What the file says: the EU's contribution to each German participation, where the file states one.
    const expected =
      Math.round(
        rows.filter((r) => r.country === "DE" && r.ecContribution).reduce((s, r) => s + Number(r.ecContribution!.replace(",", ".")), 0) *
          100,
      ) / 100;
    const result = await fundingFlows(db, { funderId: EC, depth: 2, limit: 10000 });
    const got = sumDe(result.flows, (f) => f.level === 2 && f.recipient.properties.country === "DE" && f.amountKnown);
    expect(expected).toBeGreaterThan(0);
    expect(got).toBe(expected);
  });

  it("gives projects with a German coordinator in the 2016 layout the sum of their ecMaxContribution", async () => {
    await wipeGraph(db);
    await applySchema(db);
    await importDir(H2020);
    const rows = parse(readFileSync(path.join(H2020, "projects.tsv"), "utf8"), {
      delimiter: "\t",
      columns: true,
      relax_quotes: true,
    }) as Record<string, string>[];
    const expected =
      Math.round(
        rows
          .filter((r) => r.coordinatorCountry === "DE" && r.ecMaxContribution)
          .reduce((s, r) => s + Number(r.ecMaxContribution!.replace(",", ".")), 0) * 100,
      ) / 100;
    const result = await fundingFlows(db, { funderId: EC, depth: 2, limit: 10000 });
    const germanLed = new Set(
      result.flows
        .filter((f) => f.level === 2 && f.edge.role === "coordinator" && f.recipient.properties.country === "DE")
        .map((f) => f.edge.target),
    );
    const got = sumDe(result.flows, (f) => f.level === 1 && germanLed.has(f.recipient.id));
    expect(expected).toBeGreaterThan(0);
    expect(got).toBe(expected);
  });
});
