import Link from "next/link";
import { EntityActions } from "@/components/actions/entity-actions";
import { ActivityList } from "@/components/catalog/activity-list";
import { DevEnvironmentCard } from "@/components/dev-environments/dev-environment-card";
import { PaasPlanCard, paasSpecOf } from "@/components/paas/paas-plan-card";
import { OriginCard } from "@/components/imports/origin-card";
import { PropertyValue } from "@/components/catalog/property-value";
import { RelationsCard } from "@/components/catalog/relations-card";
import { ServiceSections } from "@/components/catalog/service-sections";
import { TeamSections } from "@/components/catalog/team-sections";
import { LiveRefresh } from "@/components/live/live-refresh";
import { SyncNowButton } from "@/components/live/sync-now-button";
import { Card, PageHeader, secondaryButtonClass } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { can } from "@/lib/auth/permissions";
import { operateResource } from "@/lib/deployments/operate";
import { getBlueprint, listBlueprints } from "@/lib/catalog/blueprints";
import { listActivity } from "@/lib/catalog/entities";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { deploymentsOfServices } from "@/lib/catalog/overview";
import { loadOr404, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";
import { getEnv } from "@/lib/env";
import { findOrigin } from "@/lib/imports/origins";
import { clusterPort } from "@/lib/wiring";

type Props = { params: Promise<{ blueprint: string; entity: string }>; searchParams: Promise<RawSearchParams> };

export default async function EntityPage({ params, searchParams }: Props) {
  const { blueprint: bpId, entity: id } = await params;
  // The service page's deployment history may be narrowed to one environment.
  const historyEnvironment = toUrlSearchParams(await searchParams).get("history");
  const user = await requirePageUser();
  const [blueprint, entity] = await loadOr404(() => Promise.all([getBlueprint(bpId), getEntityDetail(bpId, id)]));
  const [activity, deployments, blueprints, origin] = await Promise.all([
    listActivity(bpId, id),
    bpId === "service" ? deploymentsOfServices([id]).then((m) => m.get(id) ?? []) : Promise.resolve([]),
    listBlueprints(),
    findOrigin(bpId, id),
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
      {origin ? <OriginCard origin={origin} /> : null}
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Card
          title="Properties"
          className={
            Object.keys(blueprint.relations).length === 0 && entity.referencedBy.length === 0 ? "lg:col-span-2" : ""
          }
        >
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
        <RelationsCard blueprint={blueprint} entity={entity} blueprints={blueprints} />
        {bpId === "service" ? (
          <ServiceSections
            user={user}
            service={entity.identifier}
            team={entity.team}
            historyEnvironment={historyEnvironment}
          />
        ) : null}
        {bpId === "team" ? <TeamSections team={entity.identifier} oidcGroup={entity.properties.oidc_group} /> : null}
        {bpId === "dev-environment" ? (
          <DevEnvironmentCard identifier={entity.identifier} properties={entity.properties} cluster={clusterPort()} />
        ) : null}
        {bpId === "paas" ? (
          <PaasPlanCard spec={paasSpecOf(entity.identifier, entity.properties)} domain={getEnv().SLIPWAY_APPS_DOMAIN} />
        ) : null}
        <EntityActions user={user} blueprint={bpId} entity={entity} className="lg:col-span-2" />
        <Card title="Activity" className="lg:col-span-2">
          <ActivityList items={activity} />
        </Card>
      </div>
    </>
  );
}
