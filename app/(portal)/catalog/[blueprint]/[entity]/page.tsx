import Link from "next/link";
import { EntityActions } from "@/components/actions/entity-actions";
import { ActivityList } from "@/components/catalog/activity-list";
import { DevEnvironmentCard } from "@/components/dev-environments/dev-environment-card";
import { PaasPlanCard, paasSpecOf } from "@/components/paas/paas-plan-card";
import { EntityRefList } from "@/components/catalog/entity-refs";
import { PropertyValue } from "@/components/catalog/property-value";
import { LiveRefresh } from "@/components/live/live-refresh";
import { SyncNowButton } from "@/components/live/sync-now-button";
import { Card, PageHeader, secondaryButtonClass } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import { requirePageUser } from "@/lib/auth/page-user";
import { can } from "@/lib/auth/permissions";
import { operateResource } from "@/lib/deployments/operate";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { listActivity } from "@/lib/catalog/entities";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { deploymentsOfServices } from "@/lib/catalog/overview";
import { loadOr404 } from "@/lib/http/page-params";
import { getEnv } from "@/lib/env";
import { clusterPort } from "@/lib/wiring";

type Props = { params: Promise<{ blueprint: string; entity: string }> };

export default async function EntityPage({ params }: Props) {
  const { blueprint: bpId, entity: id } = await params;
  const user = await requirePageUser();
  const [blueprint, entity] = await loadOr404(() => Promise.all([getBlueprint(bpId), getEntityDetail(bpId, id)]));
  const [activity, deployments] = await Promise.all([
    listActivity(bpId, id),
    bpId === "service" ? deploymentsOfServices([id]).then((m) => m.get(id) ?? []) : Promise.resolve([]),
  ]);
  const schemaProps = blueprint.schema.properties ?? {};
  const propNames = [...new Set([...Object.keys(schemaProps), ...Object.keys(entity.properties)])];
  return (
    <>
      <LiveRefresh topics={[`${bpId}/${id}`, ...deployments.map((d) => `deployment/${d.identifier}`)]} />
      <PageHeader
        title={entity.title}
        subtitle={
          <>
            <Link className="hover:underline" href={`/catalog/${bpId}`}>
              {blueprint.title}
            </Link>{" "}
            · {entity.identifier}
            {entity.team ? (
              <>
                {" "}
                · team{" "}
                <Link className="hover:underline" href={`/catalog/team/${entity.team}`}>
                  {entity.team}
                </Link>
              </>
            ) : null}
          </>
        }
        actions={
          <>
            {bpId === "deployment" && can(user, "execute", operateResource(entity.team)) ? (
              <SyncNowButton deployment={id} />
            ) : null}
            {can(user, "update", { kind: "entity", blueprint: bpId, identifier: id, team: entity.team }) ? (
              <Link className={secondaryButtonClass} href={`/catalog/${bpId}/${id}/edit`}>
                Edit
              </Link>
            ) : null}
          </>
        }
      />
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card title="Properties">
          <dl className="grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-y-2">
            {propNames.map((name) => (
              <div key={name} className="contents">
                <dt className="text-slate-500">{String(schemaProps[name]?.title ?? name)}</dt>
                <dd className="mb-1 min-w-0 break-words sm:mb-0" data-property={name}>
                  <PropertyValue value={entity.properties[name]} />
                </dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Relations">
          <dl className="space-y-3 text-sm">
            {Object.entries(blueprint.relations).map(([name, def]) => (
              <div key={name}>
                <dt className="mb-1 text-slate-500">
                  {def.title ?? name} → {def.target}
                </dt>
                <dd>
                  <EntityRefList refs={entity.related[name] ?? []} />
                </dd>
              </div>
            ))}
            {entity.referencedBy.map((g) => (
              <div key={`${g.blueprint}.${g.relation}`}>
                <dt className="mb-1 text-slate-500">
                  {g.blueprint} via {g.relation} ←
                </dt>
                <dd>
                  <EntityRefList refs={g.entities} />
                </dd>
              </div>
            ))}
            {Object.keys(blueprint.relations).length === 0 && entity.referencedBy.length === 0 ? (
              <p className="text-slate-500">No relations.</p>
            ) : null}
          </dl>
        </Card>
        {bpId === "service" ? (
          <Card title="Deployments" className="lg:col-span-2">
            {deployments.length === 0 ? (
              <p className="text-sm text-slate-500">Not deployed anywhere yet.</p>
            ) : (
              <ul className="grid gap-3 sm:grid-cols-3">
                {deployments.map((d) => (
                  <li
                    key={d.identifier}
                    className="rounded-md border border-slate-200 p-3"
                    data-testid={`deployment-${d.environment}`}
                  >
                    <Link
                      className="font-medium text-indigo-700 hover:underline"
                      href={`/catalog/deployment/${d.identifier}`}
                    >
                      {d.environment}
                    </Link>
                    <div className="mt-1 flex gap-2">
                      <StatusChip status={d.status} label={d.status ?? "Unknown"} />
                      <span className="text-sm text-slate-600">{d.version ?? "no version"}</span>
                    </div>
                    <div className="mt-1 text-xs text-slate-500">{d.syncStatus ?? "Unknown"}</div>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
        {bpId === "dev-environment" ? (
          <DevEnvironmentCard identifier={entity.identifier} properties={entity.properties} cluster={clusterPort()} />
        ) : null}
        {bpId === "paas" ? (
          <PaasPlanCard spec={paasSpecOf(entity.identifier, entity.properties)} domain={getEnv().SLIPWAY_APPS_DOMAIN} />
        ) : null}
        <EntityActions blueprint={bpId} identifier={entity.identifier} className="lg:col-span-2" />
        <Card title="Activity" className="lg:col-span-2">
          <ActivityList items={activity} />
        </Card>
      </div>
    </>
  );
}
