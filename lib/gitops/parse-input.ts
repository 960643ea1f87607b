import type { z } from "zod";
import { invalid } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/http/field-errors";

/** Renderers refuse bad input with the same 422 shape the API uses, so actions can pass it through. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix?: string): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(fieldErrorsFromZod(result.error, prefix), `Invalid ${prefix ?? "input"}`);
  return result.data;
}
