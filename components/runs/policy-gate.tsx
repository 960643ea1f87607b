"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { buttonClass, Card, inputClass } from "@/components/ui/page-header";
import { apiFetch, ApiError } from "@/lib/http/client";
import type { RunGateView } from "@/lib/policies/gate-view";
import type { CheckOutcome } from "@/lib/policies/types";
import { queryKeys } from "@/lib/query-keys";
import { formatTime } from "./format";

/** The run's policy gate (null: none); the approve controls and the checklist share this query. */
export function usePolicyGate(runId: string) {
  return useQuery({
    queryKey: queryKeys.runGate(runId),
    queryFn: () => apiFetch<RunGateView | null>(`/api/v1/runs/${runId}/gate`),
  });
}

const outcome: Record<CheckOutcome, { label: string; cls: string }> = {
  fail: { label: "fail", cls: "bg-red-50 text-red-700 ring-red-600/20" },
  pass: { label: "pass", cls: "bg-emerald-50 text-emerald-700 ring-emerald-600/20" },
  skip: { label: "skip", cls: "bg-slate-100 text-slate-600 ring-slate-500/20" },
  "not-evaluated": { label: "at admission", cls: "bg-amber-50 text-amber-700 ring-amber-600/20" },
};
const order: CheckOutcome[] = ["fail", "not-evaluated", "pass", "skip"];

function OutcomeChip({ result }: { result: CheckOutcome }) {
  const { label, cls } = outcome[result];
  return (
    <span
      data-result={result}
      className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${cls}`}
    >
      {label}
    </span>
  );
}

function OverrideForm({ runId }: { runId: string }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState("");
  const override = useMutation({
    mutationFn: () => apiFetch(`/api/v1/runs/${runId}/gate/override`, { method: "POST", body: { reason } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.runGate(runId) }),
  });
  const error = override.error instanceof ApiError ? (override.error.fields.reason ?? [override.error.message]) : null;
  return (
    <form
      className="space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      onSubmit={(e) => {
        e.preventDefault();
        override.mutate();
      }}
    >
      <label className="block text-sm">
        <span className="mb-1 block font-medium text-slate-700">Override as admin: why may this go through?</span>
        <textarea
          className={inputClass}
          name="overrideReason"
          rows={2}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {error ? (
        <p role="alert" className="text-sm text-red-600">
          {error.join("; ")}
        </p>
      ) : null}
      <button type="submit" className={buttonClass} disabled={override.isPending}>
        Override gate
      </button>
    </form>
  );
}

/** The checklist of the policies on the rendered target overlay: rule, resource, message, outcome. */
export function PolicyGateCard({ runId }: { runId: string }) {
  const { data: gate } = usePolicyGate(runId);
  if (!gate) return null;
  const checks = [...gate.checks].sort((a, b) => order.indexOf(a.result) - order.indexOf(b.result));
  const count = (r: CheckOutcome) => gate.checks.filter((c) => c.result === r).length;
  return (
    <Card title={`Policy gate: ${gate.environment}`}>
      <div className="space-y-3" data-testid="policy-gate">
        <p className="text-sm text-slate-600">
          {count("fail")} failing, {count("pass")} passing, {count("not-evaluated")} enforced at admission only
          <span className="text-slate-400"> · rendered and checked {formatTime(gate.evaluatedAt)}</span>
        </p>
        {gate.override ? (
          <p
            data-testid="gate-override"
            className="rounded-md border border-amber-200 bg-amber-50 p-2 text-sm text-amber-900"
          >
            Overridden by {gate.override.by} ({formatTime(gate.override.at)}): {gate.override.reason}
          </p>
        ) : null}
        {checks.length === 0 ? (
          <p className="text-sm text-slate-500">No policy is enabled for {gate.environment}.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {checks.map((c, i) => (
              <li key={i} className="flex items-start gap-3 py-2" data-testid="gate-check" data-result={c.result}>
                <OutcomeChip result={c.result} />
                <div className="min-w-0">
                  <p className="break-words font-medium text-slate-800">
                    {c.policy} / {c.rule}
                  </p>
                  <p className="break-all font-mono text-xs text-slate-500">{c.resource}</p>
                  {c.result === "pass" ? null : <p className="break-words text-slate-700">{c.message}</p>}
                </div>
              </li>
            ))}
          </ul>
        )}
        {gate.mayOverride ? <OverrideForm runId={runId} /> : null}
      </div>
    </Card>
  );
}
