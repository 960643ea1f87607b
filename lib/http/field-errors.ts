import type { z } from "zod";
import type { FieldErrors } from "@/lib/errors";

/** zod issues as `{ "a.b": [messages] }`, the shape every 422 carries. */
export function fieldErrorsFromZod(error: z.ZodError, prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}
