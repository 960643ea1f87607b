import type { ReactNode } from "react";
import type { Table } from "@/lib/dashboards/csv";

export type Column = { key: string; label: string; render?: (row: Table[number]) => ReactNode };

/** A dashboard table: the figures as text, scrolling inside its card on narrow screens. */
export function DataTable({
  caption,
  columns,
  rows,
  empty = "Nothing in this period.",
  testId,
}: {
  caption: string;
  columns: Column[];
  rows: Table;
  empty?: string;
  testId?: string;
}) {
  if (rows.length === 0) return <p className="text-sm text-slate-500">{empty}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="text-xs uppercase text-slate-500">
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className="whitespace-nowrap py-2 pr-4">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c) => (
                <td key={c.key} className="whitespace-nowrap py-1.5 pr-4">
                  {c.render ? c.render(r) : (r[c.key] ?? "—")}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Link to the CSV export of one of the view's tables (same filters). */
export function CsvLink({
  api,
  params,
  table,
  label = "CSV",
}: {
  api: string;
  params: URLSearchParams;
  table: string;
  label?: string;
}) {
  const q = new URLSearchParams(params);
  q.delete("cursor");
  q.set("format", "csv");
  q.set("table", table);
  return (
    <a className="text-xs font-medium text-indigo-700 hover:underline" href={`${api}?${q}`} download>
      {label}
    </a>
  );
}
