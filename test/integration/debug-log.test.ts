/**
 * `DEBUG=@neo4j/graphql:*` logs each request's whole context, our Database and its driver included.
 * Printed to any depth (`DEBUG_DEPTH`), those must show where they read, never the password.
 */
import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import createDebug from "debug";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, gql, seededGraph, signedToken, startTestServer } from "../helpers/test-graph.ts";

const SECRET = "debug-log-secret-debug-log-secret-0123";

const token = (roles: string[]): Promise<string> => signedToken(SECRET, roles);

describe("debug logging", () => {
  let db: Database;
  let http: RunningHttp;
  const lines: string[] = [];
  const { log, formatters } = createDebug;
  const formatObject = formatters.O;

  beforeAll(async () => {
    db = await connectTestDb();
    await seededGraph(db);
    http = await startTestServer(db, { JWT_SECRET: SECRET });
    createDebug.log = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    // What DEBUG_DEPTH=Infinity makes debug's %O print.
    createDebug.formatters.O = (v: unknown) => inspect(v, { depth: Infinity });
    createDebug.enable("@neo4j/graphql:*");
  });

  afterAll(async () => {
    createDebug.enable("");
    createDebug.log = log;
    if (formatObject) createDebug.formatters.O = formatObject;
    await http?.close();
    await db?.close();
  });

  it("prints each request's context without the Neo4j password, to any depth", async () => {
    const { password } = inject("neo4j");
    const auth = { authorization: `Bearer ${await token(["editor"])}` };
    // Through Apollo and the library (a token keeps a read off the fast lane), a mutation, and a custom resolver.
    expect((await gql(http.url, `{ organisations(where: { id: { eq: "org:aurubis" } }) { id } }`, {}, auth)).errors).toBeUndefined();
    const created = await gql(
      http.url,
      `mutation { createTopics(input: [{ id: "topic:debug-log", name: "Debug log", aliases: [] }]) { topics { id } } }`,
      {},
      auth,
    );
    expect(created.errors).toBeUndefined();
    await gql(http.url, `mutation { deleteTopics(where: { id: { eq: "topic:debug-log" } }) { nodesDeleted } }`, {}, auth);
    expect((await gql(http.url, `{ neighbourhood(id: "cluster:spin") { truncated } }`, {}, auth)).errors).toBeUndefined();

    const contexts = lines.filter((l) => l.includes("incoming context"));
    expect(contexts.length).toBeGreaterThanOrEqual(3);
    expect(contexts.join("\n")).toContain("Database {");
    expect(lines.filter((l) => l.includes(password))).toEqual([]);
  });
});
