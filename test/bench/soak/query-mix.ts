/**
 * The analysts' mix: search with varied strings, neighbourhood depth 1–2, shortestPaths,
 * fundingFlows, stats, a filtered page of 50 and an entity lookup by id — over ids and names
 * sampled from the loaded graph, chosen by a seeded generator so a run can be repeated.
 */
import { int, type Database } from "../../../server/db/database.ts";
import type { Request } from "./run-clients.ts";

export interface GraphSample {
  organisations: string[];
  projects: string[];
  clusters: string[];
  funders: string[];
  names: string[];
  kinds: string[];
}

export async function sampleGraph(db: Database, size = 300): Promise<GraphSample> {
  const ids = async (label: string, n: number): Promise<string[]> =>
    (await db.read(`MATCH (n:${label}) WITH n ORDER BY rand() LIMIT $n RETURN n.id AS id`, { n: int(n) }, { what: "soak: sample" })).map(
      (r) => String(r.id),
    );
  const funders = (await db.read("MATCH (f:Ministry)-[:FUNDS]->() RETURN DISTINCT f.id AS id LIMIT 20", {}, { what: "soak: funders" })).map(
    (r) => String(r.id),
  );
  const names = (
    await db.read("MATCH (n:Entity) WITH n ORDER BY rand() LIMIT $n RETURN n.name AS name", { n: int(size) }, { what: "soak: names" })
  ).map((r) => String(r.name));
  const kinds = (
    await db.read("MATCH (o:Organisation) WHERE o.kind IS NOT NULL RETURN DISTINCT o.kind AS kind LIMIT 20", {}, { what: "soak: kinds" })
  ).map((r) => String(r.kind));
  const sample = {
    organisations: await ids("Organisation", size),
    projects: await ids("Project", size),
    clusters: await ids("Cluster", 50),
    funders,
    names,
    kinds,
  };
  for (const [key, list] of Object.entries(sample)) {
    if (!list.length) throw new Error(`soak: the graph has no ${key} to sample; is it loaded?`);
  }
  return sample;
}

/** A search string from a sampled name: a word, two words, a prefix, a typo, or lower case without accents. */
function searchText(name: string, rnd: () => number): string {
  const words = name.split(/\s+/).filter((w) => /[\p{L}\p{N}]{3,}/u.test(w));
  const w = words[Math.floor(rnd() * words.length)] ?? name;
  switch (Math.floor(rnd() * 5)) {
    case 0:
      return w;
    case 1:
      return words.slice(0, 2).join(" ") || w;
    case 2:
      return w.slice(0, Math.max(3, Math.ceil(w.length / 2)));
    case 3: {
      const i = 1 + Math.floor(rnd() * Math.max(1, w.length - 2));
      return w.slice(0, i) + w.slice(i + 1); // one letter dropped
    }
    default:
      return name.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  }
}

const NODE = "id name type";
export const ANALYST_KINDS = [
  "search",
  "neighbourhood-1",
  "neighbourhood-2",
  "shortestPaths",
  "fundingFlows",
  "stats",
  "page-of-50",
  "entity-by-id",
] as const;

export function analystRequest(sample: GraphSample, rnd: () => number): Request {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const kind = pick([...ANALYST_KINDS]);
  const q = (query: string, variables: Record<string, unknown>): Request => ({ kind, path: "/graphql", body: { query, variables } });
  switch (kind) {
    case "search":
      return q(`query($q: String!) { search(query: $q, limit: 10) { node { ${NODE} } score matched } }`, {
        q: searchText(pick(sample.names), rnd),
      });
    case "neighbourhood-1":
    case "neighbourhood-2":
      return q(
        `query($id: ID!, $d: Int) { neighbourhood(id: $id, depth: $d, limit: 100) { nodes { ${NODE} } edges { id type source target } truncated omittedNodes } }`,
        {
          id: pick(rnd() < 0.7 ? sample.organisations : sample.projects),
          d: kind === "neighbourhood-1" ? 1 : 2,
        },
      );
    case "shortestPaths": {
      const a = pick(sample.organisations);
      let b = pick(rnd() < 0.5 ? sample.organisations : sample.clusters);
      if (b === a) b = pick(sample.clusters);
      return q(
        `query($a: ID!, $b: ID!) { shortestPaths(fromId: $a, toId: $b, maxLength: 6, limit: 3) { length nodes { ${NODE} } edges { type source target } } }`,
        { a, b },
      );
    }
    case "fundingFlows":
      return rnd() < 0.5
        ? q(
            `query($id: ID) { fundingFlows(recipientId: $id, depth: 2, limit: 200) { totals { currency status amount count } unknownAmounts flows { level amount funder { id } } } }`,
            { id: pick(sample.organisations) },
          )
        : q(
            `query($id: ID) { fundingFlows(funderId: $id, depth: 1, limit: 200) { totals { currency status amount count } unknownAmounts recipients { recipient { id name } amount flows } } }`,
            { id: pick(sample.funders) },
          );
    case "stats":
      return q(
        `{ stats(limit: 10) { nodes relationships labels { label count } relationshipTypes { label count } mostConnected { node { id name } degree } } }`,
        {},
      );
    case "page-of-50":
      return q(
        `query($k: String) { organisations(where: { kind: { eq: $k } }, sort: [{ name: ASC }], limit: 50, offset: ${Math.floor(rnd() * 20) * 50}) { id name kind country memberOf(limit: 5) { id name } } }`,
        { k: pick(sample.kinds) },
      );
    case "entity-by-id":
      return q(
        `query($id: ID!) { entities(where: { id: { eq: $id } }) { __typename id name aliases sources ... on Organisation { kind participatesIn(limit: 10) { id name } } ... on Project { participants(limit: 10) { id name } } } }`,
        {
          id: pick(rnd() < 0.6 ? sample.organisations : sample.projects),
        },
      );
  }
}
