import Link from "next/link";
import type { EntityRef } from "@/lib/catalog/types";

export function EntityRefList({ refs }: { refs: EntityRef[] }) {
  if (refs.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="flex flex-wrap gap-2">
      {refs.map((r) => (
        <li key={`${r.blueprint}/${r.identifier}`}>
          <Link
            className="rounded bg-slate-100 px-2 py-0.5 text-sm text-indigo-700 hover:underline"
            href={`/catalog/${r.blueprint}/${r.identifier}`}
          >
            {r.title}
          </Link>
        </li>
      ))}
    </ul>
  );
}
