import { describe, expect, it } from "vitest";
import { parseArgs } from "../../../seed/import/parse-args.ts";

describe("parseArgs", () => {
  it("refuses an unknown format with the usage", () => {
    expect(() => parseArgs(["xml", "a.xml"])).toThrow(/unknown or missing format "xml".*\n.*usage/s);
  });

  it("refuses a batch size of 0", () => {
    expect(() => parseArgs(["cordis", "d", "--batch-size", "0"])).toThrow(/--batch-size expects a whole number/);
  });

  it("reads the format, paths and options", () => {
    expect(parseArgs(["cordis", "dir", "--dry-run", "--strict", "--source-name", "H2020 snapshot"])).toMatchObject({
      format: "cordis",
      paths: ["dir"],
      dryRun: true,
      strict: true,
      sourceName: "H2020 snapshot",
      batchSize: 2000,
    });
  });
});
