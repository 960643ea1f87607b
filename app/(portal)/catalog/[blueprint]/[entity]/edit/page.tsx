import { Forbidden } from "@/components/ui/forbidden";
import { authorizePage } from "@/lib/auth/page-user";
import { EntityForm } from "@/components/catalog/entity-form";
import { OriginCard } from "@/components/imports/origin-card";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { getEntityDetail } from "@/lib/catalog/entity-lookup";
import { loadEntityFormOptions } from "@/lib/catalog/form-options";
import { loadOr404 } from "@/lib/http/page-params";
import { findOrigin } from "@/lib/imports/origins";

type Props = { params: Promise<{ blueprint: string; entity: string }> };

export default async function EditEntityPage({ params }: Props) {
  const { blueprint: bpId, entity: id } = await params;
  const [blueprint, entity] = await loadOr404(() => Promise.all([getBlueprint(bpId), getEntityDetail(bpId, id)]));
  const { denied } = await authorizePage("update", {
    kind: "entity",
    blueprint: bpId,
    identifier: id,
    team: entity.team,
  });
  if (denied) return <Forbidden reason={denied} />;
  const [options, origin] = await Promise.all([loadEntityFormOptions(blueprint), findOrigin(bpId, id)]);
  const { related: _r, referencedBy: _b, ...plain } = entity;
  return (
    <>
      <PageHeader title={`Edit ${entity.title}`} subtitle={`${blueprint.title} · ${entity.identifier}`} />
      {/* Fields the source owns are refused on save, each with this reason. */}
      {origin ? <OriginCard origin={origin} /> : null}
      <Card>
        <EntityForm blueprint={blueprint} entity={plain} {...options} />
      </Card>
    </>
  );
}
