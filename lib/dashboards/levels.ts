// DORA performance levels. Boundaries from the Accelerate State of DevOps reports (see README
// "Dashboards"): deployment frequency and lead time as in the 2024 report; change failure rate and
// recovery time as in the 2023 report, whose bands are ordered (2024's medium CFR, 10%, is below
// its high, 20%, so those medians cannot serve as boundaries).

export const LEVELS = ["elite", "high", "medium", "low"] as const;
export type Level = (typeof LEVELS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Successful production deployments per day: elite at least daily (on demand), high weekly, medium monthly. */
export function frequencyLevel(perDay: number | null): Level | null {
  if (perDay === null || perDay === 0) return null;
  if (perDay >= 1) return "elite";
  if (perDay >= 1 / 7) return "high";
  if (perDay >= 1 / 30) return "medium";
  return "low";
}

/** Median commit → Healthy in production: elite under a day, high under a week, medium under a month. */
export function leadTimeLevel(ms: number | null): Level | null {
  if (ms === null) return null;
  if (ms < DAY) return "elite";
  if (ms < 7 * DAY) return "high";
  if (ms < 30 * DAY) return "medium";
  return "low";
}

/** Share of production deployments that failed: elite ≤ 5 %, high ≤ 10 %, medium ≤ 15 %. */
export function changeFailureLevel(rate: number | null): Level | null {
  if (rate === null) return null;
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}

/** Median failed-deployment recovery: elite under an hour, high under a day, medium under a week. */
export function recoveryLevel(ms: number | null): Level | null {
  if (ms === null) return null;
  if (ms < HOUR) return "elite";
  if (ms < DAY) return "high";
  if (ms < 7 * DAY) return "medium";
  return "low";
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
