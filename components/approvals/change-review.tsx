import { html as diffToHtml } from "diff2html";
import { ColorSchemeType } from "diff2html/lib/types";
import "diff2html/bundles/css/diff2html.min.css";
import { Card } from "@/components/ui/page-header";
import { findRunReview } from "@/lib/runs/run-review";
import type { Run } from "@/lib/runs/types";
import { Field } from "@/components/runs/run-sections";

// A value that does not change (a scale keeps its version and environment) is shown once.
const arrow = (from: string | null, to: string | null) =>
  from === to || from === null ? (
    <span className="font-mono">{to ?? "—"}</span>
  ) : (
    <>
      <span className="font-mono">{from}</span> → <span className="font-mono">{to ?? "—"}</span>
    </>
  );

/** What the run changes, for its approvers: versions, the app's commits, the rendered manifest diff. */
export async function ChangeReviewCard({ run }: { run: Run }) {
  const p = run.proposal;
  if (!p) return null;
  const review = await findRunReview(run);
  return (
    <Card title="What changes">
      <dl className="grid grid-cols-[8rem_1fr] gap-x-4 gap-y-2 text-sm" data-testid="change-summary">
        <Field label="Service">{p.service}</Field>
        <Field label="Environment">{arrow(p.environment.from, p.environment.to)}</Field>
        <Field label="Version">{arrow(p.version.from, p.version.to)}</Field>
        {p.merge ? <Field label="Merges">{arrow("main", p.merge.branch)}</Field> : null}
        {run.changeTicket ? (
          <Field label="Change ticket">
            <span className="font-mono" data-testid="change-ticket">
              {run.changeTicket}
            </span>
          </Field>
        ) : null}
        {p.pullRequest ? (
          <Field label="Pull request">
            <a className="text-indigo-700 hover:underline" href={p.pullRequest.url} target="_blank" rel="noreferrer">
              #{p.pullRequest.number} ({p.pullRequest.branch})
            </a>
          </Field>
        ) : null}
      </dl>
      <h3 className="mt-4 mb-1 text-sm font-semibold text-slate-700">
        {review?.commitsRemoved ? "Commits taken away" : "Commits"} in{" "}
        {review?.commitsIn ?? `${p.appRepo.owner}/${p.appRepo.name}`}
      </h3>
      {review && review.commits.length > 0 ? (
        <ul className="space-y-1 text-sm" data-testid="change-commits">
          {review.commits.map((c) => (
            <li key={c.sha} className="flex min-w-0 gap-2">
              <span className="shrink-0 font-mono text-xs text-slate-500" title={c.sha}>
                {c.sha.slice(0, 8)}
              </span>
              <span className="min-w-0 break-words">{c.message.split("\n")[0]}</span>
              <span className="ml-auto hidden shrink-0 text-xs text-slate-500 sm:inline">{c.author}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{review?.commitsNote ?? "No commits to show."}</p>
      )}
      <h3 className="mt-4 mb-1 text-sm font-semibold text-slate-700">Rendered manifests ({p.overlay})</h3>
      {review?.diff ? (
        <div
          // On a phone the diff scrolls sideways inside its box; the page itself does not.
          className="max-w-full overflow-x-auto text-xs"
          data-testid="manifest-diff"
          // diff2html escapes the diff's text; the markup is its own.
          dangerouslySetInnerHTML={{
            __html: diffToHtml(review.diff, {
              drawFileList: false,
              outputFormat: "line-by-line",
              matching: "lines",
              // Light or dark with the system setting, like the portal's themes.
              colorScheme: ColorSchemeType.AUTO,
            }),
          }}
        />
      ) : (
        <p className="text-sm text-slate-500" data-testid="manifest-diff-empty">
          {review?.diffError
            ? `The overlay could not be rendered: ${review.diffError}`
            : "The rendered manifests do not change."}
        </p>
      )}
    </Card>
  );
}
