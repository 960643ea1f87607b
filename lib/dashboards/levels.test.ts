import { describe, expect, it } from "vitest";
import { changeFailureLevel, frequencyLevel, leadTimeLevel, median, recoveryLevel } from "./levels";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe("DORA levels", () => {
  it("classifies deployment frequency per day at the report's boundaries", () => {
    expect(frequencyLevel(null)).toBeNull();
    expect(frequencyLevel(0)).toBeNull();
    expect(frequencyLevel(3)).toBe("elite");
    expect(frequencyLevel(1)).toBe("elite");
    expect(frequencyLevel(0.99)).toBe("high");
    expect(frequencyLevel(1 / 7)).toBe("high");
    expect(frequencyLevel(1 / 8)).toBe("medium");
    expect(frequencyLevel(1 / 30)).toBe("medium");
    expect(frequencyLevel(1 / 31)).toBe("low");
  });

  it("classifies lead time, change failure rate and recovery time", () => {
    expect(leadTimeLevel(23 * HOUR)).toBe("elite");
    expect(leadTimeLevel(3 * DAY)).toBe("high");
    expect(leadTimeLevel(7 * DAY)).toBe("medium");
    expect(leadTimeLevel(30 * DAY)).toBe("low");
    expect(changeFailureLevel(0)).toBe("elite");
    expect(changeFailureLevel(0.05)).toBe("elite");
    expect(changeFailureLevel(0.1)).toBe("high");
    expect(changeFailureLevel(0.15)).toBe("medium");
    expect(changeFailureLevel(0.2)).toBe("low");
    expect(recoveryLevel(45 * 60_000)).toBe("elite");
    expect(recoveryLevel(HOUR)).toBe("high");
    expect(recoveryLevel(DAY)).toBe("medium");
    expect(recoveryLevel(7 * DAY)).toBe("low");
  });

  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
