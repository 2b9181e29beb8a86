import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/database.ts";
import type { RunningHttp } from "../../server/start-http.ts";
import { countGraph } from "../../server/db/count-graph.ts";
import { connectTestDb, gql, seededGraph, signedToken, startTestServer } from "../helpers/test-graph.ts";

const SECRET = "test-secret-test-secret-test-secret-0123";

const token = (roles: string[], secret = SECRET): Promise<string> => signedToken(secret, roles);

const NODE = "node { id type name }";
const EDGE = "id type source target role amount currency status startDate endDate citations { sourceId title publisher date evidence }";

describe("the GraphQL API over the seed graph", () => {
  let db: Database;
  let http: RunningHttp;
  let url: string;
  let counts: { nodes: number; relationships: number };

  beforeAll(async () => {
    db = await connectTestDb();
    counts = await seededGraph(db);
    http = await startTestServer(db, { JWT_SECRET: SECRET });
    url = http.url;
  });
  afterAll(async () => {
    await http.close();
    await db.close();
  });

  describe("bad input", () => {
    it("answers NOT_FOUND for an unknown id", async () => {
      const r = await gql(url, `{ neighbourhood(id: "org:nobody") { truncated } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
      expect(r.errors?.[0]?.message).toContain('"org:nobody"');
      // shortestPaths checks both ends in the statement that searches the paths; each names its argument.
      const to = await gql(url, `{ shortestPaths(fromId: "org:aurubis", toId: "org:nobody") { length } }`);
      expect(to.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, message: 'no entity with id "org:nobody" (`toId`)' });
      const from = await gql(url, `{ shortestPaths(fromId: "org:nobody", toId: "org:aurubis") { length } }`);
      expect(from.errors?.[0]).toMatchObject({ extensions: { code: "NOT_FOUND" }, message: 'no entity with id "org:nobody" (`fromId`)' });
      const both = await gql(url, `{ shortestPaths(fromId: "org:nobody", toId: "org:nobody-either") { length } }`);
      expect(both.errors?.[0]?.message).toContain("`fromId`");
      const long = await gql(url, `{ shortestPaths(fromId: "org:aurubis", toId: "${"x".repeat(301)}") { length } }`);
      expect(long.errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
        message: expect.stringContaining("`toId` must be an entity id"),
      });
    });

    it("answers BAD_USER_INPUT naming the allowed range for depth and limit", async () => {
      const deep = await gql(url, `{ neighbourhood(id: "cluster:spin", depth: 5) { truncated } }`);
      expect(deep.errors?.[0]).toMatchObject({
        extensions: { code: "BAD_USER_INPUT" },
        message: expect.stringContaining("`depth` must be a whole number from 1 to 3"),
      });
      const many = await gql(url, `{ search(query: "spin", limit: 1000) { score } }`);
      expect(many.errors?.[0]?.message).toContain("`limit` must be a whole number from 1 to 100");
      const flows = await gql(url, `{ fundingFlows(funderId: "ministry:mwide", recipientId: "cluster:spin") { unknownAmounts } }`);
      expect(flows.errors?.[0]?.message).toContain("exactly one of `funderId` and `recipientId`");
      const dates = await gql(url, `{ fundingFlows(funderId: "ministry:mwide", from: "01.01.2019") { unknownAmounts } }`);
      expect(dates.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("treats hostile search strings as plain text and changes nothing", async () => {
      const hostile = [
        'name:"Aurubis" OR *:*',
        '\\" }) MATCH (n) DETACH DELETE n //',
        "'; CALL apoc.periodic.iterate('MATCH (n) RETURN n','DETACH DELETE n',{}) //",
        "((((((((((a~~~^^^",
        "AND OR NOT",
      ];
      for (const query of hostile) {
        const r = await gql(url, `query($q: String!) { search(query: $q) { node { id } } }`, { q: query });
        expect(r.status, query).toBeLessThan(500);
        if (r.errors) expect(r.errors[0]?.extensions?.code, query).toBe("BAD_USER_INPUT");
      }
      const long = await gql(url, `query($q: String!) { search(query: $q) { score } }`, { q: "x".repeat(5000) });
      expect(long.errors?.[0]?.message).toContain("longer than 200 characters");
      expect(await countGraph(db)).toEqual(counts);
    });

    it("refuses an over-deep query before running it", async () => {
      let nested = "id";
      for (let i = 0; i < 14; i++) nested = `id ... on Organisation { memberOf(limit: 1) { ${nested} } }`;
      const r = await gql(url, `{ organisations(limit: 1) { id memberOf(limit: 1) { ${nested} } } }`);
      expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_DEEP");
      expect(r.errors?.[0]?.message).toMatch(/nested \d+ levels deep; the limit is 12/);
    });

    it("refuses a page over 500 items, from a literal or a variable", async () => {
      const literal = await gql(url, `{ organisations(limit: 10000) { id } }`);
      expect(literal.errors?.[0]?.extensions?.code).toBe("PAGE_TOO_LARGE");
      const variable = await gql(url, `query($n: Int) { organisationsConnection(first: $n) { edges { node { id } } } }`, { n: 501 });
      expect(variable.errors?.[0]?.extensions?.code).toBe("PAGE_TOO_LARGE");
    });

    it("refuses a query whose estimated cost is over the limit", async () => {
      const r = await gql(
        url,
        `{ organisations(limit: 500) { memberOf(limit: 500) { id ... on Cluster { members(limit: 500) { id } } } } }`,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe("QUERY_TOO_COSTLY");
    });

    it("refuses mutations without a token, with a wrong token and with a read-only token, leaving the graph unchanged", async () => {
      const create = `mutation { createTopics(input: [{ id: "topic:test", name: "Test", aliases: [] }]) { topics { id } } }`;
      const none = await gql(url, create);
      expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const wrong = await gql(
        url,
        create,
        {},
        { authorization: `Bearer ${await token(["editor"], "another-secret-another-secret-another")}` },
      );
      expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      const reader = await gql(url, create, {}, { authorization: `Bearer ${await token(["reader"])}` });
      expect(reader.errors?.[0]?.extensions?.code).toMatch(/FORBIDDEN|UNAUTHENTICATED/);
      const del = await gql(url, `mutation { deleteOrganisations(where: { id: { eq: "org:aurubis" } }) { nodesDeleted } }`);
      expect(del.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await countGraph(db)).toEqual(counts);
    });

    it("never sends a stack trace or generated Cypher to clients", async () => {
      const r = await gql(url, `{ organisations(where: { id: { eq: "org:aurubis" } }, sort: [{ name: DESC }]) { id nope } }`);
      const text = JSON.stringify(r);
      expect(r.errors?.length).toBeGreaterThan(0);
      expect(text).not.toMatch(/stacktrace|MATCH \(|    at /);
    });
  });

  describe("writes with an editor token", () => {
    it("creates and deletes an entity", async () => {
      const auth = { authorization: `Bearer ${await token(["editor"])}` };
      const created = await gql<{ createTopics: { topics: { id: string }[] } }>(
        url,
        `mutation { createTopics(input: [{ id: "topic:editor-test", name: "Editor test", aliases: ["Editor test"] }]) { topics { id } } }`,
        {},
        auth,
      );
      expect(created.errors).toBeUndefined();
      expect(created.data?.createTopics.topics).toEqual([{ id: "topic:editor-test" }]);
      const deleted = await gql<{ deleteTopics: { nodesDeleted: number } }>(
        url,
        `mutation { deleteTopics(where: { id: { eq: "topic:editor-test" } }) { nodesDeleted } }`,
        {},
        auth,
      );
      expect(deleted.data?.deleteTopics.nodesDeleted).toBe(1);
      expect(await countGraph(db)).toEqual(counts);
    });
  });

  describe("generated queries", () => {
    it("fetches any entity by id whatever its label", async () => {
      const r = await gql<{ entities: { __typename: string; id: string; name: string }[] }>(
        url,
        `{ entities(where: { id: { in: ["org:aurubis", "cluster:spin", "person:eric-swehla"] } }, sort: [{ id: ASC }]) { __typename id name } }`,
      );
      expect(r.data?.entities.map((e) => e.__typename)).toEqual(["Cluster", "Organisation", "Person"]);
    });

    it("tells why an edge exists: role, sources and evidence on the connection edge", async () => {
      const r = await gql<{
        organisations: {
          memberOfConnection: { edges: { properties: { role: string; sources: string[]; evidence: string[] }; node: { id: string } }[] };
        }[];
      }>(
        url,
        `{ organisations(where: { name: { eq: "Aurubis AG" } }) { memberOfConnection { edges { properties { role sources evidence } node { id } } } } }`,
      );
      const edge = r.data?.organisations[0]?.memberOfConnection.edges.find((e) => e.node.id === "cluster:smart-value");
      expect(edge?.properties.role).toBe("founding member");
      expect(edge?.properties.sources.length).toBeGreaterThanOrEqual(2);
      expect(edge?.properties.evidence.length).toBe(edge?.properties.sources.length);
    });

    it("pages with cursors and aggregates counts", async () => {
      const first = await gql<{
        organisationsConnection: {
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { id: string } }[];
          aggregate: { count: { nodes: number } };
        };
      }>(
        url,
        `{ organisationsConnection(first: 5, sort: [{ id: ASC }]) { pageInfo { hasNextPage endCursor } edges { node { id } } aggregate { count { nodes } } } }`,
      );
      const page = first.data!.organisationsConnection;
      expect(page.edges).toHaveLength(5);
      expect(page.pageInfo.hasNextPage).toBe(true);
      const second = await gql<{ organisationsConnection: { edges: { node: { id: string } }[] } }>(
        url,
        `query($after: String) { organisationsConnection(first: 5, after: $after, sort: [{ id: ASC }]) { edges { node { id } } } }`,
        { after: page.pageInfo.endCursor },
      );
      const ids = second.data!.organisationsConnection.edges.map((e) => e.node.id);
      expect(ids).toHaveLength(5);
      expect(ids[0]! > page.edges[4]!.node.id).toBe(true);
      const [row] = await db.read("MATCH (n:Organisation) RETURN count(n) AS n");
      expect(page.aggregate.count.nodes).toBe(row?.n);
    });

    it("keeps amounts over 32 bits", async () => {
      const r = await gql<{ projects: { projectVolume: number | null }[] }>(
        url,
        `{ projects(where: { projectVolume: { gt: 3000000000 } }) { projectVolume } }`,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.projects.map((p) => p.projectVolume)).toContain(30000000000);
    });
  });

  describe("analyst queries", () => {
    it("search finds Lünen for Lunen, REMONDIS for remondis productions, and tolerates a typo", async () => {
      const run = async (q: string) =>
        (
          await gql<{ search: { node: { id: string; type: string }; score: number; matched: string }[] }>(
            url,
            `query($q: String!) { search(query: $q) { ${NODE} score matched } }`,
            { q },
          )
        ).data!.search;
      const lunen = await run("Lunen");
      expect(lunen[0]?.node.id).toBe("place:luenen");
      expect(lunen[0]?.matched).toBe("Lünen");
      expect((await run("remondis productions"))[0]).toMatchObject({
        node: { id: "org:remondis-production" },
        matched: "REMONDIS Productions",
      });
      expect((await run("Itemis"))[0]?.node.id).toBe("org:itemis");
      expect((await run("Fraunhofr"))[0]?.node.id).toMatch(/^org:fraunhofer/);
      const scores = lunen.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    });

    it("search keeps only the asked types", async () => {
      const r = await gql<{ search: { node: { type: string } }[] }>(
        url,
        `{ search(query: "Lünen", types: [Organisation]) { node { type } } }`,
      );
      expect(r.data!.search.length).toBeGreaterThan(0);
      expect(new Set(r.data!.search.map((h) => h.node.type))).toEqual(new Set(["Organisation"]));
    });

    it("neighbourhood returns SPIN's founders with provenance, and caps a hub with a flag", async () => {
      const r = await gql<{
        neighbourhood: {
          nodes: { id: string }[];
          edges: { type: string; source: string; target: string; citations: { evidence: string }[] }[];
          truncated: boolean;
          omittedNodes: number;
        };
      }>(url, `{ neighbourhood(id: "cluster:spin") { nodes { id } edges { ${EDGE} } truncated omittedNodes } }`);
      const hood = r.data!.neighbourhood;
      expect(hood.truncated).toBe(false);
      expect(hood.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(["org:siemens", "org:steag", "ministry:mwide"]));
      const funds = hood.edges.find((e) => e.type === "FUNDS" && e.target === "cluster:spin");
      expect(funds?.citations.map((c) => c.evidence)).toContain(
        "Das Wirtschaftsministerium fördert die neue Plattform im ersten Jahr mit 15 Millionen Euro.",
      );
      const capped = await gql<{ neighbourhood: { nodes: unknown[]; truncated: boolean; omittedNodes: number } }>(
        url,
        `{ neighbourhood(id: "cluster:spin", limit: 4) { nodes { id } truncated omittedNodes } }`,
      );
      expect(capped.data!.neighbourhood.nodes).toHaveLength(4);
      expect(capped.data!.neighbourhood.truncated).toBe(true);
      expect(capped.data!.neighbourhood.omittedNodes).toBe(hood.nodes.length - 4);
    });

    it("shortestPaths links a smart vaLUE member to a SPIN member with several simple paths, shortest first", async () => {
      const r = await gql<{ shortestPaths: { length: number; nodes: { id: string }[]; edges: { source: string; target: string }[] }[] }>(
        url,
        `{ shortestPaths(fromId: "org:aurubis", toId: "org:thyssenkrupp", limit: 5) { length nodes { id } edges { source target } } }`,
      );
      const paths = r.data!.shortestPaths;
      expect(paths.length).toBeGreaterThan(1);
      expect(paths.map((p) => p.length)).toEqual([...paths.map((p) => p.length)].sort((a, b) => a - b));
      for (const p of paths) {
        expect(p.nodes[0]?.id).toBe("org:aurubis");
        expect(p.nodes.at(-1)?.id).toBe("org:thyssenkrupp");
        expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
        p.edges.forEach((e, i) => expect([e.source, e.target].sort()).toEqual([p.nodes[i]!.id, p.nodes[i + 1]!.id].sort()));
      }
      expect(new Set(paths.map((p) => p.nodes.map((n) => n.id).join(">"))).size).toBe(paths.length);
    });

    it("fundingFlows from the state: committed funding to the clusters with its total, unknown amounts apart", async () => {
      const r = await gql<{
        fundingFlows: {
          funders: { id: string }[];
          totals: { currency: string; status: string; amount: number; count: number }[];
          unknownAmounts: number;
          flows: { level: number; recipient: { id: string }; amount: number | null; amountKnown: boolean; status: string }[];
        };
      }>(
        url,
        `{ fundingFlows(funderId: "ministry:land-nrw") { funders { id } totals { currency status amount count } unknownAmounts flows { level recipient { id } amount amountKnown status } } }`,
      );
      const f = r.data!.fundingFlows;
      expect(f.funders.map((x) => x.id)).toEqual(expect.arrayContaining(["ministry:land-nrw", "ministry:mwide"]));
      expect(f.totals).toEqual([{ currency: "EUR", status: "committed", amount: 68_000_000, count: 2 }]);
      expect(f.unknownAmounts).toBe(2);
      const direct = f.flows.filter((x) => x.level === 1);
      expect(direct.find((x) => x.recipient.id === "cluster:spin")).toMatchObject({ amount: 15_000_000, status: "committed" });
      expect(direct.find((x) => x.recipient.id === "cluster:its-owl")).toMatchObject({ amount: 53_000_000 });
      expect(direct.filter((x) => x.recipient.id === "cluster:smart-value").every((x) => x.amount === null && !x.amountKnown)).toBe(true);
      expect(f.flows.some((x) => x.level === 2 && x.recipient.id === "org:siemens")).toBe(true);
    });

    it("fundingFlows filters by status and by period, leaving undated funding out of a dated window", async () => {
      const committed = await gql<{ fundingFlows: { unknownAmounts: number; totals: { amount: number }[] } }>(
        url,
        `{ fundingFlows(funderId: "ministry:land-nrw", status: [committed], depth: 1) { unknownAmounts totals { amount } } }`,
      );
      expect(committed.data!.fundingFlows).toEqual({ unknownAmounts: 0, totals: [{ amount: 68_000_000 }] });
      const window = await gql<{ fundingFlows: { flows: { recipient: { id: string } }[] } }>(
        url,
        `{ fundingFlows(funderId: "ministry:land-nrw", from: "2020", to: "2021", depth: 1) { flows { recipient { id } } } }`,
      );
      expect(window.data!.fundingFlows.flows.map((x) => x.recipient.id)).toEqual(["cluster:its-owl"]);
    });

    it("fundingFlows totals count every matching flow, also those past limit (regression: totals covered only the returned page)", async () => {
      const r = await gql<{
        fundingFlows: {
          flows: unknown[];
          totals: { amount: number; count: number }[];
          unknownAmounts: number;
          subgraph: { truncated: boolean };
        };
      }>(
        url,
        `{ fundingFlows(funderId: "ministry:land-nrw", depth: 1, limit: 1) { flows { level } totals { amount count } unknownAmounts subgraph { truncated } } }`,
      );
      const f = r.data!.fundingFlows;
      expect(f.flows).toHaveLength(1);
      expect(f.subgraph.truncated).toBe(true);
      expect(f.totals).toEqual([{ amount: 68_000_000, count: 2 }]);
      expect(f.unknownAmounts).toBe(2);
    });

    it("fundingFlows backwards from a SPIN member names the ministry and the cluster it came through", async () => {
      const r = await gql<{ fundingFlows: { flows: { funder: { id: string }; via: { id: string }[]; amountKnown: boolean }[] } }>(
        url,
        `{ fundingFlows(recipientId: "org:siemens") { flows { funder { id } via { id } amountKnown } } }`,
      );
      expect(r.data!.fundingFlows.flows).toContainEqual({
        funder: { id: "ministry:mwide" },
        via: [{ id: "cluster:spin" }],
        amountKnown: false,
      });
    });

    it("fundingFlows gives each flow its own relationship when another one shares its id (regression: the page was fetched by id)", async () => {
      // The importer keys relationships by id between their ends: the same id between other ends is another relationship.
      const [funds] = await db.read(`MATCH (f:Entity)-[r:FUNDS]->(:Entity {id: "cluster:spin"}) RETURN f.id AS funder, r.id AS id`);
      expect(funds).toBeDefined();
      await db.write(
        `MATCH (o:Entity {id: "org:aurubis"}), (c:Entity {id: "cluster:spin"}) CREATE (o)-[:MEMBER_OF {id: $id, role: "twin"}]->(c)`,
        { id: funds!.id },
      );
      try {
        const r = await gql<{
          fundingFlows: {
            flows: {
              level: number;
              funder: { id: string };
              recipient: { id: string };
              edge: { id: string; type: string; source: string; target: string; role: string | null };
            }[];
          };
        }>(
          url,
          `{ fundingFlows(funderId: "ministry:land-nrw") { flows { level funder { id } recipient { id } edge { id type source target role } } } }`,
        );
        const flows = r.data!.fundingFlows.flows;
        const toSpin = flows.find((x) => x.level === 1 && x.recipient.id === "cluster:spin");
        expect(toSpin?.edge).toMatchObject({ id: funds!.id, type: "FUNDS", source: funds!.funder, target: "cluster:spin", role: null });
        const twin = flows.find((x) => x.level === 2 && x.recipient.id === "org:aurubis" && x.edge.role === "twin");
        expect(twin?.edge).toMatchObject({ id: funds!.id, type: "MEMBER_OF", source: "org:aurubis", target: "cluster:spin" });
        // Every flow's relationship joins its recipient.
        for (const x of flows) expect([x.edge.source, x.edge.target]).toContain(x.recipient.id);
      } finally {
        await db.write(`MATCH (:Entity {id: "org:aurubis"})-[r:MEMBER_OF {role: "twin"}]->(:Entity {id: "cluster:spin"}) DELETE r`);
      }
    });

    it("stats counts labels and types that add up to the graph", async () => {
      const r = await gql<{
        stats: {
          nodes: number;
          relationships: number;
          labels: { count: number }[];
          relationshipTypes: { count: number }[];
          mostConnected: { degree: number }[];
        };
      }>(
        url,
        `{ stats(limit: 5) { nodes relationships labels { label count } relationshipTypes { label count } mostConnected { node { id } degree } } }`,
      );
      const s = r.data!.stats;
      expect(s.nodes).toBe(counts.nodes);
      expect(s.labels.reduce((a, l) => a + l.count, 0)).toBe(counts.nodes);
      expect(s.relationshipTypes.reduce((a, l) => a + l.count, 0)).toBe(counts.relationships);
      expect(s.mostConnected).toHaveLength(5);
      expect(s.mostConnected.map((m) => m.degree)).toEqual([...s.mostConnected.map((m) => m.degree)].sort((a, b) => b - a));
    });
  });
});
