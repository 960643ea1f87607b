import { describe, expect, it } from "vitest";
import { formatDuration, parseTtl, warningLeadMs } from "./ttl";

describe("parseTtl", () => {
  it("reads minutes, hours and days", () => {
    expect(parseTtl("1m")).toBe(60_000);
    expect(parseTtl("12h")).toBe(12 * 3_600_000);
    expect(parseTtl("7d")).toBe(7 * 86_400_000);
  });
  it.each(["", "0d", "7", "1w", "1.5h", "-1h", "h"])("refuses %j", (text) => expect(parseTtl(text)).toBeNull());
});

describe("warningLeadMs and formatDuration", () => {
  it("warns an hour ahead, or half-way for short environments", () => {
    expect(warningLeadMs(7 * 86_400_000)).toBe(3_600_000);
    expect(warningLeadMs(60_000)).toBe(30_000);
  });
  it("formats durations", () => {
    expect(formatDuration(3_900_000)).toBe("1h 5m");
    expect(formatDuration(86_400_000 * 2)).toBe("2d");
    expect(formatDuration(20_000)).toBe("0m");
  });
});
