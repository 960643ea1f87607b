import { describe, expect, it } from "vitest";
import { formatQuantity, parseQuantity } from "./quantity";

describe("parseQuantity", () => {
  it.each([
    ["2", 2],
    ["500m", 0.5],
    ["1.5", 1.5],
    ["42", 42],
    ["11Gi", 11 * 2 ** 30],
    ["512Mi", 512 * 2 ** 20],
    ["13G", 13e9],
    ["1e3", 1000],
    ["100k", 100_000],
    [".5", 0.5],
  ])("%s is %d", (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 9);
  });

  it.each(["", "abc", "1.5.3", "5 Gi", " 2", "2 ", "1GiB", "m", "1x", "--1"])("%j is not a quantity", (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});

describe("formatQuantity", () => {
  it("formats cores and bytes readably", () => {
    expect(formatQuantity(2, "cpu")).toBe("2");
    expect(formatQuantity(0.25, "cpu")).toBe("250m");
    expect(formatQuantity(1.5, "cpu")).toBe("1.5");
    expect(formatQuantity(11 * 2 ** 30, "bytes")).toBe("11Gi");
    expect(formatQuantity(768 * 2 ** 20, "bytes")).toBe("768Mi");
  });
});
