import { describe, expect, it } from "vitest";
import { batches } from "../../../seed/batches.ts";

describe("batches", () => {
  it("cuts a list into consecutive slices of at most the size, the last one shorter, nothing lost or repeated", () => {
    expect(batches([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(batches([1, 2, 3, 4], 2)).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(batches([], 3)).toEqual([]);
    const many = Array.from({ length: 2501 }, (_, i) => i);
    expect(batches(many, 1000).map((b) => b.length)).toEqual([1000, 1000, 501]);
    expect(batches(many, 1000).flat()).toEqual(many);
  });
});
