import { Forbidden } from "@/components/ui/forbidden";
import { authorizePage } from "@/lib/auth/page-user";
import { BlueprintEditor } from "@/components/admin/blueprint-editor";
import { Card, PageHeader } from "@/components/ui/page-header";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { loadOr404, type RawSearchParams } from "@/lib/http/page-params";

type Props = { params: Promise<{ blueprint: string }>; searchParams: Promise<RawSearchParams> };

export default async function EditBlueprintPage({ params, searchParams }: Props) {
  const { blueprint: id } = await params;
  const { denied } = await authorizePage("update", { kind: "blueprint", identifier: id });
  if (denied) return <Forbidden reason={denied} />;
  const saved = (await searchParams).saved === "1";
  const blueprint = await loadOr404(() => getBlueprint(id));
  return (
    <>
      <PageHeader
        title={`Blueprint: ${blueprint.title}`}
        subtitle={blueprint.builtin ? "Built-in blueprint" : "Custom blueprint"}
      />
      {saved ? (
        <p role="status" className="mb-4 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Blueprint saved.
        </p>
      ) : null}
      <Card>
        <BlueprintEditor key={blueprint.updatedAt} blueprint={blueprint} />
      </Card>
    </>
  );
}
