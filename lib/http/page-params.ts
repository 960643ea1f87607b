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
