import Link from "next/link";
import { formatTime } from "@/components/runs/format";
import { RunStatusChip } from "@/components/runs/run-status-chip";
import type { Run } from "@/lib/runs/types";

/** A narrow list of runs (the team page's half-width cards): what, on which entity, who, when. */
export function TeamRunList({ runs, empty }: { runs: Run[]; empty: string }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {runs.map((r) => (
        <li key={r.id} className="py-2" data-testid="run-row" data-run-id={r.id}>
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <Link className="font-medium text-indigo-700 hover:underline" href={`/runs/${r.id}`}>
              {r.actionTitle}
            </Link>
            {r.entity ? (
              <Link
                className="break-all hover:underline"
                href={`/catalog/${r.entity.blueprint}/${r.entity.identifier}`}
              >
                {r.entity.identifier}
              </Link>
            ) : null}
            <RunStatusChip status={r.status} />
          </div>
          <div className="text-xs text-slate-500">
            {formatTime(r.createdAt)} by {r.requestedByEmail}
          </div>
        </li>
      ))}
    </ul>
  );
}
