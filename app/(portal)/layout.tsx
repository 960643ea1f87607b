import type { ReactNode } from "react";
import { SiteNav } from "@/components/layout/site-nav";

// Every portal page reads live catalog data; nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export default function PortalLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <SiteNav />
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
