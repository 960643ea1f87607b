import { BlueprintEditor } from "@/components/admin/blueprint-editor";
import { Forbidden } from "@/components/ui/forbidden";
import { Card, PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page-user";

export default async function NewBlueprintPage() {
  const { denied } = await authorizePage("create", { kind: "blueprint" });
  if (denied) return <Forbidden reason={denied} />;
  return (
    <>
      <PageHeader
        title="New blueprint"
        subtitle="Properties are a JSON Schema of type object; relations name a target blueprint."
      />
      <Card>
        <BlueprintEditor />
      </Card>
    </>
  );
}
