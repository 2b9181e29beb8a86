import { describe, expect, it } from "vitest";
import { createNodeRow } from "../../../seed/import/write-import.ts";
import type { NodeWriteRow } from "../../../seed/import/to-import-rows.ts";

const row = (over: Partial<NodeWriteRow> = {}): NodeWriteRow => ({
  id: "org:x",
  label: "Organisation",
  props: { name: "X GmbH", normalisedName: "x" },
  aliases: ["X GmbH"],
  searchKeys: ["x gmbh"],
  externalIds: [],
  sources: ["import:run"],
  fill: { country: null, city: null },
  similar: [],
  ...over,
});

describe("createNodeRow (the properties import-create-nodes writes)", () => {
  it("leaves out properties without a value", () => {
    const { props } = createNodeRow(row({ props: { name: "X GmbH", url: null, kind: undefined } }));
    expect(props).not.toHaveProperty("url");
    expect(props).not.toHaveProperty("kind");
    expect(props).not.toHaveProperty("country");
  });

  it("keeps a list the record holds and adds only the entries it lacks, as the upsert's union does", () => {
    const { props } = createNodeRow(row({ props: { name: "X GmbH", aliases: ["X", "X GmbH"] }, aliases: ["X GmbH", "X AG", "X AG"] }));
    expect(props.aliases).toEqual(["X", "X GmbH", "X AG", "X AG"]);
    expect(props.searchKeys).toEqual(["x gmbh"]);
    expect(props.externalIds).toEqual([]);
  });

  it("takes country and city from the fill only when the record has none", () => {
    const { props } = createNodeRow(row({ props: { name: "X GmbH", country: "DE" }, fill: { country: "FR", city: "Lyon" } }));
    expect(props).toMatchObject({ country: "DE", city: "Lyon" });
  });

  it("carries the row's id and label", () => {
    expect(createNodeRow(row({ props: { name: "X GmbH", id: "org:x" } }))).toMatchObject({
      id: "org:x",
      label: "Organisation",
      props: { id: "org:x" },
    });
  });
});
