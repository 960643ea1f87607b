import type { RunStatus } from "@/lib/runs/types";

const tone: Record<RunStatus, string> = {
  awaiting_approval: "bg-amber-50 text-amber-700 ring-amber-600/20",
  queued: "bg-slate-100 text-slate-600 ring-slate-500/20",
  running: "bg-sky-50 text-sky-700 ring-sky-600/20",
  waiting: "bg-sky-50 text-sky-700 ring-sky-600/20",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  failed: "bg-red-50 text-red-700 ring-red-600/20",
  declined: "bg-red-50 text-red-700 ring-red-600/20",
  cancelled: "bg-slate-100 text-slate-500 ring-slate-500/20",
};

// The raw status is the text, so people, tests and API output all read the same word.
export function RunStatusChip({ status, testId }: { status: RunStatus; testId?: string }) {
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${tone[status]}`}
    >
      {status}
    </span>
  );
}
