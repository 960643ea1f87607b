import Link from "next/link";
import { DASHBOARDS } from "@/components/dashboards/dashboard-nav";
import { signOutAction } from "@/app/signin/actions";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/roles";
import { countAwaitingDecision } from "@/lib/runs/list-runs";
import { listNavBlueprints } from "./nav-blueprints";
import { NavMenu, type NavSection } from "./nav-menu";

const linkClass = "rounded px-2 py-1 text-sm hover:bg-slate-100";

export async function SiteNav({ user }: { user: SessionUser }) {
  const [blueprints, awaiting] = await Promise.all([listNavBlueprints(), countAwaitingDecision(user)]);
  const isAdmin = can(user, "update", { kind: "blueprint" });
  const sections: NavSection[] = [
    {
      links: [
        { href: "/", label: "Service catalog" },
        { href: "/fleet", label: "What runs where" },
      ],
    },
    { heading: "Dashboards", links: DASHBOARDS.map((d) => ({ href: `/dashboards/${d.slug}`, label: d.label })) },
    {
      heading: "Self-service",
      links: [
        { href: "/actions", label: "Actions" },
        { href: "/runs", label: "Runs" },
        { href: "/runs?view=approvals", label: "Approvals", badge: awaiting > 0 ? awaiting : undefined },
      ],
    },
    {
      heading: "Blueprints",
      links: blueprints.map((b) => ({ href: `/catalog/${b.identifier}`, label: b.title })),
    },
  ];
  if (isAdmin)
    sections.push({
      heading: "Admin",
      links: [
        { href: "/admin/blueprints", label: "Blueprint editor" },
        { href: "/admin/audit", label: "Audit log" },
        { href: "/admin/imports", label: "Imports" },
        { href: "/admin/policies", label: "Policies" },
      ],
    });
  return (
    <NavMenu sections={sections}>
      <div className="mt-2 flex w-full items-center justify-between border-t border-slate-200 pt-2 md:mt-auto md:block md:pt-3">
        <Link href="/me" className={`${linkClass} block`} data-testid="current-user">
          <span className="font-medium">{user.name}</span>
          <span className="block text-xs text-slate-600">{user.roles.join(", ")}</span>
        </Link>
        <form action={signOutAction}>
          <button type="submit" className={`${linkClass} text-left text-slate-600 md:w-full`}>
            Sign out
          </button>
        </form>
      </div>
    </NavMenu>
  );
}
