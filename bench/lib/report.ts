import type { Row } from "./http";
import type { SizeResult } from "./phases";

const fmt = (n: number | null | undefined, unit = "") => (n === null || n === undefined ? "—" : `${n}${unit}`);

function cell(row: Row | undefined): string {
  if (!row) return "—";
  if ("missing" in row) return row.missing;
  return `${row.p50} / ${row.p95} / ${row.p99}${row.errors ? ` (${row.errors} err)` : ""}`;
}

/** One table: a line per figure, a column per catalog size, the issue's target beside it. */
export function renderTable(sizes: SizeResult[]): string {
  const head = ["figure", "target", ...sizes.map((s) => `${s.entities.toLocaleString("en")} entities`)];
  const lines: string[][] = [];
  const names = [...new Set(sizes.flatMap((s) => s.http.map((r) => r.name)))];
  for (const name of names) {
    const rows = sizes.map((s) => s.http.find((r) => r.name === name));
    lines.push([`${name} (p50/p95/p99 ms)`, rows.find((r) => r?.target)?.target ?? "", ...rows.map(cell)]);
  }
  const per = (label: string, target: string, f: (s: SizeResult) => string) =>
    lines.push([label, target, ...sizes.map(f)]);
  per("webhook (ingestion listener): status changes/s, median of 3", "≥ 2,000", (s) =>
    fmt(s.ingestion?.statusChangesPerSec),
  );
  per("webhook (ingestion listener): duplicates/s", "", (s) => fmt(s.ingestion?.duplicatesPerSec));
  per("webhook (Next.js route): status changes/s, median of 3", "", (s) => fmt(s.ingestionNext?.statusChangesPerSec));
  per("webhook (Next.js route): duplicates/s", "", (s) => fmt(s.ingestionNext?.duplicatesPerSec));
  per("status change → API (p50/p99 ms)", "p99 ≤ 100", (s) =>
    s.visibility ? `${s.visibility.apiP50} / ${s.visibility.apiP99}` : "—",
  );
  per("status change → SSE (p50/p99 ms)", "p99 ≤ 100", (s) =>
    s.visibility ? `${s.visibility.sseP50} / ${s.visibility.sseP99}` : "—",
  );
  per("scale runs: succeeded / requested", "", (s) => (s.runs ? `${s.runs.succeeded} / ${s.runs.runs}` : "—"));
  per("runs: queue wait p50/p99 (ms)", "", (s) => (s.runs ? `${s.runs.queueWaitP50} / ${s.runs.queueWaitP99}` : "—"));
  per("runs: duration p50/p99 (ms)", "", (s) => (s.runs ? `${s.runs.durationP50} / ${s.runs.durationP99}` : "—"));
  per("runs/min (scale; create)", "", (s) => `${fmt(s.runs?.runsPerMin)}; ${fmt(s.creates?.runsPerMin)}`);
  per("peak RSS web / worker (MB)", "web ≤ 400", (s) => `${fmt(s.rss.webMb)} / ${fmt(s.rss.workerMb)}`);
  for (const name of [...new Set(sizes.flatMap((s) => s.pages.map((p) => p.page)))])
    per(`browser: ${name} first contentful paint`, "< 2,000 ms", (s) => {
      const p = s.pages.find((x) => x.page === name);
      return p ? `${fmt(p.fcpMs, " ms")}${p.usable ? "" : " NOT USABLE"}` : "—";
    });
  per("load: generate + analyze (s)", "", (s) => fmt(s.loadSeconds));
  const widths = head.map((_, i) => Math.max(...[head, ...lines].map((l) => (l[i] ?? "").length)));
  const render = (l: string[]) => `| ${l.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [render(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...lines.map(render)].join("\n");
}
