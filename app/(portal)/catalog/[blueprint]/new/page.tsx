import { Forbidden } from "@/components/ui/forbidden";
import { requirePageUser } from "@/lib/auth/page-user";
import { EntityForm } from "@/components/catalog/entity-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { loadEntityFormOptions } from "@/lib/catalog/form-options";
import { loadOr404 } from "@/lib/http/page-params";

export default async function NewEntityPage({ params }: { params: Promise<{ blueprint: string }> }) {
  const { blueprint: id } = await params;
  const user = await requirePageUser();
  const blueprint = await loadOr404(() => getBlueprint(id));
  const options = await loadEntityFormOptions(blueprint);
  // Anyone in a team (or an admin) may start; the team they pick is checked again when saving.
  if (user.teams.length === 0 && !user.roles.includes("admin")) {
    return <Forbidden reason="Only members of a team (or admins) can create entities" />;
  }
  return (
    <>
      <PageHeader
        title={`New ${blueprint.title.toLowerCase()}`}
        subtitle="Fields come from the blueprint's JSON Schema."
      />
      <Card>
        <EntityForm blueprint={blueprint} myTeams={user.teams} {...options} />
      </Card>
    </>
  );
}
