import { Pager } from "@/components/catalog/pager";
import { FleetMatrix } from "@/components/fleet/fleet-matrix";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { fleetQuery, getWhatRunsWhere } from "@/lib/fleet/what-runs-where";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

export default async function FleetPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser();
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const view = await getWhatRunsWhere(parsePageParams(fleetQuery, raw));
  return (
    <>
      <PageHeader
        title="What runs where"
        subtitle="Every service in every environment, on every cluster: version, health and sync as each cluster reports them."
      />
      <Card title="Clusters by environment" className="mb-4">
        <ul className="flex flex-wrap gap-x-6 gap-y-2 text-sm" data-testid="fleet-environments">
          {view.environments.map((e) => (
            <li key={e.name} className="min-w-0">
              <span className="font-medium">{e.name}</span>{" "}
              <span className="text-slate-500">
                ({e.engine}
                {e.clusters.length > 0
                  ? `: ${e.clusters.map((c) => (c.region ? `${c.name} · ${c.region}` : c.name)).join(", ")}`
                  : ": default cluster"}
                )
              </span>
            </li>
          ))}
        </ul>
      </Card>
      <Card title="Services × environments × clusters">
        <FleetMatrix view={view} />
        <Pager base="/fleet" params={params} nextCursor={view.nextCursor} hasCursor={Boolean(params.get("cursor"))} />
      </Card>
    </>
  );
}
