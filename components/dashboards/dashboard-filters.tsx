import Link from "next/link";
import { buttonClass, inputClass } from "@/components/ui/page-header";
import { HEALTH_STATUSES } from "@/lib/catalog/builtins";

export type FilterOptions = {
  teams: string[];
  environments?: string[];
  health?: boolean;
  period?: boolean;
  services?: boolean;
  sort?: boolean;
};

function Select({ name, label, value, options }: { name: string; label: string; value: string; options: string[] }) {
  return (
    <label className="text-sm">
      <span className="block text-xs font-medium text-slate-600">{label}</span>
      <select name={name} defaultValue={value} className={inputClass}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

/** GET form: filters live in the URL, so every view is linkable and the API takes the same parameters. */
export function DashboardFilters({
  action,
  params,
  options,
}: {
  action: string;
  params: URLSearchParams;
  options: FilterOptions;
}) {
  const period = params.get("period") ?? "30d";
  return (
    <form method="get" action={action} aria-label="Dashboard filters" className="flex flex-wrap items-end gap-3">
      <Select name="team" label="Team" value={params.get("team") ?? ""} options={options.teams} />
      {options.environments ? (
        <Select
          name="environment"
          label="Environment"
          value={params.get("environment") ?? ""}
          options={options.environments}
        />
      ) : null}
      {options.health ? (
        <Select name="health" label="Health" value={params.get("health") ?? ""} options={[...HEALTH_STATUSES]} />
      ) : null}
      {options.services ? (
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Service</span>
          <input name="service" defaultValue={params.get("service") ?? ""} className={inputClass} placeholder="any" />
        </label>
      ) : null}
      {options.sort ? (
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Sort</span>
          <select name="sort" defaultValue={`${params.get("sort") ?? "service"}`} className={inputClass}>
            <option value="service">by service</option>
            <option value="team">by team</option>
          </select>
        </label>
      ) : null}
      {options.sort ? (
        <label className="text-sm">
          <span className="block text-xs font-medium text-slate-600">Order</span>
          <select name="order" defaultValue={params.get("order") ?? "asc"} className={inputClass}>
            <option value="asc">A → Z</option>
            <option value="desc">Z → A</option>
          </select>
        </label>
      ) : null}
      {options.period ? (
        <>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">Period</span>
            <select name="period" defaultValue={period} className={inputClass}>
              <option value="7d">7 days</option>
              <option value="30d">30 days</option>
              <option value="90d">90 days</option>
              <option value="custom">Custom</option>
            </select>
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">From (custom)</span>
            <input type="date" name="from" defaultValue={params.get("from") ?? ""} className={inputClass} />
          </label>
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">To (custom)</span>
            <input type="date" name="to" defaultValue={params.get("to") ?? ""} className={inputClass} />
          </label>
        </>
      ) : null}
      <button type="submit" className={buttonClass}>
        Apply
      </button>
    </form>
  );
}

/** One-click period switch keeping the other filters. */
export function PeriodSwitch({ base, params }: { base: string; params: URLSearchParams }) {
  const current = params.get("period") ?? "30d";
  return (
    <div role="group" aria-label="Period shortcuts" className="mb-4 flex gap-1">
      {["7d", "30d", "90d"].map((p) => {
        const next = new URLSearchParams(params);
        next.set("period", p);
        next.delete("from");
        next.delete("to");
        next.delete("cursor");
        return (
          <Link
            key={p}
            href={`${base}?${next}`}
            aria-current={p === current ? "true" : undefined}
            className={`rounded-md px-3 py-1 text-sm ring-1 ring-inset ${p === current ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
          >
            {p.replace("d", " days")}
          </Link>
        );
      })}
    </div>
  );
}
