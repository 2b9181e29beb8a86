import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { freePort, startLocalNeo4j } from "../../neo4j/start-neo4j.ts";
import { Database } from "../../server/db/database.ts";
import { loadConfig } from "../../server/config.ts";
import { startHttp } from "../../server/start-http.ts";
import { whenNeo4jIsBack } from "../../server/warm-up.ts";
import { connectTestDb, seededGraph, startTestServer } from "../helpers/test-graph.ts";
import { runCli, startCli, waitForOutput } from "../helpers/run-cli.ts";
import { asApolloAlone } from "../helpers/reads-during.ts";

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at /m);

describe("npm start refuses bad set-ups with one clear line", () => {
  it("exits non-zero when Neo4j is not reachable", async () => {
    const port = await freePort();
    const r = await runCli("server/main.ts", [], { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: "whatever", PORT: "0" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Neo4j is not reachable/);
    noStack(r.stderr);
  });

  it("exits non-zero when the password is wrong", async () => {
    const { uri } = inject("neo4j");
    const r = await runCli("server/main.ts", [], { NEO4J_URI: uri, NEO4J_PASSWORD: "wrong-password", PORT: "0" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/refused the credentials; check NEO4J_USER and NEO4J_PASSWORD/);
    noStack(r.stderr);
  });

  it("exits non-zero when the HTTP port is taken", async () => {
    const { uri, password } = inject("neo4j");
    const blocker = net.createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, "127.0.0.1", () => resolve((blocker.address() as net.AddressInfo).port)),
    );
    try {
      const r = await runCli("server/main.ts", [], { NEO4J_URI: uri, NEO4J_PASSWORD: password, PORT: String(port) });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`http: port ${port} is taken`);
      noStack(r.stderr);
    } finally {
      blocker.close();
    }
  });

  it("exits non-zero on an invalid setting, naming the variable", async () => {
    const r = await runCli("server/main.ts", [], { PORT: "eighty" });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('config: invalid `port` (PORT="eighty"); expecting a whole number from 0 to 65535');
  });
});

describe("GET /healthz", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => db.close());

  it("reports the server, Neo4j and the graph's counts", async () => {
    const counts = await seededGraph(db);
    const http = await startTestServer(db);
    try {
      const res = await fetch(`${http.url}/healthz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        status: "ok",
        server: { status: "ok" },
        neo4j: { reachable: true, version: expect.stringMatching(/^5\.26\./), nodes: counts.nodes, relationships: counts.relationships },
      });
    } finally {
      await http.close();
    }
  });

  it("answers 503 while Neo4j is down and recovers by itself when it is back", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-outage-"));
    const boltPort = await freePort();
    const options = { dataDir, boltPort, password: "outage-test", heap: "512m", pageCache: "64m" };
    let neo4j = await startLocalNeo4j(options);
    const own = await Database.connect({ uri: neo4j.uri, user: "neo4j", password: options.password });
    const http = await startHttp(own, loadConfig({ NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: options.password, PORT: "0" }));
    // What npm start warms Neo4j's plans on (server/warm-up.ts): called once, when Neo4j is back. Its
    // polls go through a driver of their own, so that the reads counted below are the requests' only.
    let back = 0;
    const polled = await Database.connect({ uri: neo4j.uri, user: "neo4j", password: options.password });
    const watch = whenNeo4jIsBack(polled, () => back++, 200);
    try {
      expect((await fetch(`${http.url}/healthz`)).status).toBe(200);
      // A plain lookup, which the fast lane answers while Neo4j is up and leaves to Apollo when a read
      // fails (server/http/graphql-fast-lane.ts).
      const lookup = () =>
        fetch(`${http.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query: `{ entities(where: { id: { eq: "org:nobody" } }) { id } }` }),
        });
      expect(await (await lookup()).json()).toEqual({ data: { entities: [] } });
      await neo4j.stop();
      const down = await fetch(`${http.url}/healthz`);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ status: "unavailable", neo4j: { reachable: false } });
      const lookupDown = await lookup();
      // As before the lane: Apollo answers, with the code and a clear message, and HTTP 503, as /healthz.
      expect(lookupDown.status).toBe(503);
      await new Promise((r) => setTimeout(r, 1000)); // polls every 200 ms, each failing at once while Neo4j is down
      expect(back).toBe(0);
      expect(await lookupDown.json()).toEqual({
        data: null,
        errors: [
          expect.objectContaining({
            message: expect.stringMatching(/Neo4j is not reachable/),
            extensions: { code: "UPSTREAM_UNAVAILABLE" },
          }),
        ],
      });
      // The lane hands its failed read to Apollo, which answers from it: Neo4j is tried once a read, and
      // the answer is the one Apollo gives alone (the same request chunked, which the lane leaves to it).
      for (const query of [
        `{ entities(where: { id: { eq: "org:nobody" } }) { id } }`,
        `{ neighbourhood(id: "org:nobody") { truncated } }`,
      ]) {
        const { response, reads } = await asApolloAlone(own, http.url, JSON.stringify({ query }));
        expect(reads).toHaveLength(1);
        expect(response.status).toBe(503);
        expect(JSON.parse(response.body).errors[0].extensions.code).toBe("UPSTREAM_UNAVAILABLE");
      }
      neo4j = await startLocalNeo4j(options);
      let status = 0;
      for (let i = 0; i < 30 && status !== 200; i++) {
        status = (await fetch(`${http.url}/healthz`)).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 1000));
      }
      expect(status).toBe(200);
      expect(await (await lookup()).json()).toEqual({ data: { entities: [] } });
      for (let i = 0; i < 50 && back === 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(back).toBe(1);
      await new Promise((r) => setTimeout(r, 600)); // more polls, Neo4j still up: no second call
      expect(back).toBe(1);
    } finally {
      watch.stop();
      await polled.close();
      await http.close();
      await own.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe("npm start with the local Neo4j", () => {
  it("seeds an empty database, serves, and on SIGTERM shuts Neo4j down so the next start needs no recovery", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "innograph-start-"));
    const env = {
      NEO4J_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(await freePort()),
      NEO4J_PASSWORD: "start-test",
      NEO4J_HEAP: "512m",
      PORT: String(await freePort()),
    };
    try {
      for (const round of [1, 2]) {
        // The second start without the warm-up (WARM_UP=off).
        const child = startCli("server/main.ts", [], round === 1 ? env : { ...env, WARM_UP: "off" });
        let all = "";
        child.stdout!.on("data", (d: Buffer) => (all += d.toString()));
        const out = await waitForOutput(child, /innograph: serving/);
        expect(out).toMatch(round === 1 ? /seed: the database was empty; loaded \d+ nodes/ : /graph: \d+ nodes and \d+ relationships/);
        if (round === 1) {
          // The page's first requests, made once after start (server/warm-up.ts), all answered.
          await waitForOutput(child, /innograph: warm-up: .*\n/);
          expect(all).toMatch(
            /innograph: warm-up: 6 of the page's requests in [\d.]+ s \(stats [\d.]+ s, neighbourhood [\d.]+ s, search [\d.]+ s, shortestPaths [\d.]+ s, fundingFlows from a funder [\d.]+ s, fundingFlows to a recipient [\d.]+ s\)/,
          );
        }
        const health = (await (await fetch(`http://127.0.0.1:${env.PORT}/healthz`)).json()) as { neo4j: { nodes: number } };
        expect(health.neo4j.nodes).toBeGreaterThan(80);
        const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
        if (round === 2) expect(all).not.toMatch(/warm/);
      }
      const debugLog = path.join(dataDir, "logs", "debug.log");
      expect(existsSync(debugLog)).toBe(true);
      expect(readFileSync(debugLog, "utf8")).not.toMatch(/Recovery required|recovery completed/i);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
