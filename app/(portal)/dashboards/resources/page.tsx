import { Pager } from "@/components/catalog/pager";
import { DashboardChart } from "@/components/dashboards/chart";
import { PeriodSwitch } from "@/components/dashboards/dashboard-filters";
import { DashboardHead } from "@/components/dashboards/dashboard-head";
import { CsvLink, DataTable } from "@/components/dashboards/data-table";
import { formatWhen } from "@/components/dashboards/format";
import { loadWithPeriodFallback } from "@/components/dashboards/load";
import { Card } from "@/components/ui/page-header";
import { getResourcesView, resourcesViewQuery } from "@/lib/dashboards/resources-view";
import { RESOURCES_TABLES } from "@/lib/dashboards/tables";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

const API = "/api/v1/dashboards/resources";

export default async function ResourcesDashboard({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const { view, problem } = await loadWithPeriodFallback(parsePageParams(resourcesViewQuery, raw), (q) =>
    getResourcesView(q, new Date()),
  );
  const totals = RESOURCES_TABLES.totals!(view);
  const chart = totals.map((r) => ({ ...r, group: `${r.team ?? "—"} ${r.environment}` }));
  return (
    <>
      <DashboardHead
        slug="resources"
        subtitle="What every team asks of the cluster: replicas, CPU and memory requests and limits."
        params={params}
        options={{ teams: view.filters.teams, environments: view.filters.environments, period: true }}
        problem={problem}
      />
      <dl className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-5" data-testid="resource-totals">
        {[
          ["Replicas", view.totals.replicas],
          ["CPU requested", `${view.totals.cpuRequest} cores`],
          ["CPU limit", `${view.totals.cpuLimit} cores`],
          ["Memory requested", `${Math.round(view.totals.memoryRequestMiB / 102.4) / 10} GiB`],
          ["Memory limit", `${Math.round(view.totals.memoryLimitMiB / 102.4) / 10} GiB`],
        ].map(([label, value]) => (
          <div key={label} className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd className="text-lg font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      <Card title="Per team and environment" className="mb-4">
        <DashboardChart
          kind="bar"
          data={chart as Record<string, number | string>[]}
          x="group"
          series={[
            { key: "cpu_request_cores", label: "CPU requested (cores)", color: "#4f46e5" },
            { key: "cpu_limit_cores", label: "CPU limit (cores)", color: "#a5b4fc" },
          ]}
        />
        <DataTable
          caption="Resources per team and environment"
          testId="totals-table"
          columns={[
            { key: "team", label: "Team" },
            { key: "environment", label: "Env" },
            { key: "replicas", label: "Replicas" },
            { key: "cpu_request_cores", label: "CPU req (cores)" },
            { key: "cpu_limit_cores", label: "CPU limit (cores)" },
            { key: "memory_request_mib", label: "Mem req (MiB)" },
            { key: "memory_limit_mib", label: "Mem limit (MiB)" },
          ]}
          rows={totals}
        />
        <CsvLink api={API} params={params} table="totals" />
      </Card>
      <Card title="Per service" className="mb-4">
        <DataTable
          caption="Resources per service and environment"
          testId="services-table"
          columns={[
            { key: "service", label: "Service" },
            { key: "environment", label: "Env" },
            { key: "replicas", label: "Replicas" },
            { key: "cpu_request", label: "CPU req" },
            { key: "cpu_limit", label: "CPU limit" },
            { key: "memory_request", label: "Mem req" },
            { key: "memory_limit", label: "Mem limit" },
          ]}
          rows={RESOURCES_TABLES.services!(view)}
          empty="No services match these filters."
        />
        <div className="flex items-center justify-between">
          <Pager
            base="/dashboards/resources"
            params={params}
            nextCursor={view.nextCursor}
            hasCursor={Boolean(params.get("cursor"))}
          />
          <CsvLink api={API} params={params} table="services" />
        </div>
      </Card>
      <PeriodSwitch base="/dashboards/resources" params={params} />
      <Card title={`Scaling history (${view.period.days} days)`}>
        <DataTable
          caption="Scale runs with their reasons"
          testId="scaling-table"
          columns={[
            { key: "at", label: "When", render: (r) => formatWhen(r.at as string) },
            { key: "deployment", label: "Deployment" },
            { key: "replicas", label: "Replicas" },
            { key: "cpu_limit", label: "CPU limit" },
            { key: "memory_limit", label: "Mem limit" },
            { key: "status", label: "Run" },
            { key: "reason", label: "Reason" },
            { key: "requested_by", label: "By" },
          ]}
          rows={RESOURCES_TABLES.scaling!(view)}
          empty="No scaling in this period."
        />
        <CsvLink api={API} params={params} table="scaling" />
      </Card>
    </>
  );
}
