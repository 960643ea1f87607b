import Link from "next/link";
import { DASHBOARDS } from "@/components/dashboards/dashboard-nav";
import { signOutAction } from "@/app/signin/actions";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { listBlueprints } from "@/lib/catalog/blueprints";
import { countAwaitingDecision } from "@/lib/runs/list-runs";

const linkClass = "rounded px-2 py-1 text-sm hover:bg-slate-100";
// Phones get the links as one wrapped row above the page (no headings); sm and up, the sidebar.
const headingClass = "hidden px-2 text-xs font-semibold uppercase tracking-wide text-slate-400 sm:mt-4 sm:block";

export async function SiteNav({ user }: { user: SessionUser }) {
  const [blueprints, awaiting] = await Promise.all([listBlueprints(), countAwaitingDecision(user)]);
  const isAdmin = can(user, "update", { kind: "blueprint" });
  return (
    <nav
      aria-label="Main"
      className="flex w-full shrink-0 flex-row flex-wrap items-center gap-1 border-b border-slate-200 bg-white px-3 py-2 sm:w-56 sm:flex-col sm:flex-nowrap sm:items-stretch sm:border-r sm:border-b-0 sm:py-4"
    >
      <Link href="/" className="px-2 text-lg font-bold tracking-tight text-indigo-700 sm:mb-4">
        ⚓ Slipway
      </Link>
      <Link href="/" className={`${linkClass} font-medium`}>
        Service catalog
      </Link>
      <p className={headingClass}>Dashboards</p>
      {DASHBOARDS.map((d) => (
        <Link key={d.slug} href={`/dashboards/${d.slug}`} className={linkClass}>
          {d.label}
        </Link>
      ))}
      <p className={headingClass}>Self-service</p>
      <Link href="/actions" className={linkClass}>
        Actions
      </Link>
      <Link href="/runs" className={linkClass}>
        Runs
      </Link>
      <Link href="/runs?view=approvals" className={`${linkClass} flex items-center justify-between`}>
        Approvals
        {awaiting > 0 ? (
          <span
            data-testid="inbox-count"
            title="Runs waiting for your approval"
            className="rounded-full bg-amber-500 px-1.5 text-xs font-semibold text-white"
          >
            {awaiting}
          </span>
        ) : null}
      </Link>
      <p className={headingClass}>Blueprints</p>
      {blueprints.map((b) => (
        <Link key={b.identifier} href={`/catalog/${b.identifier}`} className={linkClass}>
          {b.title}
        </Link>
      ))}
      {isAdmin ? (
        <>
          <p className={headingClass}>Admin</p>
          <Link href="/admin/blueprints" className={linkClass}>
            Blueprint editor
          </Link>
          <Link href="/admin/audit" className={linkClass}>
            Audit log
          </Link>
          <Link href="/admin/imports" className={linkClass}>
            Imports
          </Link>
          <Link href="/admin/policies" className={linkClass}>
            Policies
          </Link>
        </>
      ) : null}
      <div className="flex w-full items-center justify-between border-t border-slate-200 pt-1 sm:mt-auto sm:block sm:pt-3">
        <Link href="/me" className={`${linkClass} block`} data-testid="current-user">
          <span className="font-medium">{user.name}</span>
          <span className="block text-xs text-slate-500">{user.roles.join(", ")}</span>
        </Link>
        <form action={signOutAction}>
          <button type="submit" className={`${linkClass} text-left text-slate-500 sm:w-full`}>
            Sign out
          </button>
        </form>
      </div>
    </nav>
  );
}
