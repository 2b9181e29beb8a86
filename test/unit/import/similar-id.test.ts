import { describe, expect, it } from "vitest";
import { similarId } from "../../../seed/import/to-import-rows.ts";

describe("similarId (the id of the importer's SIMILAR_TO link from a pair)", () => {
  it("gives two pairs two ids when node ids contain ~ (they shared one: a~b, c and a, b~c)", () => {
    expect(similarId("org:a~b", "org:c")).not.toBe(similarId("org:a", "b~org:c"));
    expect(similarId("a~", "b")).not.toBe(similarId("a", "~b"));
  });

  it("gives every pair of short ids made of a, ~, %, 7, E, 2 and 5 its own id", () => {
    const ids = [""];
    for (let length = 1; length <= 3; length++)
      for (const id of ids.filter((x) => x.length === length - 1)) for (const c of ["a", "~", "%", "7", "E", "2", "5"]) ids.push(id + c);
    const seen = new Map<string, string>();
    const shared: string[] = [];
    for (const from of ids)
      for (const to of ids) {
        const id = similarId(from, to);
        const other = seen.get(id);
        if (other !== undefined) shared.push(`"${from}" → "${to}" and ${other} get "${id}"`);
        else seen.set(id, `"${from}" → "${to}"`);
      }
    expect(shared.slice(0, 5)).toEqual([]);
    expect(seen.size).toBe(ids.length ** 2);
  });

  it("keeps the id of a pair without ~ and % as it was, and writes % as %25 and ~ as %7E in each id", () => {
    expect(similarId("org:sim-new", "org:sim-old")).toBe("e:similar-org:sim-new~org:sim-old");
    expect(similarId("org:überlandwerk-gmbh", "person:a.b_c")).toBe("e:similar-org:überlandwerk-gmbh~person:a.b_c");
    expect(similarId("org:a~b", "org:c")).toBe("e:similar-org:a%7Eb~org:c");
    expect(similarId("org:a", "b~org:c")).toBe("e:similar-org:a~b%7Eorg:c");
    expect(similarId("org:100%", "org:%7E")).toBe("e:similar-org:100%25~org:%257E");
  });
});
