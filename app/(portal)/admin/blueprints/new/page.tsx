import { BlueprintEditor } from "@/components/admin/blueprint-editor";
import { Card, PageHeader } from "@/components/ui/page-header";

export default function NewBlueprintPage() {
  return (
    <>
      <PageHeader title="New blueprint" subtitle="Properties are a JSON Schema of type object; relations name a target blueprint." />
      <Card>
        <BlueprintEditor />
      </Card>
    </>
  );
}
