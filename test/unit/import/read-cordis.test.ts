import { describe, expect, it } from "vitest";
import { readCordis } from "../../../seed/import/read-cordis.ts";

describe("picking the CORDIS layout", () => {
  it("names a path that does not exist instead of guessing its parent folder (regression: it said '/ holds no CORDIS layout')", async () => {
    await expect(readCordis(["/nonexistent/cordis"])).rejects.toThrow("import: /nonexistent/cordis: no such file or folder");
  });

  it("names the files it expects when a folder holds no known layout", async () => {
    await expect(readCordis(["test/unit"])).rejects.toThrow(/holds no CORDIS layout I know: expected projects\.tsv/);
  });
});
