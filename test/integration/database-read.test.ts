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

  describe("for one request (forRequest)", () => {
    const SLOW = "UNWIND range(1, 1000000000) AS x WITH x WHERE x < 0 RETURN count(*) AS n";

    it("stops a read when the request's time is up, even where the read itself may take longer", async () => {
      const request = db.forRequest(300);
      await expect(request.read(SLOW, {}, { what: "second read", timeoutMs: 60_000 })).rejects.toMatchObject({
        code: "TIMEOUT",
        message: "second read: the query ran past its time limit and was stopped",
      });
    });

    it("refuses a read asked for after the request's time is up, without asking Neo4j", async () => {
      const request = db.forRequest(20);
      await new Promise((resolve) => setTimeout(resolve, 40));
      await expect(request.read("RETURN 1 AS n", {}, { what: "late read" })).rejects.toMatchObject({
        code: "TIMEOUT",
        message: "late read: the request ran past its time limit before this query",
      });
      await expect(request.inTransaction("READ", (tx) => tx.run("RETURN 1"), { what: "late transaction" })).rejects.toMatchObject({
        code: "TIMEOUT",
      });
    });

    it("reads as the database does while there is time, through the request's tape", async () => {
      const seen: string[] = [];
      const request = db.forRequest(60_000, (query, params, run) => {
        seen.push(query);
        return run(query, params);
      });
      expect(await request.read("RETURN 1 AS n")).toEqual([{ n: 1 }]);
      expect(seen).toEqual(["RETURN 1 AS n"]);
    });
  });

  it("sees a write committed just before it", async () => {
    await db.write("CREATE (:DatabaseReadProbe {at: 'write'})");
    expect(await db.read("MATCH (p:DatabaseReadProbe {at: 'write'}) RETURN count(p) AS n")).toEqual([{ n: 1 }]);
  });

  it("hands every write's bookmark to the reads after it, in any session of this process", async () => {
    // On a single server a read sees a committed write anyway; on a cluster only the bookmark makes a
    // read routed to another member wait for it. The shared manager holds the latest bookmark.
    const manager = db.driver.executeQueryBookmarkManager;
    const bookmarks = async () => [...(await manager.getBookmarks())];
    const before = await bookmarks();
    await db.write("CREATE (:DatabaseReadProbe {at: 'bookmark'})");
    const afterWrite = await bookmarks();
    expect(afterWrite).not.toEqual(before);
    expect(afterWrite.length).toBeGreaterThan(0);
    await db.inTransaction("WRITE", (tx) => tx.run("CREATE (:DatabaseReadProbe {at: 'bookmark'})"));
    expect(await bookmarks()).not.toEqual(afterWrite);
  });
});
