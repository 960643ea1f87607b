import { AppError } from "@/lib/errors";

/** A custom period missing a day (or reversed) shows the default period with the reason, not an error page. */
export async function loadWithPeriodFallback<Q extends { period: string }, V>(
  q: Q,
  load: (q: Q) => Promise<V>,
): Promise<{ view: V; problem: string | null }> {
  try {
    return { view: await load(q), problem: null };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "validation") throw e;
    const detail = Object.values(e.fields ?? {})
      .flat()
      .join("; ");
    return {
      view: await load({ ...q, period: "30d" }),
      problem: `${e.message}${detail ? `: ${detail}` : ""}; showing 30 days.`,
    };
  }
}
