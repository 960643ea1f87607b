import { DashboardChart } from "@/components/dashboards/chart";
import { DashboardHead } from "@/components/dashboards/dashboard-head";
import { LevelChip } from "@/components/dashboards/dashboard-nav";
import { CsvLink, DataTable } from "@/components/dashboards/data-table";
import { formatDate, formatHours, formatPercent } from "@/components/dashboards/format";
import { loadWithPeriodFallback } from "@/components/dashboards/load";
import { Card } from "@/components/ui/page-header";
import { doraQuery, getDoraDashboard, type DoraFigures } from "@/lib/dashboards/dora";
import { listTeams } from "@/lib/dashboards/service-page";
import { DORA_TABLES } from "@/lib/dashboards/tables";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

const API = "/api/v1/dashboards/dora";
const TREND: Record<string, string> = { better: "↑ better", worse: "↓ worse", same: "→ same" };

export default async function DoraDashboard({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const [{ view, problem }, teams] = await Promise.all([
    loadWithPeriodFallback(parsePageParams(doraQuery, raw), (q) => getDoraDashboard(q, new Date())),
    listTeams(),
  ]);
  const m = view.metrics;
  const p = view.previous;
  const cards = [
    {
      id: "frequency",
      title: "Deployment frequency",
      value: `${m.perDay} / day`,
      sub: `${m.deployments} deployments · ${m.perWeek} / week`,
      before: `${p.perDay} / day`,
      level: m.frequencyLevel,
      trend: view.trend.deploymentFrequency,
    },
    {
      id: "lead-time",
      title: "Lead time for changes",
      value: formatHours(m.leadTimeHours),
      sub: `median of ${m.leadTimeSamples} versions`,
      before: formatHours(p.leadTimeHours),
      level: m.leadTimeLevel,
      trend: view.trend.leadTime,
    },
    {
      id: "change-failure",
      title: "Change failure rate",
      value: formatPercent(m.changeFailureRate),
      sub: `${m.failed} of ${m.deployments} deployments`,
      before: formatPercent(p.changeFailureRate),
      level: m.changeFailureLevel,
      trend: view.trend.changeFailureRate,
    },
    {
      id: "recovery",
      title: "Failed deployment recovery",
      value: formatHours(m.recoveryMinutes === null ? null : m.recoveryMinutes / 60),
      sub: `median of ${m.incidents} incidents${m.unrecovered ? `, ${m.unrecovered} open` : ""}`,
      before: formatHours(p.recoveryMinutes === null ? null : p.recoveryMinutes / 60),
      level: m.recoveryLevel,
      trend: view.trend.recoveryTime,
    },
  ];
  const breakdown = (
    rows: (DoraFigures & { team: string | null; service: string | null })[],
    key: "team" | "service",
  ) =>
    rows.map((r) => ({
      name: r[key],
      deployments: r.deployments,
      per_day: r.perDay,
      lead: formatHours(r.leadTimeHours),
      cfr: formatPercent(r.changeFailureRate),
      recovery: formatHours(r.recoveryMinutes === null ? null : r.recoveryMinutes / 60),
      level: r.frequencyLevel,
    }));
  const columns = (label: string) => [
    { key: "name", label },
    { key: "deployments", label: "Deploys" },
    { key: "per_day", label: "Per day" },
    { key: "lead", label: "Lead time" },
    { key: "cfr", label: "Change failure" },
    { key: "recovery", label: "Recovery" },
  ];
  return (
    <>
      <DashboardHead
        slug="dora"
        subtitle="The four DORA metrics from what Slipway records: production deployments, rollbacks and health."
        params={params}
        options={{ teams, period: true, services: true }}
        periodSwitch
        problem={problem}
      />
      <p className="mb-4 text-xs text-slate-500" data-testid="period">
        {formatDate(view.period.from)} → {formatDate(view.period.to)} UTC ({view.period.days} days), compared with the{" "}
        {view.period.days} days before. A deployment failed when a rollback or a Degraded state followed within{" "}
        {view.changeFailureWindowHours} h (before its next deployment).
      </p>
      <div className="mb-4 grid grid-cols-1 gap-3 sm:grid-cols-2 xl:grid-cols-4">
        {cards.map((c) => (
          <section
            key={c.id}
            data-testid={`metric-${c.id}`}
            className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          >
            <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{c.title}</h2>
            <p className="mt-1 text-2xl font-semibold" data-testid="metric-value">
              {c.value}
            </p>
            <p className="text-xs text-slate-500">{c.sub}</p>
            <p className="mt-2 flex flex-wrap items-center gap-2 text-xs">
              <LevelChip level={c.level} />
              <span className="text-slate-500">before: {c.before}</span>
              {c.trend ? (
                <span className={c.trend === "worse" ? "text-red-700" : "text-emerald-700"}>{TREND[c.trend]}</span>
              ) : null}
            </p>
          </section>
        ))}
      </div>
      <Card title="Production deployments per day" className="mb-4">
        <DashboardChart
          kind={view.daily.length > 31 ? "line" : "bar"}
          stacked
          data={view.daily}
          x="date"
          series={[
            { key: "deployments", label: "Deployments", color: "#4f46e5" },
            { key: "rollbacks", label: "Rollbacks", color: "#dc2626" },
          ]}
        />
        <details className="mt-2">
          <summary className="cursor-pointer text-sm text-indigo-700">The chart&apos;s numbers</summary>
          <DataTable
            caption="Production deployments and rollbacks per day"
            testId="daily-table"
            columns={[
              { key: "date", label: "Day" },
              { key: "deployments", label: "Deployments" },
              { key: "rollbacks", label: "Rollbacks" },
            ]}
            rows={DORA_TABLES.daily!(view)}
          />
        </details>
        <CsvLink api={API} params={params} table="daily" />
      </Card>
      <div className="grid gap-4 *:min-w-0 lg:grid-cols-2">
        <Card title="Per team">
          <DataTable
            caption="DORA metrics per team"
            testId="teams-table"
            columns={columns("Team")}
            rows={breakdown(view.teams, "team")}
            empty="No production deployments in this period."
          />
          <CsvLink api={API} params={params} table="teams" />
        </Card>
        <Card title="Per service">
          <DataTable
            caption="DORA metrics per service"
            testId="services-table"
            columns={columns("Service")}
            rows={breakdown(view.services, "service")}
            empty="No production deployments in this period."
          />
          <CsvLink api={API} params={params} table="services" />
        </Card>
      </div>
    </>
  );
}
