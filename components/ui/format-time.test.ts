import { describe, expect, it } from "vitest";
import { formatRelative } from "./format-time";

const now = new Date("2026-11-30T12:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("formatRelative", () => {
  it("says just now for under 45 s, either way", () => {
    expect(formatRelative(ago(10), now)).toBe("just now");
    expect(formatRelative(ago(-10), now)).toBe("just now");
  });

  it("uses the largest whole unit", () => {
    expect(formatRelative(ago(50), now)).toBe("1 minute ago");
    expect(formatRelative(ago(5 * 60), now)).toBe("5 minutes ago");
    expect(formatRelative(ago(3 * 3600), now)).toBe("3 hours ago");
    expect(formatRelative(ago(86_400), now)).toBe("yesterday");
    expect(formatRelative(ago(-2 * 86_400), now)).toBe("in 2 days");
    expect(formatRelative(ago(400 * 86_400), now)).toBe("last year");
    expect(formatRelative(ago(-7 * 86_400 + 5), now)).toBe("in 7 days");
    expect(formatRelative(ago(90 * 86_400), now)).toBe("3 months ago");
  });
});

describe("formatExact", () => {
  it("names the date, the time to the second and the zone", async () => {
    const { formatExact } = await import("./format-time");
    expect(formatExact(new Date("2026-11-30T12:34:56Z"))).toMatch(/30 Nov 2026.*\d\d:\d\d:56 \S+/);
  });
});
