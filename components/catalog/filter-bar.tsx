import { buttonClass } from "@/components/ui/page-header";
import type { Blueprint } from "@/lib/catalog/types";

// Offers a select for each enum or boolean property; free-form filters stay available through the URL/API.
export function FilterBar({ blueprint, params }: { blueprint: Blueprint; params: URLSearchParams }) {
  const props = Object.entries(blueprint.schema.properties ?? {}).filter(
    ([, def]) => Array.isArray(def.enum) || def.type === "boolean",
  );
  return (
    <form method="get" action={`/catalog/${blueprint.identifier}`} className="flex flex-wrap items-end gap-3">
      <label className="text-sm">
        <span className="block text-xs font-medium text-slate-600">Search</span>
        <input
          name="q"
          type="search"
          defaultValue={params.get("q") ?? ""}
          aria-label="Search"
          className="rounded-md border border-slate-300 px-2 py-1"
        />
      </label>
      {props.map(([name, def]) => {
        const options = def.type === "boolean" ? ["true", "false"] : (def.enum as unknown[]).map(String);
        const key = `property.${name}`;
        return (
          <label key={name} className="text-sm">
            <span className="block text-xs font-medium text-slate-600">{String(def.title ?? name)}</span>
            <select
              name={key}
              defaultValue={params.get(key) ?? ""}
              className="rounded-md border border-slate-300 px-2 py-1"
            >
              <option value="">Any</option>
              {options.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <button type="submit" className={buttonClass}>
        Apply
      </button>
    </form>
  );
}
