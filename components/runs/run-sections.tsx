import Link from "next/link";
import type { ReactNode } from "react";
import type { RunApproval, RunDetail, RunLink, RunStep } from "@/lib/runs/types";
import { formatDuration, formatTime } from "./format";

const stepTone: Record<RunStep["status"], string> = {
  running: "text-sky-700",
  succeeded: "text-emerald-700",
  failed: "text-red-700",
  compensated: "text-amber-700",
};

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-slate-500">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function EntityLink({ entity }: { entity: RunDetail["entity"] }) {
  if (!entity) return <span className="text-slate-500">—</span>;
  return (
    <Link className="text-indigo-700 hover:underline" href={`/catalog/${entity.blueprint}/${entity.identifier}`}>
      {entity.blueprint} {entity.identifier}
    </Link>
  );
}

export function RunInputs({ input }: { input: Record<string, unknown> }) {
  const entries = Object.entries(input);
  if (entries.length === 0) return <p className="text-sm text-slate-500">No inputs.</p>;
  return (
    <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-1 text-sm">
      {entries.map(([k, v]) => (
        <Field key={k} label={k}>
          <span className="font-mono text-xs">{typeof v === "string" ? v : JSON.stringify(v)}</span>
        </Field>
      ))}
    </dl>
  );
}

export function RunApprovals({ approvals }: { approvals: RunApproval[] }) {
  if (approvals.length === 0) return <p className="text-sm text-slate-500">No decisions yet.</p>;
  return (
    <ul className="space-y-2 text-sm" data-testid="run-approvals">
      {approvals.map((a) => (
        <li key={`${a.userEmail}-${a.at}`} data-decision={a.decision}>
          <span className={a.decision === "approve" ? "font-medium text-emerald-700" : "font-medium text-red-700"}>
            {a.decision === "approve" ? "Approved" : "Declined"}
          </span>{" "}
          by {a.userEmail} <span className="text-slate-500">at {formatTime(a.at)}</span>
          {a.changeTicket ? (
            <span className="ml-2 rounded bg-slate-100 px-1.5 font-mono text-xs">{a.changeTicket}</span>
          ) : null}
          {a.comment ? <p className="mt-0.5 text-slate-600">“{a.comment}”</p> : null}
        </li>
      ))}
    </ul>
  );
}

export function RunSteps({ steps }: { steps: RunStep[] }) {
  if (steps.length === 0) return <p className="text-sm text-slate-500">No steps have run yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="run-steps">
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            <th className="py-1 pr-4">Step</th>
            <th className="pr-4">Status</th>
            <th className="pr-4">Attempts</th>
            <th>Duration</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {steps.map((s) => (
            <tr key={s.key} data-step={s.key}>
              <td className="py-1 pr-4 font-mono text-xs">{s.key}</td>
              <td className={`pr-4 ${stepTone[s.status]}`}>
                {s.status}
                {s.error ? <span className="block text-xs text-red-600">{s.error}</span> : null}
              </td>
              <td className="pr-4">{s.attempts}</td>
              <td>{formatDuration(s.startedAt, s.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RunLinks({ links }: { links: RunLink[] }) {
  if (links.length === 0) return null;
  return (
    <ul className="space-y-1 text-sm">
      {links.map((l) => (
        <li key={l.url}>
          <span className="mr-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">{l.kind}</span>
          {/* Paths are the portal's own pages (stored so under any host name): open them here. */}
          <a
            className="break-all text-indigo-700 hover:underline"
            href={l.url}
            {...(l.url.startsWith("/") ? {} : { target: "_blank", rel: "noreferrer" })}
          >
            {l.title}
          </a>
        </li>
      ))}
    </ul>
  );
}
