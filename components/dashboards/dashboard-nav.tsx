import Link from "next/link";

export const DASHBOARDS = [
  { slug: "catalog", label: "Catalog matrix" },
  { slug: "pipeline", label: "Deployment pipeline" },
  { slug: "resources", label: "Resources" },
  { slug: "dora", label: "DORA metrics" },
] as const;

/** Tabs between the dashboards. */
export function DashboardTabs({ current }: { current: (typeof DASHBOARDS)[number]["slug"] }) {
  return (
    <nav aria-label="Dashboards" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {DASHBOARDS.map((d) => (
        <Link
          key={d.slug}
          href={`/dashboards/${d.slug}`}
          aria-current={d.slug === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${d.slug === current ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {d.label}
        </Link>
      ))}
    </nav>
  );
}

const LEVEL_TONE: Record<string, string> = {
  elite: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  high: "bg-sky-50 text-sky-700 ring-sky-600/20",
  medium: "bg-amber-50 text-amber-700 ring-amber-600/20",
  low: "bg-red-50 text-red-700 ring-red-600/20",
};

/** A DORA level as a chip; "no data" when the period had nothing to measure. */
export function LevelChip({ level }: { level: string | null }) {
  const cls = LEVEL_TONE[level ?? ""] ?? "bg-slate-100 text-slate-600 ring-slate-500/20";
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${cls}`}
      data-level={level ?? "none"}
    >
      {level ?? "no data"}
    </span>
  );
}
