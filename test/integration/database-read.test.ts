import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { connectTestDb } from "../helpers/test-graph.ts";

// Database.read runs one statement in an auto-commit transaction (server/db/database.ts): still read-only,
// still bounded in time, errors still worded here, and it sees what was committed before it.
describe("Database.read", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db.write("MATCH (p:DatabaseReadProbe) DELETE p");
    await db.close();
  });

  it("refuses a statement that writes, and nothing is written", async () => {
    await expect(db.read("CREATE (:DatabaseReadProbe {at: 'read'})", {}, { what: "probe" })).rejects.toMatchObject({
      code: "BAD_USER_INPUT",
      message: expect.stringContaining("may only read"),
    });
    expect(await db.read("MATCH (p:DatabaseReadProbe {at: 'read'}) RETURN count(p) AS n")).toEqual([{ n: 0 }]);
  });

  it("stops a statement past its time limit and says so", async () => {
    await expect(
      db.read("UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n", {}, { what: "slow probe", timeoutMs: 200 }),
    ).rejects.toThrow("slow probe: the query ran past its time limit and was stopped");
  });

  it("names the statement in a failure", async () => {
    await expect(db.read("CALL no.such.procedure()", {}, { what: "probe" })).rejects.toThrow(/^probe: /);
  });

  it("sees a write committed just before it", async () => {
    await db.write("CREATE (:DatabaseReadProbe {at: 'write'})");
    expect(await db.read("MATCH (p:DatabaseReadProbe {at: 'write'}) RETURN count(p) AS n")).toEqual([{ n: 1 }]);
  });
});
