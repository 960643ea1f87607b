import Link from "next/link";
import { StatusChip } from "@/components/ui/status-chip";
import type { WhatRunsWhere } from "@/lib/fleet/what-runs-where";

/** Services down, environments across; a cell lists one line per cluster of the environment. */
export function FleetMatrix({ view }: { view: WhatRunsWhere }) {
  if (view.services.length === 0) return <p className="text-sm text-slate-500">No services yet.</p>;
  return (
    <>
      <FleetTable view={view} />
      <FleetList view={view} />
    </>
  );
}

type Cell = WhatRunsWhere["services"][number]["environments"][string];

function ClusterLines({ d }: { d: NonNullable<Cell> }) {
  return (
    <ul className="space-y-1">
      {d.cells.map((c) => (
        <li
          key={c.cluster ?? "default"}
          data-testid={c.cluster ? `fleet-cluster-${d.deployment}-${c.cluster}` : undefined}
          className="flex flex-wrap items-center gap-1 whitespace-nowrap"
        >
          {c.cluster ? <span className="text-slate-500">{c.cluster}</span> : null}
          <span className="font-mono">{c.version ?? "—"}</span>
          <StatusChip label={c.health ?? "Unknown"} status={c.health} title={c.message ?? undefined} />
          <span className="text-slate-500">{c.sync ?? "—"}</span>
        </li>
      ))}
    </ul>
  );
}

/** Phones: one block per service, environments stacked, so nothing scrolls sideways. */
function FleetList({ view }: { view: WhatRunsWhere }) {
  return (
    <ul className="divide-y divide-slate-100 sm:hidden" aria-label="What runs where">
      {view.services.map((s) => (
        <li key={s.service} className="py-3">
          <Link className="font-medium text-indigo-700 hover:underline" href={`/catalog/service/${s.service}`}>
            {s.service}
          </Link>
          <span className="ml-2 text-xs text-slate-500">{s.team ?? "—"}</span>
          <dl className="mt-1 space-y-1 text-xs">
            {view.environments.map((e) => {
              const d = s.environments[e.name];
              return (
                <div key={e.name} className="flex gap-2">
                  <dt className="w-16 shrink-0 font-semibold uppercase text-slate-500">{e.name}</dt>
                  <dd className="min-w-0">{d ? <ClusterLines d={d} /> : <span className="text-slate-400">—</span>}</dd>
                </div>
              );
            })}
          </dl>
        </li>
      ))}
    </ul>
  );
}

function FleetTable({ view }: { view: WhatRunsWhere }) {
  return (
    <div className="hidden overflow-x-auto sm:block">
      <table className="w-full text-left text-sm" data-testid="fleet-matrix">
        <caption className="sr-only">Versions and health per service, environment and cluster</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4">
              Service
            </th>
            {view.environments.map((e) => (
              <th key={e.name} scope="col" className="pr-4">
                {e.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {view.services.map((s) => (
            <tr key={s.service} data-testid={`fleet-row-${s.service}`} className="align-top">
              <td className="py-2 pr-4">
                <Link className="font-medium text-indigo-700 hover:underline" href={`/catalog/service/${s.service}`}>
                  {s.service}
                </Link>
                <div className="text-xs text-slate-500">{s.team ?? "—"}</div>
              </td>
              {view.environments.map((e) => {
                const d = s.environments[e.name];
                return (
                  <td key={e.name} className="py-2 pr-4 text-xs" data-testid={`fleet-cell-${s.service}-${e.name}`}>
                    {d ? <ClusterLines d={d} /> : <span className="text-slate-400">—</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
