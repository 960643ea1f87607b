import Link from "next/link";
import { Forbidden } from "@/components/ui/forbidden";
import { authorizePage } from "@/lib/auth/page-user";
import { buttonClass, Card, PageHeader } from "@/components/ui/page-header";
import { listBlueprints } from "@/lib/catalog/blueprints";

export default async function AdminBlueprintsPage() {
  const { denied } = await authorizePage("update", { kind: "blueprint" });
  if (denied) return <Forbidden reason={denied} />;
  const blueprints = await listBlueprints();
  return (
    <>
      <PageHeader
        title="Blueprints"
        subtitle="Entity types of the catalog: their property schema and relations."
        actions={
          <Link className={buttonClass} href="/admin/blueprints/new">
            New blueprint
          </Link>
        }
      />
      <Card>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">Blueprint</th>
              <th>Properties</th>
              <th>Relations</th>
              <th>Kind</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {blueprints.map((b) => (
              <tr key={b.identifier}>
                <td className="py-2">
                  <Link
                    className="font-medium text-indigo-700 hover:underline"
                    href={`/admin/blueprints/${b.identifier}`}
                  >
                    {b.title}
                  </Link>
                  <div className="text-xs text-slate-500">{b.identifier}</div>
                </td>
                <td>{Object.keys(b.schema.properties ?? {}).length}</td>
                <td>
                  {Object.entries(b.relations)
                    .map(([n, r]) => `${n} → ${r.target}`)
                    .join(", ") || "—"}
                </td>
                <td>{b.builtin ? "built-in" : "custom"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
