import { Pager } from "@/components/catalog/pager";
import { DashboardChart } from "@/components/dashboards/chart";
import { DashboardHead } from "@/components/dashboards/dashboard-head";
import { CsvLink, DataTable } from "@/components/dashboards/data-table";
import { formatDate, formatHours, formatPercent } from "@/components/dashboards/format";
import { loadWithPeriodFallback } from "@/components/dashboards/load";
import { Card } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import { getPipelineView, pipelineViewQuery } from "@/lib/dashboards/pipeline-view";
import { PIPELINE_TABLES } from "@/lib/dashboards/tables";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

const API = "/api/v1/dashboards/pipeline";

export default async function PipelineDashboard({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const { view, problem } = await loadWithPeriodFallback(parsePageParams(pipelineViewQuery, raw), (q) =>
    getPipelineView(q, new Date()),
  );
  const runs = PIPELINE_TABLES.runs!(view);
  const waiting = PIPELINE_TABLES.waiting!(view);
  return (
    <>
      <DashboardHead
        slug="pipeline"
        subtitle="From dev to production: what runs where, what waits, how long each step takes."
        params={params}
        options={{ teams: view.filters.teams, period: true }}
        periodSwitch
        problem={problem}
      />
      <p className="mb-4 text-xs text-slate-500" data-testid="period">
        {formatDate(view.period.from)} → {formatDate(view.period.to)} UTC ({view.period.days} days)
      </p>
      <Card title="Stages" className="mb-4">
        {view.services.length === 0 ? (
          <p className="text-sm text-slate-500">No services match these filters.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="pipeline-table">
              <caption className="sr-only">Versions per stage</caption>
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4">
                    Service
                  </th>
                  {view.filters.environments.map((e) => (
                    <th key={e} scope="col" className="pr-4">
                      {e}
                    </th>
                  ))}
                  <th scope="col" className="pr-4">
                    Ahead
                  </th>
                  <th scope="col" className="pr-4">
                    Lead time per stage
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {view.services.map((s) => (
                  <tr key={s.service} className="align-top" data-testid={`pipeline-row-${s.service}`}>
                    <td className="py-2 pr-4 font-medium">
                      {s.service}
                      <div className="text-xs font-normal text-slate-500">{s.team}</div>
                    </td>
                    {s.stages.map((st) => (
                      <td key={st.environment} className="whitespace-nowrap py-2 pr-4 text-xs">
                        <span className="font-mono">{st.version ?? "—"}</span>{" "}
                        {st.health ? <StatusChip label={st.health} status={st.health} /> : null}
                      </td>
                    ))}
                    <td className="py-2 pr-4 text-xs">
                      {s.ahead
                        .filter((a) => a.versions.length > 0)
                        .map((a) => (
                          <div key={a.lower}>
                            {a.lower} is {a.versions.length} version{a.versions.length === 1 ? "" : "s"} ahead of{" "}
                            {a.upper}
                          </div>
                        ))}
                    </td>
                    <td className="whitespace-nowrap py-2 pr-4 text-xs">
                      {s.leadTimes.map((l) => (
                        <div key={l.to}>
                          {l.from} → {l.to}: {formatHours(l.medianHours)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <div className="flex items-center justify-between">
          <Pager
            base="/dashboards/pipeline"
            params={params}
            nextCursor={view.nextCursor}
            hasCursor={Boolean(params.get("cursor"))}
          />
          <span className="flex gap-3">
            <CsvLink api={API} params={params} table="stages" label="Stages CSV" />
            <CsvLink api={API} params={params} table="lead-times" label="Lead times CSV" />
            <CsvLink api={API} params={params} table="ahead" label="Versions ahead CSV" />
          </span>
        </div>
      </Card>
      <div className="grid gap-4 *:min-w-0 lg:grid-cols-2">
        <Card title="Run outcomes in the period">
          <DashboardChart
            kind="bar"
            stacked
            data={runs as Record<string, number | string>[]}
            x="service"
            series={[
              { key: "succeeded", label: "Succeeded", color: "#059669" },
              { key: "failed", label: "Failed", color: "#dc2626" },
            ]}
          />
          <DataTable
            caption="Runs per service"
            testId="runs-table"
            columns={[
              { key: "service", label: "Service" },
              { key: "succeeded", label: "Succeeded" },
              { key: "failed", label: "Failed" },
              {
                key: "success_rate",
                label: "Success rate",
                render: (r) => formatPercent(r.success_rate as number | null),
              },
            ]}
            rows={runs}
          />
          <CsvLink api={API} params={params} table="runs" />
        </Card>
        <Card title="Waiting for approval">
          <DataTable
            caption="Runs waiting for approval"
            testId="waiting-table"
            columns={[
              { key: "service", label: "Service" },
              { key: "action", label: "Action" },
              { key: "target_environment", label: "To" },
              { key: "requested_by", label: "Requested by" },
              { key: "waiting_minutes", label: "Waiting", render: (r) => formatHours(Number(r.waiting_minutes) / 60) },
            ]}
            rows={waiting}
            empty="Nothing waits for approval."
          />
          <CsvLink api={API} params={params} table="waiting" />
        </Card>
      </div>
    </>
  );
}
