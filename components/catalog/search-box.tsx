import { Search } from "lucide-react";
import { buttonClass, inputClass } from "@/components/ui/page-header";

// A plain GET form: search works without client JavaScript and keeps the URL shareable.
export function SearchBox({
  action,
  q,
  placeholder,
  hidden = {},
}: {
  action: string;
  q?: string;
  placeholder: string;
  hidden?: Record<string, string>;
}) {
  return (
    <form action={action} method="get" role="search" className="flex max-w-xl gap-2">
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <label className="sr-only" htmlFor="catalog-search">
        Search
      </label>
      <input
        id="catalog-search"
        name="q"
        type="search"
        defaultValue={q}
        placeholder={placeholder}
        className={inputClass}
      />
      <button type="submit" className={buttonClass}>
        <Search className="h-4 w-4" aria-hidden /> Search
      </button>
    </form>
  );
}
