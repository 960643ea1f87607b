import { EntityForm } from "@/components/catalog/entity-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { loadEntityFormOptions } from "@/lib/catalog/form-options";
import { loadOr404 } from "@/lib/http/page-params";

export default async function NewEntityPage({ params }: { params: Promise<{ blueprint: string }> }) {
  const { blueprint: id } = await params;
  const blueprint = await loadOr404(() => getBlueprint(id));
  const options = await loadEntityFormOptions(blueprint);
  return (
    <>
      <PageHeader title={`New ${blueprint.title.toLowerCase()}`} subtitle="Fields come from the blueprint's JSON Schema." />
      <Card>
        <EntityForm blueprint={blueprint} {...options} />
      </Card>
    </>
  );
}
