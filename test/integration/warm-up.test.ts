import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Session } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { freePort } from "../../neo4j/start-neo4j.ts";
import { describeWarmUp, warmUp } from "../../server/warm-up.ts";
import { connectTestDb, seededGraph, startTestServer, wipeGraph } from "../helpers/test-graph.ts";

const PAGE_REQUESTS = ["stats", "neighbourhood", "search", "shortestPaths", "fundingFlows from a funder", "fundingFlows to a recipient"];

describe("warming Neo4j's plans with the page's first requests (server/warm-up.ts)", () => {
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

  it("makes each of the page's first requests once, against entities of the graph, and all are answered", async () => {
    // The statements run meanwhile: every read of the server goes through a driver session's run.
    const seen: string[] = [];
    const run = Session.prototype.run;
    Session.prototype.run = function (this: Session, ...a: Parameters<Session["run"]>) {
      seen.push(String(a[0]));
      return run.apply(this, a);
    } as Session["run"];
    let report;
    try {
      report = await warmUp(http.url);
    } finally {
      Session.prototype.run = run;
    }
    expect(report.stopped).toBeUndefined();
    expect(report.requests.map((r) => r.name)).toEqual(PAGE_REQUESTS);
    expect(describeWarmUp(report)).toMatch(/^6 of the page's requests in [\d.]+ s \(stats [\d.]+ s, neighbourhood/);
    // The page's named queries ran: among them the neighbourhood's (two levels) and the flows'.
    const text = seen.join("\n");
    for (const part of ["UNWIND $sized.frontier", "allShortestPaths", "entity_search", "MATCH (root:Entity {id: $sized.id})"])
      expect(text).toContain(part);
    expect(seen.filter((q) => q.includes("UNWIND $sized.frontier"))).toHaveLength(2);
  });

  it("stops at the first request that fails, and says why", async () => {
    const nobody = `http://127.0.0.1:${await freePort()}`;
    const report = await warmUp(nobody);
    expect(report.requests).toEqual([]);
    expect(report.stopped).toBe("api: stats: the server does not answer; is it running?");
    expect(describeWarmUp(report)).toMatch(/^0 of the page's requests in [\d.]+ s, then stopped: api: stats: the server does not answer/);
  });

  it("goes on after a request that fails, and says which failed and why", async () => {
    // The server behind a proxy that answers the neighbourhood as the server does a query past its time limit.
    const proxy = createServer((req, res) => {
      void (async () => {
        let body = "";
        for await (const chunk of req) body += String(chunk);
        if (body.includes("query Neighbourhood")) {
          const errors = [{ message: "neighbourhood: the query ran past its time limit and was stopped", extensions: { code: "TIMEOUT" } }];
          return void res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ errors, data: null }));
        }
        const answer = await fetch(`${http.url}${req.url}`, { method: "POST", headers: { "content-type": "application/json" }, body });
        res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
      })();
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", () => resolve()));
    let report;
    try {
      report = await warmUp(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
    } finally {
      await new Promise((resolve) => proxy.close(resolve));
    }
    expect(report.stopped).toBeUndefined();
    // The flows' funder and recipient come from stats' most connected instead of the neighbourhood.
    expect(report.requests.map((r) => r.name)).toEqual(PAGE_REQUESTS);
    expect(report.requests.filter((r) => r.failed).map((r) => [r.name, r.failed])).toEqual([
      ["neighbourhood", "api: neighbourhood: neighbourhood: the query ran past its time limit and was stopped"],
    ]);
    expect(describeWarmUp(report)).toMatch(
      /^5 of the page's requests in [\d.]+ s, 1 failed \(stats [\d.]+ s, neighbourhood [\d.]+ s failed: api: neighbourhood: neighbourhood: the query ran past/,
    );
  });

  it("on an empty graph makes only the first request", async () => {
    await wipeGraph(db);
    const report = await warmUp(http.url);
    expect(report.stopped).toBeUndefined();
    expect(report.requests.map((r) => r.name)).toEqual(["stats"]);
    expect(describeWarmUp(report)).toMatch(/^1 of the page's requests in [\d.]+ s \(stats [\d.]+ s\)$/);
    await seededGraph(db);
  });
});
