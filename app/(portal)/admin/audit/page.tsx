import { AuditChanges } from "@/components/audit/audit-changes";
import { Pager } from "@/components/catalog/pager";
import { Forbidden } from "@/components/ui/forbidden";
import { buttonClass, Card, inputClass, PageHeader } from "@/components/ui/page-header";
import { UrlProblem } from "@/components/ui/url-problem";
import { When } from "@/components/ui/when";
import { auditQuerySchema } from "@/lib/audit/audit-query";
import { listAudit, listAuditVerbs } from "@/lib/audit/list-audit";
import { authorizePage } from "@/lib/auth/page-user";
import {
  loadFirstPageOnBadCursor,
  parsePageParams,
  toUrlSearchParams,
  type RawSearchParams,
} from "@/lib/http/page-params";

const FILTERS = [
  { name: "actor", label: "Actor", placeholder: "ada", type: "text" },
  { name: "verb", label: "Verb", placeholder: "entity.update", type: "text" },
  { name: "target", label: "Target", placeholder: "service/cart", type: "text" },
  { name: "from", label: "From", placeholder: "", type: "date" },
  { name: "to", label: "Before", placeholder: "", type: "date" },
] as const;

const cell = "px-2 py-2";

export default async function AuditPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const { denied } = await authorizePage("read", { kind: "audit" });
  if (denied) return <Forbidden reason={denied} />;
  const raw = await searchParams;
  const query = parsePageParams(auditQuerySchema, raw);
  const showMirroring = query.mirroring === "show";
  const [{ page, problem }, verbs] = await Promise.all([
    loadFirstPageOnBadCursor(query.cursor, (cursor) => listAudit({ ...query, cursor, hideMirroring: !showMirroring })),
    listAuditVerbs(),
  ]);
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
      <UrlProblem problem={problem} fallback="Showing the newest rows." />
      <Card className="mb-4">
        <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Audit filters">
          {FILTERS.map((f) => (
            <label key={f.name} className="w-full text-sm sm:w-auto">
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
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="mirroring" value="show" defaultChecked={showMirroring} />
            Show status mirroring (ArgoCD reports)
          </label>
          <button className={buttonClass} type="submit">
            Filter
          </button>
        </form>
        <p className="mt-2 text-xs text-slate-600">Actor, verb and target match any part, ignoring case.</p>
      </Card>
      <Card>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm">
            <thead className="text-xs uppercase text-slate-600">
              <tr>
                <th className={cell}>#</th>
                <th className={cell}>When</th>
                <th className={cell}>Actor</th>
                <th className={cell}>Verb</th>
                <th className={cell}>Target</th>
                <th className={cell}>Changes</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 align-top">
              {page.items.map((row) => (
                <tr key={row.id} data-testid="audit-row">
                  <td className={`${cell} text-slate-600`}>{row.id}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <When at={row.at} />
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>{row.actor}</td>
                  <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{row.verb}</td>
                  <td className={`${cell} break-all font-mono text-xs`}>{row.target}</td>
                  <td className={`${cell} min-w-[16rem]`}>
                    <AuditChanges data={row.data} />
                  </td>
                </tr>
              ))}
              {page.items.length === 0 ? (
                <tr>
                  <td colSpan={6} className={`${cell} text-slate-600`}>
                    No audit rows match these filters.
                  </td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
        <Pager base="/admin/audit" params={current} nextCursor={page.nextCursor} hasCursor={Boolean(query.cursor)} />
      </Card>
    </>
  );
}
