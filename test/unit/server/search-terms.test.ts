import { describe, expect, it } from "vitest";
import { luceneQuery, searchTerms } from "../../../server/graphql/resolvers/search.ts";
import { normaliseName, searchKeys, transliterate } from "../../../seed/normalise.ts";

describe("search terms", () => {
  it("strips every Lucene operator and Cypher fragment from hostile input", () => {
    const terms = searchTerms('name:"x" OR 1=1}) MATCH (n) DETACH DELETE n //~^*?\\');
    expect(terms.join(" ")).toMatch(/^[a-z0-9 ]+$/);
    const lucene = luceneQuery(terms, "AND");
    expect(lucene).not.toMatch(/[:"{}()\\/]{2}|DETACH DELETE n\)/);
    expect(lucene).not.toContain('"');
    expect(lucene).not.toContain(":");
  });

  it("folds case and umlauts so Lunen and LÜNEN become the same term", () => {
    expect(searchTerms("LÜNEN")).toEqual(["luenen"]);
    expect(searchTerms("Lünen")).toEqual(["luenen"]);
    expect(normaliseName("Lunen")).toBe("lunen");
  });

  it("adds a fuzzy clause for longer terms only", () => {
    expect(luceneQuery(["spin"], "AND")).toBe("(spin^3 OR spin*^2 OR spin~1)");
    expect(luceneQuery(["owl"], "AND")).toBe("(owl^3 OR owl*^2)");
    expect(luceneQuery(["productions"], "AND")).toContain("productions~2");
  });

  it("indexes the German transliteration of names with umlauts", () => {
    expect(transliterate("Weidmüller Straße")).toBe("Weidmueller Strasse");
    expect(searchKeys(["Lünen", "SPIN"])).toEqual(["Luenen"]);
  });
});
