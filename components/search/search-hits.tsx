import type { SearchHit, SearchHitKind } from "@/lib/search/search-everywhere";

const KIND_LABEL: Record<SearchHitKind, string> = { entity: "Catalog", run: "Run", action: "Action" };

/** Keys typed into a field belong to the field, not to the page's shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export function SearchHits({
  items,
  active,
  state,
  onHover,
  onPick,
}: {
  items: SearchHit[];
  active: number;
  state: "idle" | "loading" | "error" | "done";
  onHover: (i: number) => void;
  onPick: (hit: SearchHit) => void;
}) {
  if (items.length === 0) {
    const message = {
      idle: "Type to search; ↑ ↓ to choose, Enter to open, Esc to close.",
      loading: "Searching…",
      error: "Search failed; try again.",
      done: "Nothing matches.",
    }[state];
    return (
      <p className="p-3 text-sm text-slate-600" role="status">
        {message}
      </p>
    );
  }
  return (
    <ul id="search-hits" role="listbox" aria-label="Search results" className="max-h-[60vh] overflow-y-auto p-1">
      {items.map((hit, i) => (
        <li
          key={hit.href + hit.title}
          id={`search-hit-${i}`}
          role="option"
          aria-selected={i === active}
          data-testid="search-hit"
          onMouseMove={() => i !== active && onHover(i)}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(hit);
          }}
          className={`flex cursor-pointer items-baseline gap-2 rounded px-2 py-1.5 text-sm ${i === active ? "bg-indigo-50 text-indigo-900" : ""}`}
        >
          <span className="w-16 shrink-0 text-xs font-medium uppercase text-slate-600">{KIND_LABEL[hit.kind]}</span>
          <span className="min-w-0 flex-1">
            <span className="block truncate font-medium">{hit.title}</span>
            <span className="block truncate text-xs text-slate-600">{hit.detail}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
