"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { crumbsFor } from "./crumbs";

/** `blueprintTitles`: blueprint identifier → title, so /catalog/service reads "Service". */
export function Breadcrumbs({ blueprintTitles }: { blueprintTitles: Record<string, string> }) {
  const crumbs = crumbsFor(usePathname(), blueprintTitles);
  if (crumbs.length < 2) return null;
  return (
    <nav aria-label="Breadcrumb" className="mb-3 text-sm text-slate-600">
      <ol className="flex flex-wrap items-center gap-1">
        {crumbs.map((c, i) => (
          <li key={c.href} className="flex min-w-0 items-center gap-1">
            {i > 0 ? <span aria-hidden>›</span> : null}
            {i === crumbs.length - 1 ? (
              <span aria-current="page" className="truncate text-slate-800">
                {c.label}
              </span>
            ) : (
              <Link className="truncate hover:underline" href={c.href}>
                {c.label}
              </Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
