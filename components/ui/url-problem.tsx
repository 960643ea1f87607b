import type { AppError } from "@/lib/errors";

/** What was wrong with the page's URL (a bad cursor or filter) and what is shown instead. */
export function UrlProblem({ problem, fallback }: { problem: AppError | null | undefined; fallback: string }) {
  if (!problem) return null;
  const details = Object.entries(problem.fields ?? {}).map(([field, messages]) => `${field}: ${messages.join(", ")}`);
  return (
    <div
      role="alert"
      data-testid="url-problem"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900"
    >
      <p className="font-medium">
        {problem.message} in this link. {fallback}
      </p>
      {details.length > 0 ? <p className="mt-1 break-words text-xs">{details.join("; ")}</p> : null}
    </div>
  );
}
