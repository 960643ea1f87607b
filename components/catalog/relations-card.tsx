import { EntityRefList } from "@/components/catalog/entity-refs";
import { Card } from "@/components/ui/page-header";
import { incomingRelationLabel, outgoingRelationLabel } from "@/lib/catalog/relation-labels";
import type { Blueprint, EntityDetail } from "@/lib/catalog/types";

/** Outgoing relations by their title, incoming ones in words ("Deployments of this service"). */
export function RelationsCard({
  blueprint,
  entity,
  blueprints,
}: {
  blueprint: Blueprint;
  entity: EntityDetail;
  blueprints: Blueprint[];
}) {
  // A blueprint without relations and an entity nobody points at: no card rather than "No relations".
  if (Object.keys(blueprint.relations).length === 0 && entity.referencedBy.length === 0) return null;
  const byId = new Map(blueprints.map((b) => [b.identifier, b]));
  return (
    <Card title="Relations">
      <dl className="space-y-3 text-sm">
        {Object.entries(blueprint.relations).map(([name, def]) => (
          <div key={name}>
            <dt className="mb-1 text-slate-500" data-relation={name}>
              {outgoingRelationLabel(name, def)}
            </dt>
            <dd>
              <EntityRefList refs={entity.related[name] ?? []} />
            </dd>
          </div>
        ))}
        {entity.referencedBy.map((g) => (
          <div key={`${g.blueprint}.${g.relation}`}>
            <dt className="mb-1 text-slate-500" data-relation={`${g.blueprint}.${g.relation}`}>
              {incomingRelationLabel(blueprint, byId.get(g.blueprint), g.relation)}
            </dt>
            <dd>
              <EntityRefList refs={g.entities} />
            </dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
