import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { joinedMessages, joinsMessages } from "../../server/db/whole-messages.ts";
import { connectTestDb } from "../helpers/test-graph.ts";

// A record larger than one Bolt chunk: the driver reads it from one joined buffer (server/db/whole-messages.ts).
// Values of every kind the API reads, strings with two- and three-byte characters at every offset, so some fall
// across a chunk's end.
describe("records of several chunks", () => {
  let db: Database;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => db.close());

  it("are joined with the installed neo4j-driver (else its internals changed: see whole-messages.ts)", () => {
    expect(joinsMessages()).toBe(true);
  });

  it("decode to the same values as Neo4j sent, and are joined", async () => {
    const before = joinedMessages();
    const [row] = await db.read(
      `RETURN [i IN range(0, 20000) | {n: i, s: substring('Grüße aus Lünen — €', i % 7) + toString(i), f: i / 4.0, b: i % 2 = 0, l: [i, null]}] AS big,
              'tail' AS after`,
      {},
    );
    const expected = Array.from({ length: 20001 }, (_, i) => ({
      n: i,
      s: "Grüße aus Lünen — €".substring(i % 7) + String(i),
      f: i / 4,
      b: i % 2 === 0,
      l: [i, null],
    }));
    expect(row!.big).toEqual(expected);
    expect(row!.after).toBe("tail");
    expect(joinedMessages()).toBeGreaterThan(before);
  });

  it("leave the records of one chunk before and after them as they were", async () => {
    const rows = await db.read(
      `UNWIND range(1, 3) AS i RETURN i, CASE WHEN i = 2 THEN [x IN range(1, 50000) | 'ä'] ELSE [] END AS pad`,
      {},
    );
    expect(rows.map((r) => [r.i, (r.pad as string[]).length, (r.pad as string[]).every((s) => s === "ä")])).toEqual([
      [1, 0, true],
      [2, 50000, true],
      [3, 0, true],
    ]);
  });
});
