/**
 * A mutation that sets a relationship id runs in a write transaction under the importers' lock
 * (server/graphql/guard-relationship-ids.ts); one the library refuses — no token, a token without the
 * editor role — or that sets an id reserved for the importer's SIMILAR_TO links is refused before any
 * write transaction opens.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Session, SessionConfig } from "neo4j-driver";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { connectTestDb, fixtureGraph, gql, signedToken, startTestServer } from "../helpers/test-graph.ts";
import { holdersOf } from "../helpers/relationship-ids.ts";

const SECRET = "test-secret-test-secret-test-secret-0123";

const GRAPH = `CREATE (:Entity:Organisation {id: 'org:guard-a', name: 'Guard A', aliases: []}),
  (:Entity:Cluster {id: 'cluster:guard-x', name: 'Guard X', aliases: []})`;

let db: Database;
let http: RunningHttp;
let editor: Record<string, string>;

const connect = (id: string, headers: Record<string, string>) =>
  gql(
    http.url,
    `mutation ($id: ID!) { updateOrganisations(where: { id: { eq: "org:guard-a" } }, update: { memberOf: [{ connect: [{ where: { node: { id: { eq: "cluster:guard-x" } } }, edge: { id: $id, sources: [], evidence: [] } }] }] }) { info { relationshipsCreated } } }`,
    { id },
    headers,
  );

const holders = (id: string) => holdersOf(db, id);

/** How many write transactions the shared driver opens while `work` runs (executeWrite or beginTransaction on a WRITE session). */
async function writeTransactionsDuring(work: () => Promise<unknown>): Promise<number> {
  const driver = db.driver as unknown as { session: (config?: SessionConfig) => Session };
  const session = driver.session.bind(driver);
  let opened = 0;
  driver.session = (config?: SessionConfig) => {
    const s = session(config);
    const executeWrite = s.executeWrite.bind(s);
    s.executeWrite = ((...a: Parameters<Session["executeWrite"]>) => {
      opened++;
      return executeWrite(...a);
    }) as Session["executeWrite"];
    const begin = s.beginTransaction.bind(s);
    s.beginTransaction = ((...a: Parameters<Session["beginTransaction"]>) => {
      if (config?.defaultAccessMode === "WRITE") opened++;
      return begin(...a);
    }) as Session["beginTransaction"];
    return s;
  };
  try {
    await work();
  } finally {
    delete (driver as { session?: unknown }).session;
  }
  return opened;
}

beforeAll(async () => {
  db = await connectTestDb();
  await fixtureGraph(db, GRAPH);
  http = await startTestServer(db, { JWT_SECRET: SECRET });
  editor = { authorization: `Bearer ${await signedToken(SECRET, ["editor"])}` };
});
afterAll(async () => {
  await http.close();
  await db.close();
});
beforeEach(async () => {
  await fixtureGraph(db, GRAPH);
});

describe("a mutation that sets a relationship id", () => {
  it("is refused without a token before a write transaction opens", async () => {
    let r: Awaited<ReturnType<typeof connect>> | undefined;
    const opened = await writeTransactionsDuring(async () => (r = await connect("e:guard-anon", {})));
    expect(r?.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(opened).toBe(0);
    expect(await holders("e:guard-anon")).toEqual([]);
  });

  it("is refused with a token without the editor role before a write transaction opens", async () => {
    const reader = { authorization: `Bearer ${await signedToken(SECRET, ["reader"])}` };
    let r: Awaited<ReturnType<typeof connect>> | undefined;
    const opened = await writeTransactionsDuring(async () => (r = await connect("e:guard-reader", reader)));
    expect(r?.errors?.[0]?.extensions?.code).toMatch(/^(UNAUTHENTICATED|FORBIDDEN)$/);
    expect(opened).toBe(0);
    expect(await holders("e:guard-reader")).toEqual([]);
  });

  it("is refused, before a write transaction opens, when the id starts like the importer's SIMILAR_TO ids", async () => {
    let r: Awaited<ReturnType<typeof connect>> | undefined;
    const opened = await writeTransactionsDuring(async () => (r = await connect("e:similar-org:guard-a~org:guard-b", editor)));
    expect(r?.errors?.[0]).toMatchObject({
      extensions: { code: "BAD_USER_INPUT" },
      message: expect.stringContaining('relationship id "e:similar-org:guard-a~org:guard-b" starts with "e:similar-"'),
    });
    expect(opened).toBe(0);
    expect(await holders("e:similar-org:guard-a~org:guard-b")).toEqual([]);
  });

  it("is written by an editor in one write transaction, as before", async () => {
    let r: Awaited<ReturnType<typeof connect>> | undefined;
    const opened = await writeTransactionsDuring(async () => (r = await connect("e:guard-edit", editor)));
    expect(r?.errors).toBeUndefined();
    expect(r?.data).toEqual({ updateOrganisations: { info: { relationshipsCreated: 1 } } });
    expect(opened).toBe(1);
    expect(await holders("e:guard-edit")).toEqual([{ type: "MEMBER_OF", from: "org:guard-a", to: "cluster:guard-x" }]);
  });
});
