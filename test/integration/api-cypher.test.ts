import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";

type Answer = {
  status: number;
  body: { columns?: string[]; rows?: unknown[][]; truncated?: boolean; error?: { code: string; message: string } };
};

describe("POST /api/cypher over the seed graph", () => {
  let db: Database;
  let http: RunningHttp;
  let counts: { nodes: number; relationships: number };

  const cypher = async (body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const res = await fetch(`${http.url}/api/cypher`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer["body"] };
  };
  const stillServes = async () => {
    const r = await cypher({ query: "MATCH (n:Entity) RETURN count(n) AS n" });
    expect(r.status).toBe(200);
    expect(r.body.rows).toEqual([[counts.nodes]]);
  };

  beforeAll(async () => {
    db = await connectTestDb();
    counts = await seededGraph(db);
    http = await startTestServer(db, { QUERY_TIMEOUT_MS: "5000" });
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  describe("bad input", () => {
    it("refuses writes in every form with a 400 naming the refusal, and changes nothing", async () => {
      const writes = [
        "CREATE (n:Entity:Organisation {id: 'org:intruder', name: 'x'})",
        "MERGE (n:Entity {id: 'org:intruder'}) RETURN n",
        "MATCH (n:Entity {id: 'org:aurubis'}) SET n.name = 'hacked'",
        "MATCH (n:Entity {id: 'org:aurubis'}) DETACH DELETE n",
        "MATCH ()-[r]->() DELETE r",
        "CALL apoc.create.node(['Entity'], {id: 'org:intruder'}) YIELD node RETURN node",
        "MATCH (a:Entity {id: 'org:aurubis'}), (b:Entity {id: 'cluster:spin'}) CALL apoc.create.relationship(a, 'MEMBER_OF', {}, b) YIELD rel RETURN rel",
        "CALL apoc.cypher.doIt('CREATE (n:Entity {id: \"org:intruder\"})', {}) YIELD value RETURN value",
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
        "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
      ];
      for (const query of writes) {
        const r = await cypher({ query });
        expect(r.status, query).toBe(400);
        expect(r.body.error?.code, query).toBe("BAD_USER_INPUT");
        expect(r.body.error?.message, query).toMatch(/refused|read/i);
      }
      expect(await countGraph(db)).toEqual(counts);
      const [row] = await db.read("MATCH (n:Entity {id: 'org:aurubis'}) RETURN n.name AS name");
      expect(row?.name).toBe("Aurubis AG");
    });

    it("refuses LOAD CSV and APOC file or URL access explicitly", async () => {
      for (const query of [
        "LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line",
        "load csv with headers from 'http://127.0.0.1/x.csv' AS row RETURN row",
        "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
        "CALL apoc.import.csv([{fileName: 'file:///x.csv', labels: ['Entity']}], [], {})",
        "CALL apoc.export.json.all('/tmp/out.json', {})",
        "USE system SHOW USERS",
        "CALL apoc.cypher.run('LOAD CSV FROM \\'file:///etc/passwd\\' AS l RETURN l', {}) YIELD value RETURN value",
        "CALL apoc.do.when(true, 'CREATE (n:Entity {id: \\'x\\'})', '', {}) YIELD value RETURN value",
      ]) {
        const r = await cypher({ query });
        expect(r.status, query).toBe(400);
        expect(r.body.error?.message, query).toContain("refused");
      }
      const inString = await cypher({ query: "RETURN 'LOAD CSV is only text here' AS s" });
      expect(inString.body.rows).toEqual([["LOAD CSV is only text here"]]);
    });

    it("returns Neo4j's syntax error as a 400, not a 500", async () => {
      const r = await cypher({ query: "MATC (n) RETURN n" });
      expect(r.status).toBe(400);
      expect(r.body.error?.code).toBe("BAD_USER_INPUT");
      expect(r.body.error?.message).toMatch(/Invalid input 'MATC'/);
      await stillServes();
    });

    it("stops a query that runs past its time limit with a 408", async () => {
      const r = await cypher({ query: "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(x)", timeoutMs: 500 });
      expect(r.status).toBe(408);
      expect(r.body.error).toMatchObject({ code: "TIMEOUT", message: expect.stringContaining("time limit") });
      await stillServes();
    });

    it("answers 400 for malformed JSON, a body over 1 MB, a missing query and bad options", async () => {
      const bad = [
        await cypher("{not json"),
        await cypher({ query: `RETURN '${"x".repeat(1_100_000)}'` }),
        await cypher({ params: {} }),
        await cypher({ query: "RETURN 1", params: [1] }),
        await cypher({ query: "RETURN 1", maxRows: 1_000_000 }),
        await cypher({ query: "RETURN 1", timeoutMs: 10_000_000 }),
        await cypher({ query: "RETURN 1", limit: 3 }),
        await cypher({ query: "x".repeat(30_000) }),
      ];
      for (const r of bad) {
        expect(r.status).toBe(400);
        expect(r.body.error?.code).toBe("BAD_USER_INPUT");
      }
      expect(bad[0]!.body.error?.message).toContain("not valid JSON");
      expect(bad[1]!.body.error?.message).toContain("larger than");
      expect(bad[4]!.body.error?.message).toContain("`maxRows` must be a whole number from 1 to 10000");
      expect(bad[6]!.body.error?.message).toContain("unknown field `limit`");
      await stillServes();
    });
  });

  it("answers columns and rows as plain JSON, with parameters (whole numbers as INTEGER)", async () => {
    const r = await cypher({
      query: "MATCH (n:Entity {id: $id}) RETURN n.name AS name, n.aliases AS aliases LIMIT $limit",
      params: { id: "org:aurubis", limit: 5 },
    });
    expect(r.status).toBe(200);
    expect(r.body.columns).toEqual(["name", "aliases"]);
    expect(r.body.rows?.[0]?.[0]).toBe("Aurubis AG");
    expect(r.body.truncated).toBe(false);
  });

  it("serialises nodes, relationships, paths, integers and dates to plain JSON", async () => {
    const r = await cypher({
      query: `MATCH p = (a:Entity {id: 'org:aurubis'})-[r:MEMBER_OF]->(c:Cluster)
              RETURN a, r, p, 42 AS answer, date('2019-06-24') AS day, datetime('2019-06-24T10:00:00Z') AS at LIMIT 1`,
    });
    expect(r.status).toBe(200);
    const [a, rel, path, answer, day, at] = r.body.rows![0]! as [
      Record<string, unknown>,
      Record<string, unknown>,
      unknown,
      unknown,
      unknown,
      unknown,
    ];
    expect(a).toMatchObject({
      labels: expect.arrayContaining(["Organisation", "Entity"]),
      properties: expect.objectContaining({ id: "org:aurubis" }),
    });
    expect(rel).toMatchObject({ type: "MEMBER_OF", properties: expect.objectContaining({ role: "founding member" }) });
    expect(path).toBeTypeOf("object");
    expect(answer).toBe(42);
    expect(day).toBe("2019-06-24");
    expect(at).toBe("2019-06-24T10:00:00Z");
  });

  it("cuts a huge result at maxRows and says truncated", async () => {
    const r = await cypher({ query: "UNWIND range(1, 100000000) AS x RETURN x", maxRows: 100 });
    expect(r.status).toBe(200);
    expect(r.body.rows).toHaveLength(100);
    expect(r.body.truncated).toBe(true);
    const capped = await cypher({ query: "UNWIND range(1, 20000) AS x RETURN x" });
    expect(capped.body.rows).toHaveLength(10_000);
    expect(capped.body.truncated).toBe(true);
    await stillServes();
  });

  it("answers CSV when the client accepts text/csv", async () => {
    const res = await fetch(`${http.url}/api/cypher`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/csv" },
      body: JSON.stringify({ query: "MATCH (c:Cluster) RETURN c.id AS id, c.aliases AS aliases ORDER BY id" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("id,aliases");
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^cluster:its-owl,"\[""/);
  });
});
