import Link from "next/link";
import { Pager } from "@/components/catalog/pager";
import { Card, PageHeader, secondaryButtonClass } from "@/components/ui/page-header";
import { UrlProblem } from "@/components/ui/url-problem";
import { RunFilters, RunTabs } from "@/components/runs/run-filters";
import { RunTable } from "@/components/runs/run-table";
import { requirePageUser } from "@/lib/auth/page-user";
import {
  loadFirstPageOnBadCursor,
  parsePageParams,
  toUrlSearchParams,
  type RawSearchParams,
} from "@/lib/http/page-params";
import { listActions } from "@/lib/runs/action-mirror";
import { listRuns } from "@/lib/runs/list-runs";
import { runQuerySchema } from "@/lib/runs/run-query";

const EMPTY = {
  all: "No runs match these filters.",
  mine: "You have not requested any runs that match.",
  approvals: "Nothing is waiting for your approval.",
  reviews: "No production rollback is marked for review.",
} as const;

export default async function RunsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser();
  const raw = await searchParams;
  const params = toUrlSearchParams(raw);
  const query = parsePageParams(runQuerySchema, raw);
  const runQuery = { ...query, limit: Math.min(query.limit, 50) };
  // A stale or hand-edited cursor shows the first page, saying why, rather than an error page.
  const [{ page, problem }, actions] = await Promise.all([
    loadFirstPageOnBadCursor(query.cursor, (cursor) => listRuns({ ...runQuery, cursor }, user)),
    listActions(),
  ]);
  return (
    <>
      <PageHeader
        title="Runs"
        subtitle="Every action request, newest first."
        actions={
          <Link className={secondaryButtonClass} href="/actions">
            Actions
          </Link>
        }
      />
      <UrlProblem problem={problem} fallback="Showing the newest runs." />
      <RunTabs params={params} current={query.view} />
      <Card className="mb-4">
        <RunFilters params={params} actions={actions.map((a) => ({ id: a.id, title: a.title }))} />
      </Card>
      <Card>
        <RunTable runs={page.items} empty={EMPTY[query.view]} />
        <Pager base="/runs" params={params} nextCursor={page.nextCursor} hasCursor={Boolean(query.cursor)} />
      </Card>
    </>
  );
}
