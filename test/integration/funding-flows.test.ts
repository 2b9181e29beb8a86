import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import { fundingFlows } from "../../server/graphql/resolvers/funding-flows.ts";
import { connectTestDb, fixtureGraph, startTestServer, wipeGraph } from "../helpers/test-graph.ts";
import { createApi } from "../../client/api/operations.ts";
import { validate, fundingFlows as fundingFlowsShape } from "../../client/api/validate.ts";
import { post } from "../helpers/post-graphql.ts";

// A ministry with a sub-unit funds two clusters (one amount unknown) and a programme; the programme funds two projects, whose
// participants (and the cluster's members) get shares. Facts left out are taken from the flow above.
const GRAPH = `
CREATE (m:Entity:Ministry {id: "ministry:m", name: "Ministry"}),
       (u:Entity:Ministry {id: "ministry:u", name: "Unit"})-[:PART_OF {id: "e:part"}]->(m),
       (c:Entity:Cluster {id: "cluster:c", name: "Cluster"}),
       (d:Entity:Cluster {id: "cluster:d", name: "Dormant"}),
       (p:Entity:Project {id: "project:p", name: "Programme", kind: "programme"}),
       (q:Entity:Project {id: "project:q", name: "Project Q"}),
       (r:Entity:Project {id: "project:r", name: "Project R"}),
       (big:Entity:Organisation {id: "org:big", name: "Big"}),
       (upper:Entity:Organisation {id: "org:upper", name: "Alpha"}),
       (lower:Entity:Organisation {id: "org:lower", name: "alpha"}),
       (t1:Entity:Organisation {id: "org:t1", name: "Twin"}),
       (t2:Entity:Organisation {id: "org:t2", name: "Twin"}),
       (m)-[:FUNDS {id: "e:1", amount: 100, currency: "EUR", status: "committed", startDate: "2019", endDate: "2020"}]->(c),
       (m)-[:FUNDS {id: "e:2", currency: "EUR", status: "intended"}]->(d),
       (u)-[:FUNDS {id: "e:3", amount: 300, currency: "EUR", status: "announced", startDate: "2021-03"}]->(p),
       (p)-[:FUNDS {id: "e:4", amount: 250, currency: "EUR"}]->(q),
       (p)-[:FUNDS {id: "e:5"}]->(r),
       (big)-[:PARTICIPATES_IN {id: "e:6", amount: 1000, currency: "EUR"}]->(q),
       (upper)-[:PARTICIPATES_IN {id: "e:7", amount: 20, currency: "EUR"}]->(q),
       (lower)-[:PARTICIPATES_IN {id: "e:8", amount: 20, currency: "EUR"}]->(r),
       (t1)-[:MEMBER_OF {id: "e:9", amount: 5, currency: "EUR"}]->(c),
       (t2)-[:MEMBER_OF {id: "e:10", amount: 5, currency: "EUR"}]->(c),
       (u)-[:MEMBER_OF {id: "e:11"}]->(c),
       (upper)-[:MEMBER_OF {id: "e:12"}]->(c)
`;

type Answer = Awaited<ReturnType<typeof fundingFlows>>;
const path = (f: Answer["flows"][number]) => [f.level, f.funder.id, ...f.via.map((v) => v.id), f.recipient.id].join(" > ");

describe("fundingFlows over a small funding chain", () => {
  let db: Database;

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(db, GRAPH);
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it("follows money three levels down, each flow taking the facts it leaves out from the flow that reached its source", async () => {
    const r = await fundingFlows(db, { funderId: "ministry:m", depth: 3 });
    expect(r.funders.map((f) => f.id)).toEqual(["ministry:m", "ministry:u"]);
    const toBig = r.flows.find((f) => f.recipient.id === "org:big");
    expect(toBig).toMatchObject({ level: 3, amount: 1000, currency: "EUR", status: "announced", startDate: "2021-03", endDate: null });
    expect(toBig!.via.map((v) => v.id)).toEqual(["project:p", "project:q"]);
    expect(toBig!.edge).toMatchObject({ id: "e:6", type: "PARTICIPATES_IN", source: "org:big", target: "project:q" });
    // An unknown amount takes the currency of the flow above; a funder's own membership is no flow.
    expect(r.flows.find((f) => f.recipient.id === "project:r")).toMatchObject({
      level: 2,
      amount: null,
      currency: "EUR",
      status: "announced",
    });
    expect(r.flows.some((f) => f.recipient.id === "ministry:u")).toBe(false);
    // Depth 2 stops at the projects and the cluster's members.
    const two = await fundingFlows(db, { funderId: "ministry:m" });
    expect(two.flows.map((f) => f.level).sort()).toEqual([1, 1, 1, 2, 2, 2, 2, 2]);
    expect(two.flows.filter((f) => f.level === 2).map(path)).toEqual(
      expect.arrayContaining(["2 > project:p > project:p > project:q", "2 > cluster:c > cluster:c > org:t1"]),
    );
  });

  it("ranks recipients by amount, then by name as people read it, then by first appearance; unknown amounts apart", async () => {
    const r = await fundingFlows(db, { funderId: "ministry:m", depth: 3 });
    const rows = r.recipients.map((x) => [x.recipient.id, x.currency, x.amount, x.flows, x.unknownAmounts]);
    const byName = ["Alpha", "alpha"].sort((a, b) => a.localeCompare(b));
    const alphas = byName.map((name) => (name === "Alpha" ? "org:upper" : "org:lower"));
    // The twins share a name and an amount: the one whose flow comes first comes first.
    const twins = r.flows.filter((f) => f.recipient.name === "Twin").map((f) => f.recipient.id);
    expect(twins).toHaveLength(2);
    expect(rows).toEqual([
      ["org:big", "EUR", 1000, 1, 0],
      ["project:p", "EUR", 300, 1, 0],
      ["project:q", "EUR", 250, 1, 0],
      ["cluster:c", "EUR", 100, 1, 0],
      [alphas[0], "EUR", 20, 1, 0],
      [alphas[1], "EUR", 20, 1, 0],
      [twins[0], "EUR", 5, 1, 0],
      [twins[1], "EUR", 5, 1, 0],
      ["org:upper", null, null, 1, 1],
      ["cluster:d", null, null, 1, 1],
      ["project:r", null, null, 1, 1],
    ]);
  });

  it("returns the first `limit` flows but counts every matching one in totals, recipients and truncation", async () => {
    const all = await fundingFlows(db, { funderId: "ministry:m", depth: 3 });
    const page = await fundingFlows(db, { funderId: "ministry:m", depth: 3, limit: 2 });
    expect(page.flows.map(path)).toEqual(all.flows.slice(0, 2).map(path));
    expect(page.subgraph.truncated).toBe(true);
    expect(all.subgraph.truncated).toBe(false);
    // The largest recipient is reached at level 3, far past the page.
    expect(page.recipients.map((x) => [x.recipient.id, x.amount])).toEqual([
      ["org:big", 1000],
      ["project:p", 300],
    ]);
    expect(page.recipients[0]!.recipient).toEqual(all.recipients[0]!.recipient);
    expect(page.totals).toEqual(all.totals);
    expect(all.totals).toEqual([
      { currency: "EUR", status: "committed", amount: 100, count: 1 },
      { currency: "EUR", status: "announced", amount: 300, count: 1 },
    ]);
    expect(all.unknownAmounts).toBe(1);
  });

  it("filters on the facts a flow takes from above: status, and a period that leaves undated flows out", async () => {
    const announced = await fundingFlows(db, { funderId: "ministry:m", depth: 3, status: ["announced"] });
    expect(announced.flows.map((f) => f.recipient.id).sort()).toEqual([
      "org:big",
      "org:lower",
      "org:upper",
      "project:p",
      "project:q",
      "project:r",
    ]);
    expect(announced.totals).toEqual([{ currency: "EUR", status: "announced", amount: 300, count: 1 }]);
    const late = await fundingFlows(db, { funderId: "ministry:m", depth: 3, from: "2021-06", to: "2030" });
    expect(late.flows.map((f) => f.recipient.id).sort()).toEqual(announced.flows.map((f) => f.recipient.id).sort());
    // The cluster's members take its funding's period (2019–2020).
    const early = await fundingFlows(db, { funderId: "ministry:m", depth: 3, to: "2019-01" });
    expect(early.flows.map((f) => f.recipient.id).sort()).toEqual(["cluster:c", "org:t1", "org:t2", "org:upper"]);
    expect(early.subgraph.truncated).toBe(false);
  });

  it("follows money back to a recipient: directly, and as its share of what reaches the clusters and projects it belongs to", async () => {
    const r = await fundingFlows(db, { recipientId: "org:upper" });
    expect(r.direction).toBe("TO_RECIPIENT");
    expect(r.funders.map((f) => f.id).sort()).toEqual(["ministry:m", "project:p"]);
    expect(r.funders.find((f) => f.id === "project:p")).toMatchObject({ name: "Programme", kind: "programme" });
    expect(r.flows.map(path).sort()).toEqual(["2 > ministry:m > cluster:c > org:upper", "2 > project:p > project:q > org:upper"]);
    // Its share of the programme's 250 to Project Q is its own 20; of the cluster's 100 unknown, in the currency and
    // with the status and period of the cluster's funding.
    const viaQ = r.flows.find((f) => f.via[0]!.id === "project:q")!;
    expect(viaQ).toMatchObject({ level: 2, amount: 20, currency: "EUR", amountKnown: true, status: null });
    expect(viaQ.edge).toMatchObject({ id: "e:4", source: "project:p", target: "project:q", amount: 250 });
    expect(viaQ.via[0]).toMatchObject({ name: "Project Q", type: "Project" });
    const viaC = r.flows.find((f) => f.via[0]!.id === "cluster:c")!;
    expect(viaC).toMatchObject({
      amount: null,
      currency: "EUR",
      amountKnown: false,
      status: "committed",
      startDate: "2019",
      endDate: "2020",
    });
    // Direct flows alone make the totals; the memberships that carry the shares are in the subgraph.
    expect(r.totals).toEqual([]);
    expect(r.unknownAmounts).toBe(0);
    expect(r.recipients.map((x) => [x.recipient.id, x.currency, x.amount, x.flows, x.unknownAmounts])).toEqual([
      ["org:upper", "EUR", 20, 1, 0],
      ["org:upper", null, null, 1, 1],
    ]);
    expect(r.subgraph.edges.map((e) => e.id).sort()).toEqual(["e:1", "e:12", "e:4", "e:7"]);
    expect(r.subgraph.edges.find((e) => e.id === "e:7")).toMatchObject({
      type: "PARTICIPATES_IN",
      source: "org:upper",
      target: "project:q",
    });
    const committed = await fundingFlows(db, { recipientId: "org:upper", status: ["committed"], limit: 1 });
    expect(committed.flows.map(path)).toEqual(["2 > ministry:m > cluster:c > org:upper"]);
    expect(committed.recipients.map((x) => [x.currency, x.amount, x.unknownAmounts])).toEqual([[null, null, 1]]);
    // The subgraph holds both ends of each of its edges: of the memberships, only those of the page's vias.
    for (const answer of [r, committed]) {
      const ids = new Set(answer.subgraph.nodes.map((n) => n.id));
      expect(answer.subgraph.edges.filter((e) => !ids.has(e.source) || !ids.has(e.target))).toEqual([]);
    }
    expect(committed.subgraph.edges.map((e) => e.id)).not.toContain("e:7");
    const direct = await fundingFlows(db, { recipientId: "project:q", to: "2018" });
    expect(direct.flows).toEqual([]);
    expect((await fundingFlows(db, { recipientId: "project:q" })).totals).toEqual([
      { currency: "EUR", status: "unknown", amount: 250, count: 1 },
    ]);
  });
});

// Regression: the currency "null" (as stored text) was grouped with no currency, and a known amount in the currency ""
// with the unknown amounts, in totals and recipients alike.
// The page asks for each flow's edge and nodes by reference and puts them back from the subgraph
// (client/api/join-flows.ts): what it gets must be what asking for them in full gives.
it("gives the page every flow whole, as asking for the flows' edges and nodes in full does", async () => {
  const db = await connectTestDb();
  await fixtureGraph(db, GRAPH);
  const http = await startTestServer(db);
  try {
    const NODE = "id type name kind aliases properties";
    const EDGE = `id type source target role startDate endDate amount currency amountEur status period purpose
      citations { sourceId title publisher date evidence } properties`;
    const SUBGRAPH = `nodes { ${NODE} } edges { ${EDGE} } truncated omittedNodes`;
    const full = `query Flows($funderId: ID, $recipientId: ID, $depth: Int) {
      fundingFlows(funderId: $funderId, recipientId: $recipientId, depth: $depth) {
        root { ${NODE} } direction funders { ${NODE} }
        flows { edge { ${EDGE} } funder { ${NODE} } recipient { ${NODE} } via { ${NODE} } level amount currency amountKnown status startDate endDate }
        totals { currency status amount count } unknownAmounts
        recipients { recipient { ${NODE} } currency amount flows unknownAmounts }
        subgraph { ${SUBGRAPH} } } }`;
    const api = createApi(`${http.url}/graphql`);
    for (const args of [
      { funderId: "ministry:m", depth: 3 },
      { funderId: "ministry:u", depth: 2 },
      { recipientId: "org:big" },
      { recipientId: "org:t1" },
    ]) {
      const page = await api.fundingFlows(args);
      const res = await post(http.url, JSON.stringify({ query: full, variables: { depth: 2, ...args } }));
      const inFull = validate(
        "fundingFlows",
        fundingFlowsShape,
        (JSON.parse(res.body) as { data: { fundingFlows: unknown } }).data.fundingFlows,
      );
      expect(page.flows.length).toBeGreaterThan(0);
      expect(page).toEqual(inFull);
    }
    // One of them reaches its recipient through others.
    expect((await api.fundingFlows({ funderId: "ministry:m", depth: 3 })).flows.some((f) => f.via.length > 0)).toBe(true);
  } finally {
    await http.close();
    await wipeGraph(db);
    await db.close();
  }
});

describe("fundingFlows keeps currencies apart that only look alike", () => {
  let db: Database;

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(
      db,
      `CREATE (m:Entity:Ministry {id: "ministry:m", name: "Ministry"}), (r:Entity:Organisation {id: "org:r", name: "Recipient"}),
              (m)-[:FUNDS {id: "e:text-null", amount: 10, currency: "null", status: "committed"}]->(r),
              (m)-[:FUNDS {id: "e:none", amount: 20, status: "committed"}]->(r),
              (m)-[:FUNDS {id: "e:empty", amount: 1, currency: "", status: "committed"}]->(r),
              (m)-[:FUNDS {id: "e:unknown", currency: "", status: "committed"}]->(r)`,
    );
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it.each([
    ["from the funder", { funderId: "ministry:m" }],
    ["to the recipient", { recipientId: "org:r" }],
  ])('groups the text "null", no currency and the text "" apart, %s', async (_direction, args) => {
    const r = await fundingFlows(db, args);
    expect(r.flows).toHaveLength(4);
    const byAmount = <T extends { amount: number | null }>(xs: T[]) => [...xs].sort((a, b) => (b.amount ?? -1) - (a.amount ?? -1));
    expect(byAmount(r.totals)).toEqual([
      { currency: "?", status: "committed", amount: 20, count: 1 },
      { currency: "null", status: "committed", amount: 10, count: 1 },
      { currency: "", status: "committed", amount: 1, count: 1 },
    ]);
    expect(r.unknownAmounts).toBe(1);
    expect(r.recipients.map((x) => [x.recipient.id, x.currency, x.amount, x.flows, x.unknownAmounts])).toEqual([
      ["org:r", null, 20, 1, 0],
      ["org:r", "null", 10, 1, 0],
      ["org:r", "", 1, 1, 0],
      ["org:r", null, null, 1, 1],
    ]);
  });
});

// The backward statement reads only the facts of the recipient's memberships; the answer's subgraph must still show the
// page's in full, and a malformed date stored on one must still fail a time filter as it did.
describe("fundingFlows backwards reads memberships' facts for every flow and the page's memberships in full", () => {
  let db: Database;

  beforeAll(async () => {
    db = await connectTestDb();
    await fixtureGraph(
      db,
      `CREATE (m:Entity:Ministry {id: "ministry:m", name: "Ministry"}), (c:Entity:Cluster {id: "cluster:c", name: "Cluster"}),
              (p:Entity:Project {id: "project:p", name: "Project"}), (o:Entity:Organisation {id: "org:o", name: "Member"}),
              (:Source {id: "src:a", title: "Annual report", publisher: "Cluster office"}),
              (m)-[:FUNDS {id: "e:to-c", amount: 100, currency: "EUR", status: "committed", startDate: "2019"}]->(c),
              (m)-[:FUNDS {id: "e:to-p", amount: 50, currency: "EUR", status: "committed", startDate: "2018"}]->(p),
              (o)-[:MEMBER_OF {id: "e:member", role: "founding member", startDate: "June 2019", amount: 7, currency: "EUR",
                               sources: ["src:a"], evidence: ["founded by Member"]}]->(c),
              (o)-[:PARTICIPATES_IN {id: "e:part", role: "partner", amount: 3, currency: "EUR"}]->(p)`,
    );
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it("rejects a time filter over a membership whose stored date is no partial ISO date, as before", async () => {
    await expect(fundingFlows(db, { recipientId: "org:o", to: "2020" })).rejects.toThrow(
      new RangeError('not a partial ISO date: "June 2019"'),
    );
  });

  it("shows the page's memberships with every property and citation, and no others", async () => {
    const r = await fundingFlows(db, { recipientId: "org:o" });
    expect(r.flows.map((f) => [f.via[0]!.id, f.amount, f.startDate, f.edge.id]).sort()).toEqual([
      ["cluster:c", 7, "June 2019", "e:to-c"],
      ["project:p", 3, "2018", "e:to-p"],
    ]);
    expect(r.subgraph.edges.find((e) => e.id === "e:member")).toMatchObject({
      type: "MEMBER_OF",
      source: "org:o",
      target: "cluster:c",
      role: "founding member",
      startDate: "June 2019",
      amount: 7,
      citations: [{ sourceId: "src:a", title: "Annual report", publisher: "Cluster office", date: null, evidence: "founded by Member" }],
    });
    expect(r.subgraph.edges.find((e) => e.id === "e:part")).toMatchObject({ type: "PARTICIPATES_IN", role: "partner" });
    const page = await fundingFlows(db, { recipientId: "org:o", limit: 1 });
    const membership = page.flows[0]!.via[0]!.id === "cluster:c" ? "e:member" : "e:part";
    expect(page.subgraph.edges.map((e) => e.id)).toEqual([page.flows[0]!.edge.id, membership]);
  });
});

describe("fundingFlows reads its root, and the PART_OF links among the funders, with its first statement", () => {
  let db: Database;
  let sent: string[] = [];
  let counted: Database;

  beforeAll(async () => {
    db = await connectTestDb();
    counted = db.through((cypher, params, read) => {
      sent.push(cypher);
      return read(cypher, params);
    });
    await fixtureGraph(
      db,
      `CREATE (land:Entity:Ministry {id: "ministry:land", name: "Land"}),
              (unit:Entity:Ministry {id: "ministry:unit", name: "Unit"})-[:PART_OF {id: "e:unit-land"}]->(land),
              (o:Entity:Organisation {id: "org:o", name: "O"}),
              (:Entity:Organisation {id: "org:unfunded", name: "Unfunded"}),
              (land)-[:FUNDS {id: "e:land-o", amount: 10, currency: "EUR"}]->(o),
              (unit)-[:FUNDS {id: "e:unit-o", amount: 5, currency: "EUR"}]->(o)`,
    );
  });
  afterAll(async () => {
    await wipeGraph(db);
    await db.close();
  });

  it("from a funder: three statements, the sub-unit's PART_OF link in the subgraph", async () => {
    sent = [];
    const r = await fundingFlows(counted, { funderId: "ministry:land", depth: 1 }, { citations: false });
    expect(sent).toHaveLength(3);
    expect(r.root).toMatchObject({ id: "ministry:land", name: "Land" });
    expect(r.funders.map((f) => f.id)).toEqual(["ministry:land", "ministry:unit"]);
    expect(r.subgraph.edges.map((e) => e.id).sort()).toEqual(["e:land-o", "e:unit-land", "e:unit-o"]);
    expect(r.subgraph.edges.find((e) => e.id === "e:unit-land")).toMatchObject({
      type: "PART_OF",
      source: "ministry:unit",
      target: "ministry:land",
    });
  });

  it("to a recipient: two statements, the PART_OF link between its funders in the subgraph", async () => {
    sent = [];
    const r = await fundingFlows(counted, { recipientId: "org:o" }, { citations: false });
    expect(sent).toHaveLength(2);
    expect(r.root).toMatchObject({ id: "org:o", name: "O" });
    expect(r.subgraph.edges.map((e) => e.id).sort()).toEqual(["e:land-o", "e:unit-land", "e:unit-o"]);
  });

  it("answers a recipient nobody funds with itself alone, and an unknown id NOT_FOUND after one statement", async () => {
    sent = [];
    const alone = await fundingFlows(counted, { recipientId: "org:unfunded" }, { citations: false });
    expect(alone.root.id).toBe("org:unfunded");
    expect(alone.flows).toEqual([]);
    expect(alone.subgraph).toMatchObject({ nodes: [{ id: "org:unfunded" }], edges: [] });
    for (const args of [{ funderId: "ministry:nobody" }, { recipientId: "org:nobody" }]) {
      sent = [];
      const argument = Object.keys(args)[0];
      await expect(fundingFlows(counted, args)).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: `no entity with id "${Object.values(args)[0]}" (\`${argument}\`)`,
      });
      expect(sent).toHaveLength(1);
    }
  });
});
