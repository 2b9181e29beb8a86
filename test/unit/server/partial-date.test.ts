import { describe, expect, it } from "vitest";
import { lowerBound, overlaps, upperBound } from "../../../server/domain/partial-date.ts";

describe("partial dates", () => {
  it("refuses what is not a partial ISO date", () => {
    expect(() => lowerBound("26.06.2019")).toThrow(RangeError);
  });

  it("reads a year as the whole year and a month as the whole month", () => {
    expect(lowerBound("2019")).toBe("2019-01-01");
    expect(upperBound("2019")).toBe("2019-12-31");
    expect(lowerBound("2019-06")).toBe("2019-06-01");
    expect(upperBound("2019-06-24")).toBe("2019-06-24");
  });

  it("keeps a 2018–2022 funding in a 2020 window and drops it from a 2023 one", () => {
    expect(overlaps({ startDate: "2018", endDate: "2022" }, { from: "2020", to: "2020" })).toBe(true);
    expect(overlaps({ startDate: "2018", endDate: "2022" }, { from: "2023" })).toBe(false);
  });

  it("treats a month-precise start as overlapping its year", () => {
    expect(overlaps({ startDate: "2019-06" }, { from: "2019", to: "2019" })).toBe(true);
    expect(overlaps({ startDate: "2019-06" }, { to: "2019-05" })).toBe(false);
  });

  it("reads a start without an end as ongoing, and an end without a start as running until then", () => {
    expect(overlaps({ startDate: "2019-06" }, { from: "2023", to: "2024" })).toBe(true);
    expect(overlaps({ endDate: "2018" }, { from: "2019" })).toBe(false);
    expect(overlaps({ endDate: "2018" }, { to: "2010" })).toBe(true);
  });

  it("answers as told for undated facts when a window is set, and keeps them without one", () => {
    expect(overlaps({}, { from: "2019" })).toBe(false);
    expect(overlaps({}, { from: "2019" }, true)).toBe(true);
    expect(overlaps({}, {})).toBe(true);
  });
});
