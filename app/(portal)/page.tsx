import Link from "next/link";
import { z } from "zod";
import { Pager } from "@/components/catalog/pager";
import { SearchBox } from "@/components/catalog/search-box";
import { LiveRefresh } from "@/components/live/live-refresh";
import { Card, PageHeader } from "@/components/ui/page-header";
import { StatusChip } from "@/components/ui/status-chip";
import { UrlProblem } from "@/components/ui/url-problem";
import { listServiceOverview } from "@/lib/catalog/overview";
import {
  loadFirstPageOnBadCursor,
  parsePageParams,
  toUrlSearchParams,
  type RawSearchParams,
} from "@/lib/http/page-params";

const paramsSchema = z.object({
  q: z.string().max(200).optional(),
  cursor: z.string().max(500).optional(),
  team: z.string().max(100).optional(),
});

export default async function CatalogHome({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const raw = await searchParams;
  const params = parsePageParams(paramsSchema, raw);
  const { page, problem } = await loadFirstPageOnBadCursor(params.cursor, (cursor) =>
    listServiceOverview({ ...params, cursor }),
  );
  return (
    <>
      <PageHeader title="Service catalog" subtitle="Every service, who owns it and what runs where." />
      <UrlProblem problem={problem} fallback="Showing the first page." />
      <LiveRefresh topics={page.items.flatMap((s) => s.deployments.map((d) => `deployment/${d.identifier}`))} />
      <div className="mb-4">
        <SearchBox action="/" q={params.q} placeholder="Search services by name, team, language…" />
      </div>
      <Card>
        {page.items.length === 0 ? (
          <p className="text-sm text-slate-500">No services match{params.q ? ` “${params.q}”` : ""}.</p>
        ) : (
          <table className="w-full text-left text-sm">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-2">Service</th>
                <th>Team</th>
                <th>Language</th>
                <th>Environments</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {page.items.map((s) => (
                <tr key={s.identifier} data-testid={`service-row-${s.identifier}`}>
                  <td className="py-2">
                    <Link
                      className="font-medium text-indigo-700 hover:underline"
                      href={`/catalog/service/${s.identifier}`}
                    >
                      {s.title}
                    </Link>
                    <div className="text-xs text-slate-500">{s.identifier}</div>
                  </td>
                  <td>
                    {s.team ? (
                      <Link className="hover:underline" href={`/catalog/team/${s.team}`}>
                        {s.team}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>{String(s.properties.language ?? "—")}</td>
                  <td className="space-x-1">
                    {s.deployments.map((d) => (
                      <StatusChip
                        key={d.identifier}
                        status={d.status}
                        label={`${d.environment} ${d.version ?? "?"}`}
                        title={`${d.status ?? "Unknown"} · ${d.syncStatus ?? "Unknown"}`}
                      />
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pager
          base="/"
          params={toUrlSearchParams(raw)}
          nextCursor={page.nextCursor}
          hasCursor={Boolean(params.cursor) && !problem}
        />
      </Card>
    </>
  );
}
