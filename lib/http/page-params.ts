import type { ZodType } from "zod";
import { notFound as nextNotFound } from "next/navigation";
import { AppError } from "@/lib/errors";

export type RawSearchParams = Record<string, string | string[] | undefined>;

/** First value of each search param, as URLSearchParams (for filters with dynamic keys). */
export function toUrlSearchParams(raw: RawSearchParams): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(raw)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined && first !== "") out.set(k, first);
  }
  return out;
}

/** Parses page search params with zod; a bad value falls back to the schema's defaults rather than erroring. */
export function parsePageParams<T>(schema: ZodType<T>, raw: RawSearchParams): T {
  const values = Object.fromEntries(toUrlSearchParams(raw));
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return schema.parse(Object.fromEntries(Object.entries(values).filter(([k]) => !bad.has(k))));
}

/** Runs a lib call for a page, turning not_found into Next's 404 page. */
export async function loadOr404<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") nextNotFound();
    throw e;
  }
}

export type ListLoad<T> = { page: T; problem: AppError | null };

/**
 * Loads a list page. A malformed or stale `cursor` from the URL (hand-edited, or from an older
 * version) loads the first page instead, returning the error so the page can say what happened.
 */
export async function loadFirstPageOnBadCursor<T>(
  cursor: string | undefined,
  load: (cursor: string | undefined) => Promise<T>,
): Promise<ListLoad<T>> {
  try {
    return { page: await load(cursor), problem: null };
  } catch (e) {
    if (!(cursor && e instanceof AppError && e.code === "validation" && e.fields?.cursor)) throw e;
    return { page: await load(undefined), problem: e };
  }
}

/** Parses something from the URL (filters); a validation error is returned for the page to show, not thrown. */
export function parseOrProblem<T>(parse: () => T): { value: T | undefined; problem: AppError | null } {
  try {
    return { value: parse(), problem: null };
  } catch (e) {
    if (e instanceof AppError && e.code === "validation") return { value: undefined, problem: e };
    throw e;
  }
}
