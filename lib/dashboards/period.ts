import { z } from "zod";
import { invalid } from "@/lib/errors";

export const PERIODS = ["7d", "30d", "90d", "custom"] as const;
export type PeriodName = (typeof PERIODS)[number];
export type Period = { name: PeriodName; from: Date; to: Date; days: number };

const DAY_MS = 86_400_000;
const MAX_CUSTOM_DAYS = 366;

const isoDate = z.iso.date().describe("YYYY-MM-DD (UTC)");

/** The period fields every dashboard takes; custom needs from and to (inclusive days). */
export const periodQuery = {
  period: z.enum(PERIODS).default("30d").describe("7d, 30d or 90d back from now, or custom (from/to)"),
  from: isoDate.optional().describe("custom period: first day (UTC), YYYY-MM-DD"),
  to: isoDate.optional().describe("custom period: last day (UTC, inclusive), YYYY-MM-DD"),
};

/** [from, to) of the period ending now (or the custom days). `now` is injected so tests need no sleeping. */
export function resolvePeriod(q: { period: PeriodName; from?: string; to?: string }, now: Date): Period {
  if (q.period !== "custom") {
    const days = Number(q.period.slice(0, -1));
    return { name: q.period, from: new Date(now.getTime() - days * DAY_MS), to: now, days };
  }
  if (!q.from || !q.to)
    throw invalid(
      { ...(q.from ? {} : { from: ["Give the first day"] }), ...(q.to ? {} : { to: ["Give the last day"] }) },
      "A custom period needs from and to",
    );
  const from = new Date(`${q.from}T00:00:00.000Z`);
  const to = new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + DAY_MS);
  const days = Math.round((to.getTime() - from.getTime()) / DAY_MS);
  if (days < 1) throw invalid({ to: ["The last day must not be before the first"] }, "Empty period");
  if (days > MAX_CUSTOM_DAYS) throw invalid({ to: [`At most ${MAX_CUSTOM_DAYS} days`] }, "Period too long");
  return { name: "custom", from, to, days };
}

/** The period of the same length just before: what the trend compares with. */
export function previousPeriod(p: Period): Period {
  const len = p.to.getTime() - p.from.getTime();
  return { name: p.name, from: new Date(p.from.getTime() - len), to: p.from, days: p.days };
}

export function periodJson(p: Period) {
  return { name: p.name, from: p.from.toISOString(), to: p.to.toISOString(), days: p.days };
}
