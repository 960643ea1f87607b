import Link from "next/link";
import { Pager } from "@/components/catalog/pager";
import { DashboardChart } from "@/components/dashboards/chart";
import { DashboardHead } from "@/components/dashboards/dashboard-head";
import { CsvLink, DataTable } from "@/components/dashboards/data-table";
import { formatWhen, formatHours } from "@/components/dashboards/format";
import { Card } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import { catalogViewQuery, getCatalogView } from "@/lib/dashboards/catalog-view";
import { CATALOG_TABLES } from "@/lib/dashboards/tables";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

const HEALTH_COLORS: Record<string, string> = {
  Healthy: "#059669",
  Progressing: "#0284c7",
  Degraded: "#dc2626",
  Suspended: "#d97706",
  Missing: "#ea580c",
  Unknown: "#94a3b8",
};

export default async function CatalogDashboard({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const view = await getCatalogView(parsePageParams(catalogViewQuery, raw), new Date());
  const health = CATALOG_TABLES.health!(view);
  return (
    <>
      <DashboardHead
        slug="catalog"
        subtitle="Every service in every environment: what runs, how healthy, who put it there."
        params={params}
        options={{ teams: view.filters.teams, environments: view.filters.environments, health: true, sort: true }}
      />
      <div className="mb-4 grid gap-4 *:min-w-0 lg:grid-cols-2">
        <Card title="Health by environment">
          <DashboardChart
            kind="bar"
            stacked
            data={health as Record<string, number | string>[]}
            x="environment"
            series={view.filters.health.map((h) => ({ key: h, label: h, color: HEALTH_COLORS[h] ?? "#94a3b8" }))}
          />
          <DataTable
            caption="Deployments per environment and health"
            testId="health-table"
            columns={[
              { key: "environment", label: "Environment" },
              ...view.filters.health.map((h) => ({ key: h, label: h })),
            ]}
            rows={health}
          />
          <CsvLink api="/api/v1/dashboards/catalog" params={params} table="health" />
        </Card>
        <Card title="Legend">
          <ul className="space-y-1 text-sm">
            {view.legend.map((l) => (
              <li key={l.health} className="flex flex-wrap items-center gap-2">
                <StatusChip label={l.health} status={l.health} /> <span className="text-slate-600">{l.meaning}</span>
              </li>
            ))}
            <li className="pt-2 text-xs text-slate-500">
              Each cell: version, health, sync, ready/desired replicas, age of the deployment and who deployed it.
            </li>
          </ul>
        </Card>
      </div>
      <Card title="Services × environments" className="mb-4">
        <ServiceMatrix view={view} />
        <div className="flex items-center justify-between">
          <Pager
            base="/dashboards/catalog"
            params={params}
            nextCursor={view.nextCursor}
            hasCursor={Boolean(params.get("cursor"))}
          />
          <CsvLink api="/api/v1/dashboards/catalog" params={params} table="services" />
        </div>
      </Card>
      <Card title={params.get("team") ? `Recent deployments of ${params.get("team")}` : "Recent deployments"}>
        <DataTable
          caption="Recent deployments"
          testId="activity-table"
          columns={[
            { key: "at", label: "When", render: (r) => formatWhen(r.at as string) },
            { key: "service", label: "Service" },
            { key: "environment", label: "Env" },
            { key: "version", label: "Version" },
            { key: "action", label: "Action" },
            { key: "actor", label: "By" },
          ]}
          rows={view.recentActivity}
          empty="No deployments recorded yet."
        />
        <CsvLink api="/api/v1/dashboards/catalog" params={params} table="activity" />
      </Card>
    </>
  );
}

function ServiceMatrix({ view }: { view: Awaited<ReturnType<typeof getCatalogView>> }) {
  if (view.services.length === 0) return <p className="text-sm text-slate-500">No services match these filters.</p>;
  const envs = view.filters.environments;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="service-matrix">
        <caption className="sr-only">Services by environment</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Service
            </th>
            <th scope="col" className="pr-4">
              Team
            </th>
            {envs.map((e) => (
              <th key={e} scope="col" className="pr-4">
                {e}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.services.map((s) => (
            <tr key={s.service} data-testid={`matrix-row-${s.service}`} className="align-top">
              <td className="py-2 pr-4">
                <Link className="font-medium text-indigo-700 hover:underline" href={`/catalog/service/${s.service}`}>
                  {s.service}
                </Link>
              </td>
              <td className="py-2 pr-4 text-slate-600">{s.team ?? "—"}</td>
              {envs.map((e) => {
                const d = s.deployments.find((x) => x.environment === e);
                return (
                  <td key={e} className="whitespace-nowrap py-2 pr-4 text-xs">
                    {d ? (
                      <div className="space-y-0.5">
                        <div className="flex items-center gap-1">
                          <span className="font-mono">{d.version ?? "—"}</span>
                          <StatusChip label={d.health ?? "Unknown"} status={d.health} />
                        </div>
                        <div className="text-slate-500">
                          {d.sync ?? "—"} · {d.readyReplicas ?? "?"}/{d.replicas ?? "?"} · {formatHours(d.ageHours)}
                        </div>
                        {d.deployedBy ? (
                          <div className="text-slate-500">
                            {d.deployedWith} by {d.deployedBy}
                          </div>
                        ) : null}
                      </div>
                    ) : (
                      <span className="text-slate-500">—</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
