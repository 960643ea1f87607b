import Link from "next/link";
import { formatTime } from "@/components/runs/format";
import { Card } from "@/components/ui/page-header";
import type { DeployRecord } from "@/lib/catalog/service-hub";

const ACTION_WORDS: Record<string, string> = {
  release: "released",
  promote: "promoted",
  rollback: "rolled back to",
};

/** Every version each environment ran, newest first: who put it there, why, and the run that did. */
export function DeployHistory({ records }: { records: DeployRecord[] }) {
  return (
    <Card title="Deployment history" className="lg:col-span-2">
      {records.length === 0 ? (
        <p className="text-sm text-slate-500">No release, promotion or rollback yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm" data-testid="deploy-history">
          {records.map((r, i) => (
            <li key={`${r.at}-${r.deployment}-${i}`} className="py-2" data-testid="deploy-record">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <span className="font-medium">{r.environment}</span>
                <span>
                  {ACTION_WORDS[r.action ?? ""] ?? "deployed"} <span className="font-mono">{r.version ?? "?"}</span>
                </span>
                {r.failed ? <span className="text-xs font-medium text-red-700">failed afterwards</span> : null}
              </div>
              <div className="flex flex-wrap gap-x-2 text-xs text-slate-500">
                <span>{formatTime(r.at)}</span>
                <span>by {r.actor ?? "unknown"}</span>
                {r.runId ? (
                  <Link className="text-indigo-700 hover:underline" href={`/runs/${r.runId}`}>
                    run
                  </Link>
                ) : null}
              </div>
              {r.why ? <p className="mt-0.5 break-words text-slate-600">{r.why}</p> : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
