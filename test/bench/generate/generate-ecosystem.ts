/**
 * generateEcosystem({relationships, seed}): a synthetic innovation ecosystem in the project's seed
 * format, shaped like the real one — funders (ministries with sub-units) → programmes → projects →
 * participants with amounts (EUR, statuses, partial dates), clusters with members, heavy-tailed
 * degrees (a few hubs with thousands of links, many small companies), people on one or several
 * boards and positions, places and topics. Deterministic for a seed; about `relationships` edges.
 *
 * Fixed ids for benchmarks: ministry:gen-land (with sub-units ministry:gen-land-unit-K),
 * ministry:gen-federal, cluster:gen-0 (the largest cluster), org:gen-hub-0 … (the hubs),
 * project:gen-programme-0, place:gen-0, topic:gen-0, person:gen-0. Relationship ids name the type and
 * ends (edgeId), so graphs of different scales never give one id to different relationships.
 * writeEcosystem(dir, graph) writes sources.json, nodes.json, edges.json (one record per line),
 * which `npm run import -- json DIR` (runImport) loads.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { EdgeRecord, NodeRecord, SourceRecord } from "../../../seed/validate-seed.ts";
import { seededRandom } from "../../../server/domain/seeded-random.ts";

export interface EcosystemOptions {
  /** Number of relationships to generate (the scale): 10_000, 100_000, 1_000_000 … */
  relationships: number;
  seed?: number;
}

export interface Ecosystem {
  sources: SourceRecord[];
  nodes: NodeRecord[];
  edges: EdgeRecord[];
}

export const GEN_IDS = {
  land: "ministry:gen-land",
  federal: "ministry:gen-federal",
  cluster: "cluster:gen-0",
  hub: "org:gen-hub-0",
  programme: "project:gen-programme-0",
  place: "place:gen-0",
  person: "person:gen-0",
} as const;

const SYLLABLES = [
  "rhein",
  "ruhr",
  "lipp",
  "em",
  "sieg",
  "wupp",
  "tal",
  "berg",
  "feld",
  "stein",
  "werk",
  "tec",
  "lux",
  "nova",
  "prim",
  "quant",
  "sol",
  "terra",
  "vita",
  "mont",
];
const KINDS_TAIL = ["Systems", "Solutions", "Technik", "Labs", "Industries", "Digital", "Energy", "Materials", "Logistics", "Analytics"];
const LEGAL = ["GmbH", "AG", "GmbH & Co. KG", "UG", "SE", "e.V."];
const STATUSES = ["committed", "committed", "committed", "completed", "announced", "intended", "proposed"] as const;
const ROLES_BOARD = ["chair", "vice-chair", "member", "member", "member"];
const POSITIONS = ["CEO", "CTO", "managing director", "head of research", "spokesperson", "CFO"];

/**
 * A relationship's id, made of what makes it one relationship here (its type and ends; the generator
 * makes at most one per type and pair): graphs of every scale and seed share their node ids, so an id
 * numbered per graph ("e:gen-0" …) named other relationships in each, and a database holding two
 * scales held ids used by several relationships. This one is the same relationship wherever it recurs.
 * Unambiguous: node ids hold exactly one colon.
 */
export const edgeId = (type: string, from: string, to: string): string => `e:gen:${type.toLowerCase().replaceAll("_", "-")}:${from}:${to}`;

export function generateEcosystem(options: EcosystemOptions): Ecosystem {
  const N = Math.max(1000, Math.floor(options.relationships));
  const rnd = seededRandom(options.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  /** Heavy-tailed index in [0, n): index 0 is the biggest hub. */
  const skewed = (n: number, power = 3): number => Math.min(n - 1, Math.floor(n * rnd() ** power));
  const word = (i: number): string => {
    const a = SYLLABLES[i % SYLLABLES.length]!;
    const b = SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]!;
    return a[0]!.toUpperCase() + a.slice(1) + b;
  };
  const year = (): number => 2008 + Math.floor(rnd() * 17);
  const partial = (y: number): string => {
    const p = rnd();
    const m = String(1 + Math.floor(rnd() * 12)).padStart(2, "0");
    if (p < 0.4) return String(y);
    if (p < 0.75) return `${y}-${m}`;
    return `${y}-${m}-${String(1 + Math.floor(rnd() * 28)).padStart(2, "0")}`;
  };

  const sources: SourceRecord[] = Array.from({ length: 5 }, (_, i) => ({
    id: `gen:registry-${i}`,
    label: "Source",
    name: `Generated registry ${i}`,
    aliases: [],
    publisher: "innograph benchmark generator",
    date: "2024",
    language: "de",
  }));
  const src = (): string => sources[Math.floor(rnd() * sources.length)]!.id;
  const nodes: NodeRecord[] = [];
  const edges: EdgeRecord[] = [];
  const node = (id: string, label: string, name: string, extra: Partial<NodeRecord> = {}): string => {
    nodes.push({ id, label, name, aliases: [], sources: [src()], ...extra } as NodeRecord);
    return id;
  };
  const keys = new Set<string>();
  const edge = (type: EdgeRecord["type"], from: string, to: string, facts: Partial<EdgeRecord> = {}): boolean => {
    const key = `${type}|${from}|${to}`;
    if (from === to || keys.has(key)) return false;
    keys.add(key);
    const id = edgeId(type, from, to);
    edges.push({ id, type, from, to, ...facts, sources: [{ source: src(), evidence: `generated record ${edges.length}` }] } as EdgeRecord);
    return true;
  };

  // Sizes, as shares of N.
  const nOrgs = Math.max(200, Math.round(N * 0.09));
  const nHubs = Math.max(3, Math.round(nOrgs / 2000));
  const nPeople = Math.max(100, Math.round(N * 0.04));
  const nClusters = Math.max(5, Math.round(N / 4000));
  const nPlaces = Math.max(20, Math.round(N / 2500));
  const nTopics = Math.max(10, Math.round(N / 5000));
  const nUnits = 6;
  const nProgrammes = Math.max(6, Math.round(N / 5000));

  // Places, topics.
  const places = Array.from({ length: nPlaces }, (_, i) => node(`place:gen-${i}`, "Place", `${word(i + 7)}stadt ${i}`));
  const topics = Array.from({ length: nTopics }, (_, i) => node(`topic:gen-${i}`, "Topic", `${word(i + 3)} technology ${i}`));

  // Funders: the Land ministry with sub-units, a federal ministry, the EU.
  const land = node(GEN_IDS.land, "Ministry", "Generated Land Ministry of Economy");
  const federal = node(GEN_IDS.federal, "Ministry", "Generated Federal Ministry of Research");
  const eu = node("ministry:gen-eu", "Ministry", "Generated European Commission");
  const units = Array.from({ length: nUnits }, (_, i) =>
    node(`ministry:gen-land-unit-${i}`, "Ministry", `Generated Land Ministry, Division ${i}`),
  );
  for (const u of units) edge("PART_OF", u, land);
  const funders = [...units, land, federal, eu];

  // Organisations: hubs first (research institutes, universities), then the long tail of companies.
  const orgs: string[] = [];
  for (let i = 0; i < nOrgs; i++) {
    if (i < nHubs) {
      orgs.push(
        node(`org:gen-hub-${i}`, "Organisation", `${word(i + 11)} Institute for Applied Research ${i}`, {
          kind: i % 3 === 2 ? "university" : "research institute",
        }),
      );
    } else {
      const kind =
        rnd() < 0.85
          ? "company"
          : pick(["research institute", "university", "association", "chamber", "bank", "utility", "municipality"] as const);
      orgs.push(
        node(`org:gen-${i}`, "Organisation", `${word(i)} ${pick(KINDS_TAIL)} ${i} ${kind === "company" ? pick(LEGAL) : ""}`.trim(), {
          kind,
        }),
      );
    }
  }
  const org = (): string => orgs[skewed(orgs.length)]!;

  // Clusters, each managed by an organisation, funded by the Land, focused on topics.
  const clusters = Array.from({ length: nClusters }, (_, i) => node(`cluster:gen-${i}`, "Cluster", `${word(i + 5)} Cluster ${i}`));
  for (const [i, c] of clusters.entries()) {
    edge("FUNDS", pick(units), c, {
      amount: 100_000 * (1 + Math.floor(rnd() * 50)),
      currency: "EUR",
      status: pick(STATUSES),
      startDate: partial(year()),
    });
    edge("FOCUSES_ON", c, topics[i % topics.length]!);
    edge("LOCATED_IN", c, places[skewed(places.length, 2)]!);
  }

  // Programmes (Project nodes of kind "programme"), funded by a unit or another funder.
  const programmes = Array.from({ length: nProgrammes }, (_, i) =>
    node(`project:gen-programme-${i}`, "Project", `${word(i + 13)} Programme ${i}`, { kind: "programme" }),
  );
  for (const [i, p] of programmes.entries()) {
    const y = year();
    edge("FUNDS", i < nUnits ? units[i]! : pick(funders), p, {
      amount: 1_000_000 * (5 + Math.floor(rnd() * 200)),
      currency: "EUR",
      status: pick(STATUSES),
      startDate: partial(y),
      endDate: String(y + 3 + Math.floor(rnd() * 4)),
    });
  }

  // People: a first position, then (for some) further boards and positions.
  const people = Array.from({ length: nPeople }, (_, i) => node(`person:gen-${i}`, "Person", `Person ${word(i)} ${i}`));

  // Fixed shares of the relationships; projects with participants take what is left.
  const budget = (share: number): number => Math.round(N * share);
  for (const o of orgs) edge("LOCATED_IN", o, places[skewed(places.length, 2)]!);
  for (let k = 0, target = budget(0.13); k < target * 2; k++) {
    if (
      edge("MEMBER_OF", org(), clusters[skewed(clusters.length, 2)]!, {
        role: rnd() < 0.05 ? "founding member" : "member",
        startDate: partial(year()),
      }) &&
      --target <= 0
    )
      break;
  }
  for (let k = 0, target = budget(0.07); k < target * 2; k++) {
    const person = people[skewed(people.length, 1.5)]!;
    const at = rnd() < 0.2 ? clusters[skewed(clusters.length, 2)]! : org();
    const ok =
      rnd() < 0.5
        ? edge("BOARD_MEMBER_OF", person, at, { role: pick(ROLES_BOARD), startDate: partial(year()) })
        : edge("HOLDS_POSITION", person, at, { role: pick(POSITIONS), startDate: partial(year()) });
    if (ok && --target <= 0) break;
  }
  for (let k = 0, target = budget(0.02); k < target; k++) edge("AFFILIATED_WITH", people[Math.floor(rnd() * people.length)]!, org());
  for (let k = 0, target = budget(0.01); k < target; k++)
    edge("SUPPORTS", org(), clusters[Math.floor(rnd() * clusters.length)]!, { startDate: partial(year()) });

  // Projects: a programme funds each, 2–30 participants (hubs are in many), amounts mostly known.
  for (let i = 0; edges.length < N - 3; i++) {
    const project = node(`project:gen-${i}`, "Project", `${word(i + 17)} project ${i}`);
    const y = year();
    const start = partial(y);
    const end = String(y + 1 + Math.floor(rnd() * 4));
    const total = 50_000 * (2 + Math.floor(rnd() * 100));
    const status = pick(STATUSES);
    edge("FUNDS", programmes[skewed(programmes.length, 1.5)]!, project, {
      amount: total,
      currency: "EUR",
      status,
      startDate: start,
      endDate: end,
    });
    edge("FOCUSES_ON", project, topics[skewed(topics.length, 2)]!);
    const size = Math.min(30, 2 + Math.floor(-Math.log(1 - rnd()) * 5));
    for (let p = 0; p < size && edges.length < N; p++) {
      const facts: Partial<EdgeRecord> = { role: p === 0 ? "coordinator" : "participant", startDate: start, endDate: end };
      if (rnd() < 0.8) Object.assign(facts, { amount: Math.round(total / size), currency: "EUR", status });
      edge("PARTICIPATES_IN", org(), project, facts);
    }
  }
  return { sources, nodes, edges };
}

async function writeLines(file: string, records: readonly unknown[]): Promise<void> {
  const parts: string[] = ["[\n"];
  records.forEach((r, i) => parts.push(JSON.stringify(r), i < records.length - 1 ? ",\n" : "\n"));
  parts.push("]\n");
  await writeFile(file, parts.join(""));
}

/** Writes the graph as sources.json, nodes.json and edges.json in dir (created if missing). */
export async function writeEcosystem(dir: string, graph: Ecosystem): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeLines(path.join(dir, "sources.json"), graph.sources);
  await writeLines(path.join(dir, "nodes.json"), graph.nodes);
  await writeLines(path.join(dir, "edges.json"), graph.edges);
}
