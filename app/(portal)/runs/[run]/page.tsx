import Link from "next/link";
import { Suspense } from "react";
import { ChangeReviewCard } from "@/components/approvals/change-review";
import { RunView } from "@/components/runs/run-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageUser } from "@/lib/auth/page-user";
import { can } from "@/lib/auth/permissions";
import { loadOr404 } from "@/lib/http/page-params";
import { mayApprove } from "@/lib/runs/approvals";
import { findCreatedEntity } from "@/lib/runs/created-entity";
import { findRecoveryOffer } from "@/lib/runs/recovery";
import { getRunDetail, listRunLogs } from "@/lib/runs/run-store";

export default async function RunPage({ params }: { params: Promise<{ run: string }> }) {
  const { run: id } = await params;
  const user = await requirePageUser();
  const run = await loadOr404(() => getRunDetail(id));
  const [logs, recovery, created] = await Promise.all([
    listRunLogs(run.id),
    findRecoveryOffer(run),
    findCreatedEntity(run),
  ]);
  return (
    <>
      <PageHeader
        title={run.actionTitle}
        subtitle={
          <>
            <Link className="hover:underline" href="/runs">
              Runs
            </Link>{" "}
            · <span className="font-mono">{run.id}</span>
          </>
        }
      />
      {run.proposal ? (
        <div className="mb-4">
          <Suspense fallback={<p className="text-sm text-slate-500">Rendering what changes…</p>}>
            <ChangeReviewCard run={run} />
          </Suspense>
        </div>
      ) : null}
      <RunView
        key={run.id}
        initialRun={run}
        initialLogs={logs}
        currentUserId={user.id}
        currentUserEmail={user.email}
        mayApprove={mayApprove(user, run)}
        canCancel={can(user, "update", { kind: "run", requestedBy: run.requestedBy })}
        recovery={recovery}
        created={created}
      />
    </>
  );
}
