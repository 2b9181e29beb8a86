import { describe, expect, it } from "vitest";
import { fastAndLibrary } from "../helpers/fast-and-library.ts";
import { fastOperations } from "../../server/graphql/fast-operation.ts";

/**
 * A type's page sorted by a required field (`organisations(sort: [{ name: ASC }])`) reads the name index in
 * order (fast-read.ts: `this.name IS NOT NULL`), whose order between equal names is not the library's: with
 * 600 organisations sharing 20 names the pages differed (found while the measures' rankings were added). Now a
 * tie on or next to the page goes to the library, as for `entities`; a page of distinct names is still read
 * from the index.
 */
const FIXTURE = `
UNWIND range(0, 599) AS i
CREATE (:Entity:Organisation {id: "org:" + i, name: "Shared " + (i % 20), kind: CASE WHEN i % 3 = 0 THEN "company" ELSE "university" END, aliases: []})
WITH i WHERE i < 60
CREATE (:Entity:Organisation {id: "org:unique-" + i, name: "Unique " + (1000 + i), kind: "company", aliases: []})`;

describe("a page sorted by a required field, where names tie", () => {
  const t = fastAndLibrary(FIXTURE);
  const { run } = t;

  // [query, answered by the library (names tie on or next to the page)]
  const QUERIES: [string, boolean][] = [
    [`{ organisations(sort: [{ name: ASC }], limit: 50) { id name } }`, true],
    [`{ organisations(where: { kind: { eq: "company" } }, sort: [{ name: ASC }], limit: 25) { id name } }`, true],
    // The 60 unique names sort after "Shared …": a page well inside them meets no tie.
    [`{ organisations(sort: [{ name: DESC }], limit: 20) { id name } }`, false],
    [`{ organisations(where: { kind: { eq: "company" } }, sort: [{ name: DESC }], offset: 10, limit: 20) { id name } }`, false],
    // A page ending on the last unique name: the row after it is the first shared one, which ties with
    // no row of the page; a page reaching into the shared names meets their ties.
    [`{ organisations(sort: [{ name: DESC }], offset: 50, limit: 10) { id name } }`, false],
    [`{ organisations(sort: [{ name: DESC }], offset: 55, limit: 10) { id name } }`, true],
    // Sorted by name, then by id: no two rows tie on both.
    [`{ organisations(sort: [{ name: ASC }, { id: ASC }], offset: 7, limit: 40) { id name } }`, false],
  ];

  it.each(QUERIES)("answers %s as the library does (by the library: %s)", async (query, byLibrary) => {
    const { viaFast, viaLibrary, byLibrary: libraryAnswered } = await t.answer(query);
    expect(viaFast.errors).toBeUndefined();
    expect(viaLibrary.errors).toBeUndefined();
    expect(JSON.stringify(viaFast)).toBe(JSON.stringify(viaLibrary));
    expect(libraryAnswered).toBe(byLibrary);
    // The lane gives the same bytes, or leaves the query to Apollo when the library must answer it.
    const lane = await fastOperations(t.fast, run).answer({ query });
    expect(lane).toBe(byLibrary ? undefined : JSON.stringify({ data: viaLibrary.data }));
  });
});
