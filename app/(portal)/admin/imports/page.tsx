import { ImportRuns } from "@/components/imports/import-runs";
import { PortImportForm } from "@/components/imports/port-import-form";
import { Forbidden } from "@/components/ui/forbidden";
import { Card, PageHeader } from "@/components/ui/page-header";
import { authorizePage } from "@/lib/auth/page-user";
import { listImportRuns } from "@/lib/imports/import-runs";
import { listConflicts } from "@/lib/imports/origins";

export default async function ImportsPage() {
  const { denied } = await authorizePage("read", { kind: "import" });
  if (denied) return <Forbidden reason={denied} />;
  const [runs, conflicts] = await Promise.all([listImportRuns(), listConflicts()]);
  return (
    <>
      <PageHeader
        title="Imports"
        subtitle="ArgoCD Applications, Backstage descriptors in Forgejo repositories and Port JSON: every run with its counts and reasons, and entities two sources claim."
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card title="Runs">
          <ImportRuns initial={runs} />
        </Card>
        <div className="space-y-4">
          <Card title={`Conflicts (${conflicts.length})`}>
            {conflicts.length === 0 ? (
              <p className="text-sm text-slate-500">No entity is claimed by two sources.</p>
            ) : (
              <ul className="divide-y divide-slate-100 text-sm" data-testid="import-conflicts">
                {conflicts.map((c) => (
                  <li key={c.id} className="py-2">
                    <a className="font-medium text-indigo-700" href={`/catalog/${c.blueprint}/${c.identifier}`}>
                      {c.blueprint}/{c.identifier}
                    </a>
                    <p className="break-words text-xs text-slate-600">
                      kept from {c.ownerSource} <code className="break-all">{c.ownerObject}</code>; also claimed by{" "}
                      {c.claimantSource} <code className="break-all">{c.claimantObject}</code> (not applied)
                    </p>
                  </li>
                ))}
              </ul>
            )}
          </Card>
          <Card title="Port JSON">
            <PortImportForm />
          </Card>
        </div>
      </div>
    </>
  );
}
