import type { ReactNode } from "react";
import { Breadcrumbs } from "@/components/layout/breadcrumbs";
import { NotificationBanner } from "@/components/layout/notification-banner";
import { SiteNav } from "@/components/layout/site-nav";
import { requirePageUser } from "@/lib/auth/page-user";
import { listNavBlueprints } from "@/components/layout/nav-blueprints";

// Every portal page reads live catalog data; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  // The navigation reads the same list in this request: the breadcrumbs' titles cost no query.
  const blueprintTitles = Object.fromEntries((await listNavBlueprints()).map((b) => [b.identifier, b.title]));
  return (
    <div className="flex min-h-screen flex-col md:flex-row">
      <SiteNav user={user} />
      <main className="min-w-0 flex-1 px-4 py-6 md:px-8">
        <Breadcrumbs blueprintTitles={blueprintTitles} />
        <NotificationBanner email={user.email} />
        {children}
      </main>
    </div>
  );
}
