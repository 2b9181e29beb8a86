import { describe, expect, it } from "vitest";
import { legalForm, nameKey } from "../../../seed/import/org-name.ts";
import { resolveOrganisations, type Candidate, type Incoming } from "../../../seed/import/resolve-entities.ts";

const seed: Candidate[] = [
  { id: "org:aurubis", name: "Aurubis AG", aliases: ["Aurubis AG", "Aurubis"], externalIds: [], mergedIds: [] },
  { id: "org:fraunhofer", name: "Fraunhofer", aliases: ["Fraunhofer"], externalIds: [], mergedIds: [] },
  { id: "org:thyssenkrupp", name: "Thyssenkrupp", aliases: ["Thyssenkrupp"], externalIds: [], mergedIds: [] },
  { id: "org:siemens", name: "Siemens", aliases: ["Siemens"], externalIds: [], mergedIds: [] },
];

const inc = (id: string, name: string, country: string, shortNames: string[] = []): Incoming => ({
  id,
  name,
  aliases: [name],
  shortNames,
  country,
  externalIds: [`cordis:${id}`],
});
const decide = (i: Incoming, existing = seed, own = new Set([i.id])) => resolveOrganisations([i], existing, own).get(i.id)!;

describe("nameKey", () => {
  it("ignores case, punctuation and legal forms", () => {
    expect(nameKey("AURUBIS AG")).toBe(nameKey("Aurubis AG"));
    expect(nameKey("Beispiel e.V.")).toBe(nameKey("BEISPIEL EV"));
    expect(nameKey("ACME Limited")).toBe(nameKey("Acme Ltd."));
    expect(nameKey("Foo S.A.R.L.")).toBe("foo");
  });

  it("lets an umlaut, its transliteration and its dropped form meet", () => {
    expect(nameKey("Gesellschaft zur Förderung")).toBe(nameKey("GESELLSCHAFT ZUR FORDERUNG"));
    expect(nameKey("Weidmüller")).toBe(nameKey("WEIDMUELLER"));
    expect(nameKey("Straße")).toBe(nameKey("STRASSE"));
  });

  it("states the legal form apart", () => {
    expect(legalForm("Aurubis AG")).toBe("ag");
    expect(legalForm("Aurubis")).toBe("");
  });
});

describe("resolveOrganisations", () => {
  it("keeps an organisation with a different name apart", () => {
    expect(decide(inc("a1", "AURORA SOLAR GMBH", "DE"))).toEqual({ kind: "new", target: "a1", similar: [] });
  });

  it("does not merge a same-named company of another legal form when a country is unknown", () => {
    const d = decide(inc("s1", "SIEMENS SRL", "IT"));
    expect(d.kind).toBe("new");
    expect(d.similar[0]).toMatchObject({ to: "org:siemens", score: 0.95 });
  });

  it("does not merge same names in different countries", () => {
    const existing: Candidate[] = [{ id: "x", name: "ACME GMBH", aliases: [], country: "AT", externalIds: [], mergedIds: [] }];
    expect(decide(inc("y", "ACME GMBH", "DE"), existing).kind).toBe("new");
  });

  it("merges AURUBIS AG into the seed's Aurubis AG (certain)", () => {
    expect(decide(inc("c468", "AURUBIS AG", "DE"))).toMatchObject({ kind: "merge", target: "org:aurubis" });
  });

  it("merges the Fraunhofer-Gesellschaft by its short name when the full name adds only generic words", () => {
    const d = decide(inc("999984059", "FRAUNHOFER GESELLSCHAFT ZUR FORDERUNG DER ANGEWANDTEN FORSCHUNG EV", "DE", ["Fraunhofer"]));
    expect(d).toMatchObject({ kind: "merge", target: "org:fraunhofer" });
  });

  it("links THYSSENKRUPP STEEL EUROPE AG to Thyssenkrupp as likely, without merging", () => {
    const d = decide(inc("999918584", "THYSSENKRUPP STEEL EUROPE AG", "DE", ["TKSE"]));
    expect(d.kind).toBe("new");
    expect(d.similar).toEqual([{ to: "org:thyssenkrupp", score: expect.any(Number), reason: expect.stringContaining("thyssenkrupp") }]);
    expect(d.similar[0]!.score).toBeGreaterThan(0.5);
    expect(d.similar[0]!.score).toBeLessThan(1);
  });

  it("does not merge a national subsidiary by its short name", () => {
    expect(decide(inc("n1", "SIEMENS NEDERLAND NV", "NL", ["SIEMENS"])).kind).toBe("new");
  });

  it("recognises an organisation by an external id merged before", () => {
    const existing: Candidate[] = [{ ...seed[0]!, externalIds: ["cordis:c468"] }];
    expect(decide(inc("c468", "AURUBIS AKTIENGESELLSCHAFT", "DE"), existing)).toMatchObject({ kind: "merge", target: "org:aurubis" });
  });

  it("confirms a node that already exists under the same id without flagging it", () => {
    const existing: Candidate[] = [
      ...seed,
      { id: "t1", name: "THYSSENKRUPP STEEL EUROPE AG", aliases: [], country: "DE", externalIds: [], mergedIds: [] },
    ];
    expect(decide(inc("t1", "THYSSENKRUPP STEEL EUROPE AG", "DE"), existing, new Set(["t1"]))).toEqual({
      kind: "existing",
      target: "t1",
      similar: [],
    });
  });

  it("merges a repeated organisation of the same import into the first, and flags only against older nodes", () => {
    const a = inc("a", "NEWCO GMBH", "DE");
    const b = inc("b", "Newco GmbH", "DE");
    const c = inc("c", "NEWCO ENERGY SYSTEMS GMBH", "DE");
    const out = resolveOrganisations([a, b, c], seed, new Set(["a", "b", "c"]));
    expect(out.get("b")).toMatchObject({ kind: "merge", target: "a" });
    expect(out.get("c")).toEqual({ kind: "new", target: "c", similar: [] });
  });
});
