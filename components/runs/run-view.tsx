"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { Card } from "@/components/ui/page-header";
import { describePolicy } from "@/lib/runs/describe-policy";
import type { RecoveryOffer } from "@/lib/runs/recovery";
import { isTerminal, type RunDetail, type RunLog } from "@/lib/runs/types";
import { formatTime } from "./format";
import { PolicyGateCard } from "./policy-gate";
import { RunControls } from "./run-controls";
import { RunLogView } from "./run-log";
import { CreatedEntityLink, RunOutcome, type CreatedEntity } from "./run-outcome";
import { RunRecovery } from "./run-recovery";
import { EntityLink, Field, RunApprovals, RunInputs, RunLinks, RunSteps } from "./run-sections";
import { RunStatusChip } from "./run-status-chip";
import { useRunStream } from "./use-run-stream";

type Props = {
  initialRun: RunDetail;
  initialLogs: RunLog[];
  currentUserId: string;
  currentUserEmail: string;
  /** Decided on the server (`mayApprove`): role from the run's policy, never the requester. */
  mayApprove: boolean;
  /** Decided on the server: the requester, SREs and admins may cancel. */
  canCancel: boolean;
  /** Decided on the server for a failed run that left its deployment unhealthy. */
  recovery: RecoveryOffer | null;
  /** What a create run made (its run has no entity of its own). */
  created: CreatedEntity | null;
};

export function RunView({ initialRun, initialLogs, recovery, created, ...who }: Props) {
  const { run, logs } = useRunStream(initialRun, initialLogs);
  const router = useRouter();
  // Ended while open: what the server decides from the outcome (recovery, created entity) is fetched again.
  const seenStatus = useRef(initialRun.status);
  useEffect(() => {
    if (isTerminal(run.status) && !isTerminal(seenStatus.current)) router.refresh();
    seenStatus.current = run.status;
  }, [run.status, router]);
  const awaiting = run.status === "awaiting_approval";
  return (
    <div className="space-y-4">
      <Card>
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <RunStatusChip status={run.status} testId="run-status" />
          {run.cancelRequested && !isTerminal(run.status) ? (
            <span className="text-sm text-amber-700">Cancellation requested</span>
          ) : null}
        </div>
        <dl className="grid grid-cols-[minmax(6rem,10rem)_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          <Field label="Action">
            {run.actionTitle} <span className="font-mono text-xs text-slate-500">{run.actionId}</span>
          </Field>
          {created ? (
            <Field label={`New ${created.blueprint}`}>
              <CreatedEntityLink created={created} />
            </Field>
          ) : (
            <Field label="Entity">
              <EntityLink entity={run.entity} />
            </Field>
          )}
          <Field label="Requested by">
            {run.requestedByEmail} <span className="text-slate-500">via {run.via}</span>
          </Field>
          <Field label="Created">{formatTime(run.createdAt)}</Field>
          <Field label="Started">{formatTime(run.startedAt)}</Field>
          <Field label="Finished">{formatTime(run.finishedAt)}</Field>
          {run.rerunOf ? (
            <Field label="Re-run of">
              <Link className="font-mono text-xs text-indigo-700 hover:underline" href={`/runs/${run.rerunOf}`}>
                {run.rerunOf}
              </Link>
            </Field>
          ) : null}
          <Field label="Approval">
            {run.policy ? (
              <span data-testid="run-policy">
                Needs {describePolicy(run.policy)} <span className="text-slate-500">({run.policy.source})</span>
                {run.policy.approvers > 0 ? (
                  <span className="ml-2 font-medium" data-testid="approval-progress">
                    {run.approvals.filter((a) => a.decision === "approve").length} of {run.policy.approvers} approvals
                  </span>
                ) : null}
              </span>
            ) : (
              <span className="text-slate-500">None needed</span>
            )}
          </Field>
          {run.changeTicket ? (
            <Field label="Change ticket">
              <span className="font-mono" data-testid="run-change-ticket">
                {run.changeTicket}
              </span>
            </Field>
          ) : null}
          {awaiting && run.approvalExpiresAt ? (
            <Field label="Request expires">{formatTime(run.approvalExpiresAt)}</Field>
          ) : null}
        </dl>
        {recovery && run.status === "failed" ? <RunRecovery offer={recovery} failedRunId={run.id} /> : null}
        <RunControls run={run} oneOffCreate={created !== null} {...who} />
      </Card>
      <PolicyGateCard runId={run.id} />
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
        <Card title="Inputs">
          <RunInputs input={run.input} />
        </Card>
        <Card title="Approvals">
          {run.policy || run.approvals.length > 0 ? (
            <RunApprovals approvals={run.approvals} />
          ) : (
            <p className="text-sm text-slate-500">This run needed no approval.</p>
          )}
        </Card>
        <Card title="Steps">
          <RunSteps steps={run.steps} />
        </Card>
        <Card title="Outcome">
          {run.result || run.error || run.links.length > 0 ? (
            <div className="space-y-3">
              <RunOutcome result={run.result} error={run.error} />
              <RunLinks links={run.links} />
            </div>
          ) : (
            <p className="text-sm text-slate-500">{isTerminal(run.status) ? "No result." : "Not finished yet."}</p>
          )}
        </Card>
      </div>
      <Card title="Log">
        <RunLogView logs={logs} />
      </Card>
    </div>
  );
}
