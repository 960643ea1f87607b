import { toFieldChanges, toPlainFields } from "@/lib/audit/audit-changes";

// Long creates (a whole entity) fold away after this many fields.
const OPEN_LIMIT = 6;

/** An audit row's data as "field: before → after" lines, or as plain fields when it has no before/after. */
export function AuditChanges({ data }: { data: Record<string, unknown> }) {
  const changes = toFieldChanges(data);
  if (!changes) {
    const fields = toPlainFields(data);
    if (fields.length === 0) return null;
    return (
      <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs">
        {fields.map((f) => (
          <div key={f.field} className="contents">
            <dt className="font-medium text-slate-600">{f.field}</dt>
            <dd className="break-words font-mono">{f.value}</dd>
          </div>
        ))}
      </dl>
    );
  }
  const list = (
    <ul className="space-y-0.5 text-xs" data-testid="audit-diff">
      {changes.map((c) => (
        <li key={c.field} className="break-words">
          <span className="font-medium text-slate-700">{c.field}</span>:{" "}
          {c.before !== undefined ? (
            <del className="rounded bg-red-50 px-1 font-mono text-red-800" aria-label={`before: ${c.before}`}>
              {c.before}
            </del>
          ) : null}
          {c.kind === "changed" ? <span aria-hidden> → </span> : null}
          {c.after !== undefined ? (
            <ins
              className="rounded bg-emerald-50 px-1 font-mono text-emerald-800 no-underline"
              aria-label={`after: ${c.after}`}
            >
              {c.after}
            </ins>
          ) : null}
        </li>
      ))}
    </ul>
  );
  if (changes.length <= OPEN_LIMIT) return list;
  return (
    <details>
      <summary className="cursor-pointer text-xs text-indigo-700">{changes.length} fields</summary>
      {list}
    </details>
  );
}
