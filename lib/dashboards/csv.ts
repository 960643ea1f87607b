import { z } from "zod";
import { invalid } from "@/lib/errors";

type Cell = string | number | boolean | null | undefined;
export type Table = Record<string, Cell>[];

/** format=csv with table=<name>: one of the view's tables as CSV; JSON otherwise. */
export const exportQuery = {
  format: z.enum(["json", "csv"]).default("json").describe("csv: one table of the view as text/csv"),
  table: z.string().max(50).optional().describe("with format=csv: which table (the view's first when left out)"),
};

// RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets do not run it as a formula.
function cell(v: Cell): string {
  if (v === null || v === undefined) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(rows: Table, columns?: string[]): string {
  const cols = columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [cols.join(","), ...rows.map((r) => cols.map((c) => cell(r[c])).join(","))].join("\r\n") + "\r\n";
}

/** The named table of a view as a CSV download; an unknown name is a 422 on `table`. */
export function csvResponse<V>(
  view: string,
  tables: Record<string, (v: V) => Table>,
  data: V,
  table?: string,
): Response {
  const names = Object.keys(tables);
  const name = table ?? names[0]!;
  const pick = tables[name];
  if (!pick) throw invalid({ table: [`One of: ${names.join(", ")}`] }, "Unknown table");
  return new Response(toCsv(pick(data)), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${view}-${name}.csv"`,
    },
  });
}
