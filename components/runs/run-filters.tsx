import Link from "next/link";
import { buttonClass, inputClass } from "@/components/ui/page-header";
import { RUN_STATUSES } from "@/lib/runs/types";

export const RUN_VIEWS = [
  { view: "all", label: "All" },
  { view: "mine", label: "My runs" },
  { view: "approvals", label: "Waiting for my approval" },
  { view: "reviews", label: "Rollbacks to review" },
] as const;

/** Tabs keep the filters but start again from the first page. */
export function RunTabs({ params, current }: { params: URLSearchParams; current: string }) {
  return (
    <nav aria-label="Run views" className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {RUN_VIEWS.map((t) => {
        const next = new URLSearchParams(params);
        next.delete("cursor");
        if (t.view === "all") next.delete("view");
        else next.set("view", t.view);
        const active = t.view === current;
        return (
          <Link
            key={t.view}
            href={`/runs${next.size ? `?${next}` : ""}`}
            aria-current={active ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm ${active ? "border-indigo-600 font-medium text-indigo-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
          >
            {t.label}
          </Link>
        );
      })}
    </nav>
  );
}

export function RunFilters({ params, actions }: { params: URLSearchParams; actions: { id: string; title: string }[] }) {
  const view = params.get("view");
  return (
    <form method="get" action="/runs" aria-label="Run filters" className="flex flex-wrap items-end gap-3">
      {view ? <input type="hidden" name="view" value={view} /> : null}
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Action</span>
        <select name="action" defaultValue={params.get("action") ?? ""} className={inputClass}>
          <option value="">Any</option>
          {actions.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Status</span>
        <select name="status" defaultValue={params.get("status") ?? ""} className={inputClass}>
          <option value="">Any</option>
          {RUN_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Requester</span>
        <input
          name="requester"
          type="email"
          placeholder="dana@slipway.local"
          defaultValue={params.get("requester") ?? ""}
          className={inputClass}
        />
      </label>
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Entity</span>
        <input
          name="entity"
          placeholder="payment-gateway-staging"
          defaultValue={params.get("entity") ?? ""}
          className={inputClass}
        />
      </label>
      <button type="submit" className={buttonClass}>
        Filter
      </button>
      <Link href={view ? `/runs?view=${view}` : "/runs"} className="py-1.5 text-sm text-slate-500 hover:underline">
        Clear
      </Link>
    </form>
  );
}
