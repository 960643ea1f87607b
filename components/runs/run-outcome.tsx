import Link from "next/link";
import type { RunDetail } from "@/lib/runs/types";
import { Field } from "./run-sections";

// "gitopsCommit" → "Gitops commit", "needs_review" → "Needs review".
function labelOf(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replaceAll("_", " ")
    .toLowerCase();
  return words[0]!.toUpperCase() + words.slice(1);
}

function OutcomeValue({ value }: { value: unknown }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-400">—</span>;
  if (typeof value === "boolean") return <>{value ? "Yes" : "No"}</>;
  if (typeof value === "number") return <>{value}</>;
  if (typeof value === "string") {
    if (/^[0-9a-f]{40}$/.test(value))
      return (
        <span className="font-mono text-xs" title={value}>
          {value.slice(0, 8)}
        </span>
      );
    if (value.startsWith("/"))
      return (
        <a className="break-all text-indigo-700 hover:underline" href={value}>
          {value}
        </a>
      );
    // The sandbox git view is part of this portal: open it under the host name in use, whatever URL was recorded.
    const sandboxPath = /^https?:\/\/[^/]+(\/sandbox\/git\/.*)$/.exec(value)?.[1];
    if (sandboxPath)
      return (
        <a className="break-all text-indigo-700 hover:underline" href={sandboxPath}>
          {sandboxPath}
        </a>
      );
    if (/^https?:\/\//.test(value))
      return (
        <a className="break-all text-indigo-700 hover:underline" href={value} target="_blank" rel="noreferrer">
          {value}
        </a>
      );
    return <span className="break-words">{value}</span>;
  }
  if (Array.isArray(value))
    return (
      <span className="break-words">
        {value.map((v, i) => (
          <span key={i}>
            {i > 0 ? ", " : ""}
            {typeof v === "string" ? v : JSON.stringify(v)}
          </span>
        ))}
      </span>
    );
  return <span className="break-all font-mono text-xs">{JSON.stringify(value)}</span>;
}

/** The entity a create run made, linked; shown in place of the (empty) entity of the run. */
export type CreatedEntity = { blueprint: string; identifier: string; exists: boolean };

export function CreatedEntityLink({ created }: { created: CreatedEntity }) {
  if (!created.exists)
    return (
      <span>
        {created.blueprint} {created.identifier} <span className="text-slate-500">(not in the catalog)</span>
      </span>
    );
  return (
    <Link
      className="font-medium text-indigo-700 hover:underline"
      href={`/catalog/${created.blueprint}/${created.identifier}`}
      data-testid="created-entity"
    >
      {created.blueprint} {created.identifier}
    </Link>
  );
}

export function RunOutcome({ result, error }: { result: RunDetail["result"]; error: string | null }) {
  if (!result && !error) return null;
  const entries = Object.entries(result ?? {});
  return (
    <div className="space-y-2 text-sm">
      {error ? (
        <p className="rounded-md bg-red-50 p-2 text-red-700" data-testid="run-error">
          {error}
        </p>
      ) : null}
      {entries.length > 0 ? (
        <dl className="grid grid-cols-[minmax(6rem,10rem)_minmax(0,1fr)] gap-x-4 gap-y-1" data-testid="run-result">
          {entries.map(([k, v]) => (
            <Field key={k} label={labelOf(k)}>
              <OutcomeValue value={v} />
            </Field>
          ))}
        </dl>
      ) : null}
    </div>
  );
}
