"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/page-header";
import { apiFetch, ApiError, type FieldErrors } from "@/lib/http/client";
import { queryKeys } from "@/lib/query-keys";
import { isTerminal, type Run, type RunDetail, type RunStatus } from "@/lib/runs/types";
import { usePolicyGate } from "./policy-gate";

type Props = {
  run: RunDetail;
  currentUserId: string;
  currentUserEmail: string;
  mayApprove: boolean;
  canCancel: boolean;
  /** A create action's run: running it again makes a second entity, so Re-run is not its main button. */
  oneOffCreate?: boolean;
};

const ACTIVE: readonly RunStatus[] = ["awaiting_approval", "queued", "running", "waiting"];
const dangerButtonClass = `${secondaryButtonClass} !text-red-700 disabled:opacity-50`;

// How far a run has got; a response older than what the stream already showed must not win.
const progress = (s: RunStatus) => (isTerminal(s) ? 3 : s === "awaiting_approval" ? 0 : s === "queued" ? 1 : 2);

export function RunControls({ run, currentUserId, currentUserEmail, mayApprove, canCancel, oneOffCreate }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [comment, setComment] = useState("");
  const [ticket, setTicket] = useState("");
  const [decided, setDecided] = useState(false);
  const [error, setError] = useState<{ message: string; fields: FieldErrors } | null>(null);

  const apply = (next: Run) => {
    queryClient.setQueryData<RunDetail>(queryKeys.run(run.id), (prev) =>
      !prev || progress(next.status) < progress(prev.status) ? prev : { ...prev, ...next },
    );
    // Server-computed bits (the inbox badge, who may approve) follow the new state.
    router.refresh();
  };
  const onError = (e: Error) =>
    setError(
      e instanceof ApiError
        ? { message: e.message, fields: e.fields }
        : { message: "The request failed; try again.", fields: {} },
    );

  const decide = useMutation({
    mutationFn: (decision: "approve" | "decline") =>
      apiFetch<Run>(`/api/v1/runs/${run.id}/decisions`, {
        method: "POST",
        body: { decision, comment: comment.trim() || undefined, changeTicket: ticket.trim() || undefined },
      }),
    onMutate: () => setError(null),
    onSuccess: (next) => {
      setDecided(true);
      apply(next);
    },
    onError,
  });
  const control = useMutation({
    mutationFn: (verb: "cancel" | "withdraw") => apiFetch<Run>(`/api/v1/runs/${run.id}/${verb}`, { method: "POST" }),
    onMutate: () => setError(null),
    onSuccess: apply,
    onError,
  });
  const rerun = useMutation({
    mutationFn: () => apiFetch<Run>(`/api/v1/runs/${run.id}/rerun`, { method: "POST" }),
    onMutate: () => setError(null),
    onSuccess: (fresh) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.runs() });
      router.push(`/runs/${fresh.id}`);
    },
    onError,
  });
  const busy = decide.isPending || control.isPending || rerun.isPending;
  const gateBlocked = usePolicyGate(run.id).data?.blockedReason ?? null;

  const awaiting = run.status === "awaiting_approval";
  const canDecide = mayApprove && awaiting && !decided && !run.approvals.some((a) => a.userEmail === currentUserEmail);
  const canWithdraw = awaiting && run.requestedBy === currentUserId;
  const showCancel = canCancel && ACTIVE.includes(run.status) && !run.cancelRequested;
  const requestTicket = typeof run.input.change_ticket === "string" ? run.input.change_ticket : "";
  // A ticket the requester gave is the one approvers approve under; nobody retypes it.
  const showTicket = canDecide && Boolean(run.policy?.changeTicket) && !requestTicket;
  const ticketErrors = showTicket ? error?.fields.changeTicket : undefined;
  // A message shown next to its field is not repeated in the general alert.
  const otherMessages = Object.entries(error?.fields ?? {}).flatMap(([k, m]) =>
    k === "changeTicket" && ticketErrors ? [] : m,
  );
  const alert = error && (otherMessages.length > 0 ? otherMessages.join("; ") : ticketErrors ? null : error.message);

  return (
    <div className="mt-4 space-y-3">
      {canDecide ? (
        <section aria-label="Your decision" className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
          <p className="text-sm font-medium text-amber-900">This run is waiting for your decision.</p>
          <label className="block text-sm">
            <span className="mb-1 block font-medium text-slate-700">Comment</span>
            <textarea
              className={inputClass}
              name="comment"
              rows={2}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
          </label>
          {canDecide && requestTicket ? (
            <p className="text-sm text-slate-700" data-testid="request-ticket">
              Change ticket <span className="font-mono">{requestTicket}</span>, given by {run.requestedByEmail}
            </p>
          ) : null}
          {showTicket ? (
            <label className="block text-sm">
              <span className="mb-1 block font-medium text-slate-700">Change ticket</span>
              <input
                className={inputClass}
                name="changeTicket"
                placeholder="CHG-12345"
                value={ticket}
                onChange={(e) => setTicket(e.target.value)}
                aria-invalid={Boolean(ticketErrors)}
              />
              {ticketErrors ? (
                <span role="alert" className="mt-1 block text-sm text-red-600">
                  {ticketErrors.join("; ")}
                </span>
              ) : null}
            </label>
          ) : null}
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass}
              disabled={busy || Boolean(gateBlocked)}
              title={gateBlocked ?? undefined}
              onClick={() => decide.mutate("approve")}
            >
              Approve
            </button>
            <button
              type="button"
              className={dangerButtonClass}
              disabled={busy}
              onClick={() => decide.mutate("decline")}
            >
              Decline
            </button>
          </div>
          {gateBlocked ? (
            <p data-testid="approve-blocked" className="text-sm text-red-700">
              Approval is blocked: {gateBlocked}
            </p>
          ) : null}
        </section>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {canWithdraw ? (
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={busy}
            onClick={() => control.mutate("withdraw")}
          >
            Withdraw
          </button>
        ) : null}
        {showCancel ? (
          <button type="button" className={dangerButtonClass} disabled={busy} onClick={() => control.mutate("cancel")}>
            Cancel run
          </button>
        ) : null}
        {isTerminal(run.status) ? (
          <button
            type="button"
            className={oneOffCreate ? secondaryButtonClass : buttonClass}
            disabled={busy}
            onClick={() => rerun.mutate()}
          >
            Re-run
          </button>
        ) : null}
      </div>
      {alert ? (
        <p role="alert" className="text-sm text-red-600">
          {alert}
        </p>
      ) : null}
    </div>
  );
}
