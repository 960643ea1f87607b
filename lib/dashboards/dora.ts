import { z } from "zod";
import { CHANGE_FAILURE_WINDOW_HOURS } from "./record-events";
import { queryDailyDeployments, queryDora, type DoraRow, type DoraScope } from "./dora-query";
import { changeFailureLevel, frequencyLevel, leadTimeLevel, recoveryLevel, type Level } from "./levels";
import { periodJson, periodQuery, previousPeriod, resolvePeriod, type Period } from "./period";

export const doraQuery = z.object({
  ...periodQuery,
  team: z.string().trim().min(1).max(100).optional().describe("only this team's services"),
  service: z.string().trim().min(1).max(200).optional().describe("only this service"),
});
export type DoraQuery = z.infer<typeof doraQuery>;

export type Trend = "better" | "worse" | "same" | null;
export type DoraFigures = {
  deployments: number;
  perDay: number;
  perWeek: number;
  frequencyLevel: Level | null;
  leadTimeHours: number | null;
  leadTimeSamples: number;
  leadTimeLevel: Level | null;
  failed: number;
  changeFailureRate: number | null;
  changeFailureLevel: Level | null;
  recoveryMinutes: number | null;
  incidents: number;
  unrecovered: number;
  recoveryLevel: Level | null;
};

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places;

function figures(row: DoraRow | undefined, p: Period): DoraFigures {
  const deployments = row?.deployments ?? 0;
  const perDay = deployments / p.days;
  const rate = deployments > 0 ? (row?.failed ?? 0) / deployments : null;
  const leadMs = row?.leadMs ?? null;
  const recoveryMs = row?.recoveryMs ?? null;
  return {
    deployments,
    perDay: round(perDay, 3),
    perWeek: round(perDay * 7),
    frequencyLevel: frequencyLevel(perDay),
    leadTimeHours: leadMs === null ? null : round(leadMs / 3_600_000),
    leadTimeSamples: row?.leadSamples ?? 0,
    leadTimeLevel: leadTimeLevel(leadMs),
    failed: row?.failed ?? 0,
    changeFailureRate: rate === null ? null : round(rate, 4),
    changeFailureLevel: changeFailureLevel(rate),
    recoveryMinutes: recoveryMs === null ? null : round(recoveryMs / 60_000, 1),
    incidents: row?.incidents ?? 0,
    unrecovered: row?.open ?? 0,
    recoveryLevel: recoveryLevel(recoveryMs),
  };
}

// Higher is better for frequency; lower is better for the other three.
function trend(now: number | null, before: number | null, higherIsBetter: boolean): Trend {
  if (now === null || before === null) return null;
  if (now === before) return "same";
  return now > before === higherIsBetter ? "better" : "worse";
}

/** The four DORA metrics of a period, with levels, the previous period and per-team/per-service rows. */
export async function getDoraDashboard(q: DoraQuery, now: Date) {
  const period = resolvePeriod(q, now);
  const previous = previousPeriod(period);
  const scope: DoraScope = { team: q.team, service: q.service };
  const [rows, before, daily] = await Promise.all([
    queryDora(scope, period, { breakdown: true }),
    queryDora(scope, previous, { breakdown: false }),
    queryDailyDeployments(scope, period),
  ]);
  const total = figures(
    rows.find((r) => r.level === "total"),
    period,
  );
  const prior = figures(
    before.find((r) => r.level === "total"),
    previous,
  );
  const breakdown = (level: "team" | "service") =>
    rows
      .filter((r) => r.level === level)
      .sort(
        (a, b) =>
          b.deployments - a.deployments || String(a.service ?? a.team).localeCompare(String(b.service ?? b.team)),
      )
      .slice(0, 100)
      .map((r) => ({ team: r.team, service: r.service, ...figures(r, period) }));
  return {
    period: periodJson(period),
    previousPeriod: periodJson(previous),
    scope,
    changeFailureWindowHours: CHANGE_FAILURE_WINDOW_HOURS,
    metrics: total,
    previous: prior,
    trend: {
      deploymentFrequency: trend(
        total.deployments > 0 ? total.perDay : null,
        prior.deployments > 0 ? prior.perDay : null,
        true,
      ),
      leadTime: trend(total.leadTimeHours, prior.leadTimeHours, false),
      changeFailureRate: trend(total.changeFailureRate, prior.changeFailureRate, false),
      recoveryTime: trend(total.recoveryMinutes, prior.recoveryMinutes, false),
    },
    daily,
    teams: breakdown("team"),
    services: breakdown("service"),
  };
}
export type DoraDashboard = Awaited<ReturnType<typeof getDoraDashboard>>;
