import Link from "next/link";
import type { Run } from "@/lib/runs/types";
import { formatTime } from "./format";
import { RunStatusChip } from "./run-status-chip";

export function RunTable({ runs, empty }: { runs: Run[]; empty: string }) {
  if (runs.length === 0)
    return (
      <p className="text-sm text-slate-500" data-testid="runs-empty">
        {empty}
      </p>
    );
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 pr-4">Created</th>
            <th className="pr-4">Action</th>
            <th className="pr-4">Entity</th>
            <th className="pr-4">Status</th>
            <th className="pr-4">Requester</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {runs.map((r) => (
            <tr key={r.id} data-testid="run-row" data-run-id={r.id}>
              <td className="whitespace-nowrap py-2 pr-4">
                <Link className="text-indigo-700 hover:underline" href={`/runs/${r.id}`}>
                  {formatTime(r.createdAt)}
                </Link>
              </td>
              <td className="pr-4">
                <Link className="font-medium text-indigo-700 hover:underline" href={`/runs/${r.id}`}>
                  {r.actionTitle}
                </Link>
              </td>
              <td className="pr-4">
                {r.entity ? (
                  <Link className="hover:underline" href={`/catalog/${r.entity.blueprint}/${r.entity.identifier}`}>
                    {r.entity.identifier}
                  </Link>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
              </td>
              <td className="pr-4">
                <RunStatusChip status={r.status} />
              </td>
              <td className="pr-4">{r.requestedByEmail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
