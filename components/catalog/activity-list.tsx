import { When } from "@/components/ui/when";
import type { ActivityItem } from "@/lib/catalog/types";

export function ActivityList({ items }: { items: ActivityItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No activity yet.</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label="Activity">
      {items.map((a) => (
        <li key={a.id} className="flex flex-col gap-x-3 sm:flex-row">
          <span className="shrink-0 text-xs text-slate-600 sm:w-32">
            <When at={a.at} />
          </span>
          <span className="min-w-0 break-words">
            {a.message}
            {a.actor ? <span className="text-slate-500"> · {a.actor}</span> : null}
          </span>
        </li>
      ))}
    </ol>
  );
}
