import { Pager } from "@/components/catalog/pager";
import { Forbidden } from "@/components/ui/forbidden";
import { buttonClass, Card, inputClass, PageHeader } from "@/components/ui/page-header";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { listAudit, listAuditVerbs } from "@/lib/audit/list-audit";
import { authorizePage } from "@/lib/auth/page-user";
import { parsePageParams, toUrlSearchParams, type RawSearchParams } from "@/lib/http/page-params";

const FILTERS = [
  { name: "actor", label: "Actor", placeholder: "ada@example.com", type: "text" },
  { name: "verb", label: "Verb", placeholder: "entity.update", type: "text" },
  { name: "target", label: "Target", placeholder: "entity:service/cart", type: "text" },
  { name: "from", label: "From", placeholder: "", type: "date" },
  { name: "to", label: "Before", placeholder: "", type: "date" },
] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { denied } = await authorizePage("read", { kind: "audit" });
  if (denied) return <Forbidden reason={denied} />;
  const raw = await searchParams;
  const query = parsePageParams(auditQuerySchema, raw);
  const [page, verbs] = await Promise.all([listAudit(query), listAuditVerbs()]);
  const current = toUrlSearchParams(raw);
  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle={
          <>
            Append-only and hash-chained: <code>npm run audit:verify</code> names the first row that was changed.
          </>
        }
      />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Audit filters">
          {FILTERS.map((f) => (
            <label key={f.name} className="text-sm">
              {f.label}
              <input
                className={inputClass}
                name={f.name}
                type={f.type}
                placeholder={f.placeholder}
                defaultValue={current.get(f.name) ?? ""}
                list={f.name === "verb" ? "audit-verbs" : undefined}
              />
            </label>
          ))}
          <datalist id="audit-verbs">
            {verbs.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <button className={buttonClass} type="submit">
            Filter
          </button>
        </form>
      </Card>
      <Card>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-2">#</th>
              <th>When</th>
              <th>Actor</th>
              <th>Verb</th>
              <th>Target</th>
              <th>Details</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 align-top">
            {page.items.map((row) => (
              <tr key={row.id} data-testid="audit-row">
                <td className="py-2 text-slate-500">{row.id}</td>
                <td className="whitespace-nowrap">{row.at.replace("T", " ").slice(0, 19)}</td>
                <td>{row.actor}</td>
                <td className="font-mono text-xs">{row.verb}</td>
                <td className="font-mono text-xs">{row.target}</td>
                <td>
                  {Object.keys(row.data).length > 0 ? (
                    <details>
                      <summary className="cursor-pointer text-xs text-indigo-700">
                        {Object.keys(row.data).join(", ")}
                      </summary>
                      <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-slate-50 p-2 text-xs">
                        {JSON.stringify(row.data, null, 2)}
                      </pre>
                    </details>
                  ) : null}
                </td>
              </tr>
            ))}
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-3 text-slate-500">
                  No audit rows match these filters.
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
        <Pager base="/admin/audit" params={current} nextCursor={page.nextCursor} hasCursor={Boolean(query.cursor)} />
      </Card>
    </>
  );
}
