import Link from "next/link";
import { FilterBar } from "@/components/catalog/filter-bar";
import { Pager } from "@/components/catalog/pager";
import { PropertyValue } from "@/components/catalog/property-value";
import { buttonClass, Card, PageHeader } from "@/components/ui/page-header";
import { UrlProblem } from "@/components/ui/url-problem";
import { getBlueprint } from "@/lib/catalog/blueprints";
import { parseEntityFilters } from "@/lib/catalog/filters";
import { listQuerySchema } from "@/lib/catalog/inputs";
import { listEntities } from "@/lib/catalog/search";
import {
  loadFirstPageOnBadCursor,
  loadOr404,
  parseOrProblem,
  parsePageParams,
  toUrlSearchParams,
  type RawSearchParams,
} from "@/lib/http/page-params";

type Props = { params: Promise<{ blueprint: string }>; searchParams: Promise<RawSearchParams> };

export default async function BlueprintEntitiesPage({ params, searchParams }: Props) {
  const { blueprint: id } = await params;
  const raw = await searchParams;
  const blueprint = await loadOr404(() => getBlueprint(id));
  const urlParams = toUrlSearchParams(raw);
  const query = parsePageParams(listQuerySchema, raw);
  // A hand-edited URL with an unknown filter or a bad cursor shows the list without it, saying why.
  const { value: filters, problem: filterProblem } = parseOrProblem(() => parseEntityFilters(urlParams, blueprint));
  const { page, problem } = await loadFirstPageOnBadCursor(query.cursor, (cursor) =>
    listEntities(id, { ...query, cursor, limit: Math.min(query.limit, 50) }, filters),
  );
  const columns = Object.entries(blueprint.schema.properties ?? {}).slice(0, 5);
  const relationNames = Object.keys(blueprint.relations);
  return (
    <>
      <PageHeader
        title={blueprint.title}
        subtitle={blueprint.description}
        actions={
          <Link className={buttonClass} href={`/catalog/${id}/new`}>
            New {blueprint.title.toLowerCase()}
          </Link>
        }
      />
      <UrlProblem problem={filterProblem} fallback="Showing the list without filters." />
      <UrlProblem problem={problem} fallback="Showing the first page." />
      <Card className="mb-4">
        <FilterBar blueprint={blueprint} params={urlParams} />
      </Card>
      <Card>
        {page.items.length === 0 ? (
          <p className="text-sm text-slate-500">No {blueprint.title.toLowerCase()} entities match.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-4">Name</th>
                  <th className="pr-4">Team</th>
                  {columns.map(([name, def]) => (
                    <th key={name} className="pr-4">
                      {String(def.title ?? name)}
                    </th>
                  ))}
                  {relationNames.map((r) => (
                    <th key={r} className="pr-4">
                      {blueprint.relations[r]?.title ?? r}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((e) => (
                  <tr key={e.identifier}>
                    <td className="py-2 pr-4">
                      <Link
                        className="font-medium text-indigo-700 hover:underline"
                        href={`/catalog/${id}/${e.identifier}`}
                      >
                        {e.title}
                      </Link>
                    </td>
                    <td className="pr-4">{e.team ?? "—"}</td>
                    {columns.map(([name]) => (
                      <td key={name} className="pr-4">
                        <PropertyValue value={e.properties[name]} />
                      </td>
                    ))}
                    {relationNames.map((r) => (
                      <td key={r} className="pr-4">
                        {(e.relations[r] ?? []).join(", ") || "—"}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pager
          base={`/catalog/${id}`}
          params={urlParams}
          nextCursor={page.nextCursor}
          hasCursor={Boolean(query.cursor)}
        />
      </Card>
    </>
  );
}
