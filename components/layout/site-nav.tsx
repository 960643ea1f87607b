import Link from "next/link";
import { listBlueprints } from "@/lib/catalog/blueprints";

export async function SiteNav() {
  const blueprints = await listBlueprints();
  return (
    <nav aria-label="Main" className="flex w-56 shrink-0 flex-col gap-1 border-r border-slate-200 bg-white px-3 py-4">
      <Link href="/" className="mb-4 px-2 text-lg font-bold tracking-tight text-indigo-700">
        ⚓ Slipway
      </Link>
      <Link href="/" className="rounded px-2 py-1 text-sm font-medium hover:bg-slate-100">
        Service catalog
      </Link>
      <p className="mt-4 px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Blueprints</p>
      {blueprints.map((b) => (
        <Link key={b.identifier} href={`/catalog/${b.identifier}`} className="rounded px-2 py-1 text-sm hover:bg-slate-100">
          {b.title}
        </Link>
      ))}
      <p className="mt-4 px-2 text-xs font-semibold uppercase tracking-wide text-slate-400">Admin</p>
      <Link href="/admin/blueprints" className="rounded px-2 py-1 text-sm hover:bg-slate-100">
        Blueprint editor
      </Link>
    </nav>
  );
}
