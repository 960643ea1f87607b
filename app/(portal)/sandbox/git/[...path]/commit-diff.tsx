import type { ChangedFile } from "@/lib/integrations/sandbox-git/sandbox-diff";

const statusTone: Record<ChangedFile["status"], string> = {
  added: "bg-emerald-100 text-emerald-800",
  modified: "bg-sky-100 text-sky-800",
  deleted: "bg-red-100 text-red-800",
  renamed: "bg-amber-100 text-amber-800",
};

function lineClass(line: string): string {
  if (line.startsWith("@@")) return "bg-slate-100 text-slate-500";
  if (line.startsWith("+")) return "bg-emerald-50 text-emerald-900";
  if (line.startsWith("-")) return "bg-red-50 text-red-900";
  return "text-slate-700";
}

/** One file of a commit: its status, a link to the file at that commit, and the unified diff. */
export function CommitFileDiff({ file, href }: { file: ChangedFile; href: string | null }) {
  return (
    <section
      className="overflow-hidden rounded-md border border-slate-200"
      data-testid="diff-file"
      data-path={file.path}
    >
      <header className="flex flex-wrap items-center gap-2 border-b border-slate-200 bg-slate-50 px-3 py-2 text-sm">
        <span className={`rounded px-1.5 text-xs ${statusTone[file.status]}`}>{file.status}</span>
        {href ? (
          <a className="break-all font-mono text-xs text-indigo-700 hover:underline" href={href}>
            {file.path}
          </a>
        ) : (
          <span className="break-all font-mono text-xs">{file.path}</span>
        )}
      </header>
      {file.lines.length > 0 ? (
        <pre className="overflow-x-auto text-xs leading-5">
          {file.lines.map((line, i) => (
            <div key={i} className={`px-3 ${lineClass(line)}`}>
              {line || " "}
            </div>
          ))}
        </pre>
      ) : (
        <p className="px-3 py-2 text-xs text-slate-500">No text changes (a binary file or a mode change).</p>
      )}
      {file.truncated ? <p className="px-3 py-2 text-xs text-slate-500">Diff cut after 400 lines.</p> : null}
    </section>
  );
}
