import Link from "next/link";
import { formatTime } from "@/components/runs/format";
import { Card } from "@/components/ui/page-header";
import { HISTORY_LIMIT, type DeployRecord } from "@/lib/catalog/service-hub";

const ACTION_WORDS: Record<string, string> = {
  release: "released",
  promote: "promoted",
  rollback: "rolled back to",
};

/** Every version each environment ran, newest first: who put it there, why, and the run that did. */
export function DeployHistory({
  service,
  records,
  environments,
  selected,
}: {
  service: string;
  records: DeployRecord[];
  environments: string[];
  selected: string | null;
}) {
  const tab = (label: string, env: string | null) => (
    <Link
      key={label}
      href={env ? `/catalog/service/${service}?history=${encodeURIComponent(env)}` : `/catalog/service/${service}`}
      aria-current={selected === env ? "page" : undefined}
      className={`rounded-full px-2.5 py-0.5 text-xs ring-1 ring-inset ${
        selected === env
          ? "bg-indigo-600 text-white ring-indigo-600"
          : "text-slate-600 ring-slate-300 hover:bg-slate-50"
      }`}
    >
      {label}
    </Link>
  );
  return (
    <Card title="Deployment history" className="lg:col-span-2">
      <nav className="mb-2 flex flex-wrap gap-2" aria-label="History of one environment" data-testid="history-filter">
        {tab("All environments", null)}
        {environments.map((e) => tab(e, e))}
      </nav>
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
      {records.length === HISTORY_LIMIT ? (
        <p className="mt-2 text-xs text-slate-500">Showing the latest {HISTORY_LIMIT}.</p>
      ) : null}
    </Card>
  );
}
