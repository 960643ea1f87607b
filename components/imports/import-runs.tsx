"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/http/client";
import type { ImportRun } from "@/lib/imports/import-runs";
import { queryKeys } from "@/lib/query-keys";

const COUNTS = ["created", "updated", "unchanged", "failed", "missing"] as const;
const countClass: Record<(typeof COUNTS)[number], string> = {
  created: "text-emerald-700",
  updated: "text-indigo-700",
  unchanged: "text-slate-600",
  failed: "text-red-700",
  missing: "text-amber-700",
};

function Progress({ run }: { run: ImportRun }) {
  const pct = run.total > 0 ? Math.round((run.processed / run.total) * 100) : run.status === "running" ? 0 : 100;
  return (
    <div className="mt-2 h-1.5 w-full rounded bg-slate-100" aria-label={`${run.processed} of ${run.total} processed`}>
      <div
        className={`h-1.5 rounded ${run.status === "failed" ? "bg-red-500" : "bg-indigo-500"}`}
        style={{ width: `${pct}%` }}
      />
    </div>
  );
}

/** Import runs, refreshed every two seconds so a running import shows its progress. */
export function ImportRuns({ initial }: { initial: ImportRun[] }) {
  const { data } = useQuery({
    queryKey: queryKeys.importRuns(),
    queryFn: () => apiFetch<{ items: ImportRun[] }>("/api/v1/imports/runs").then((r) => r.items),
    initialData: initial,
    refetchInterval: 2000,
  });
  if (data.length === 0) return <p className="text-sm text-slate-500">No imports yet.</p>;
  return (
    <ul className="divide-y divide-slate-100">
      {data.map((run) => (
        <li key={run.id} className="py-3" data-testid="import-run">
          <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1 text-sm">
            <span className="font-medium">
              {run.source} <span className="font-normal text-slate-500">· {run.trigger}</span>
            </span>
            <span className="text-xs text-slate-500">
              {run.startedAt.replace("T", " ").slice(0, 19)} ·{" "}
              <span className={run.status === "failed" ? "text-red-700" : ""}>{run.status}</span> · {run.processed}/
              {run.total}
            </span>
          </div>
          <div className="mt-1 flex flex-wrap gap-x-3 text-xs">
            {COUNTS.map((c) => (
              <span key={c} className={run[c] > 0 ? countClass[c] : "text-slate-400"}>
                {run[c]} {c}
              </span>
            ))}
          </div>
          {run.status === "running" ? <Progress run={run} /> : null}
          {run.failures.length > 0 ? (
            <details className="mt-1">
              <summary className="cursor-pointer text-xs text-red-700">
                {run.failures.length} reason{run.failures.length === 1 ? "" : "s"}
              </summary>
              <ul className="mt-1 space-y-1 text-xs">
                {run.failures.map((f, i) => (
                  <li key={i} className="break-words">
                    <code className="break-all">{f.object}</code>: {f.reason}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
