"use client";
import { Menu, X } from "lucide-react";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { SearchPalette } from "@/components/search/search-palette";
import { activeHref, type NavSection } from "./active-href";

export type { NavLink, NavSection } from "./active-href";

/** Sidebar from 768 px up; below, a top bar whose menu button opens the same links. */
export function NavMenu({ sections, children }: { sections: NavSection[]; children: ReactNode }) {
  const pathname = usePathname();
  const search = useSearchParams();
  const [open, setOpen] = useState(false);
  const active = activeHref(
    sections.flatMap((s) => s.links),
    pathname,
    new URLSearchParams(search.toString()),
  );
  return (
    <nav
      aria-label="Main"
      className="flex w-full shrink-0 flex-col border-b border-slate-200 bg-white px-3 py-2 md:sticky md:top-0 md:h-screen md:w-56 md:overflow-y-auto md:border-r md:border-b-0 md:py-4"
    >
      <div className="flex items-center justify-between gap-2 md:mb-3 md:block">
        <Link href="/" className="px-2 text-lg font-bold tracking-tight text-indigo-700">
          ⚓ Slipway
        </Link>
        <div className="flex items-center gap-2 md:mt-3 md:block">
          <SearchPalette />
          <button
            type="button"
            className="rounded-md border border-slate-300 p-1.5 text-slate-700 md:hidden"
            aria-expanded={open}
            aria-controls="main-nav-links"
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <X aria-hidden className="h-4 w-4" /> : <Menu aria-hidden className="h-4 w-4" />}
            <span className="sr-only">{open ? "Close menu" : "Menu"}</span>
          </button>
        </div>
      </div>
      <div id="main-nav-links" className={`${open ? "flex" : "hidden"} flex-1 flex-col gap-0.5 pt-2 md:flex md:pt-0`}>
        {sections.map((section, i) => (
          <div key={section.heading ?? i} className="flex flex-col gap-0.5">
            {section.heading ? (
              <p className="mt-3 px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">
                {section.heading}
              </p>
            ) : null}
            {section.links.map((l) => (
              <Link
                key={l.href}
                href={l.href}
                onClick={() => setOpen(false)}
                aria-current={l.href === active ? "page" : undefined}
                className={`flex items-center justify-between rounded px-2 py-1 text-sm ${l.href === active ? "bg-indigo-50 font-medium text-indigo-800" : "hover:bg-slate-100"}`}
              >
                {l.label}
                {l.badge ? (
                  <span
                    data-testid="inbox-count"
                    title="Runs waiting for your approval"
                    className="rounded-full bg-amber-200 px-1.5 text-xs font-semibold text-amber-950"
                  >
                    {l.badge}
                  </span>
                ) : null}
              </Link>
            ))}
          </div>
        ))}
        {children}
      </div>
    </nav>
  );
}
