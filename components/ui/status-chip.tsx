// Colour follows ArgoCD health and sync; unknown values fall back to grey.
const tone: Record<string, string> = {
  Healthy: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  Progressing: "bg-sky-50 text-sky-700 ring-sky-600/20",
  Degraded: "bg-red-50 text-red-700 ring-red-600/20",
  Suspended: "bg-amber-50 text-amber-700 ring-amber-600/20",
  Missing: "bg-orange-50 text-orange-700 ring-orange-600/20",
  // ArgoCD sync status.
  Synced: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  OutOfSync: "bg-amber-50 text-amber-800 ring-amber-600/20",
};

/** Health and sync values of ArgoCD, which tables show as chips wherever they appear. */
export function isStatusValue(value: unknown): value is string {
  return typeof value === "string" && (value in tone || value === "Unknown");
}

export function StatusChip({ label, status, title }: { label: string; status?: string | null; title?: string }) {
  const cls = tone[status ?? ""] ?? "bg-slate-100 text-slate-600 ring-slate-500/20";
  return (
    <span
      title={title}
      data-status={status ?? "Unknown"}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${cls}`}
    >
      {label}
    </span>
  );
}
