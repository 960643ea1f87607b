import { z, type ZodType } from "zod";
import { AppError, statusForCode, type FieldErrors } from "@/lib/errors";
import { logger } from "@/lib/logger";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Parsed<P, Q, B> = { req: Request; params: P; query: Q; body: B; searchParams: URLSearchParams };

type Spec<P, Q, B> = {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Status for a successful non-Response result (default 200). */
  status?: number;
};

export function fieldErrorsFromZod(error: z.ZodError, prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    (fields[path] ??= []).push(issue.message);
  }
  return fields;
}

export function errorResponse(err: unknown): Response {
  if (err instanceof AppError) {
    const body: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.fields) body.fields = err.fields;
    return Response.json({ error: body }, { status: statusForCode(err.code) });
  }
  // Unknown errors are logged in full but answered generically: never echo internals.
  logger.error("unhandled error in route", { error: err instanceof Error ? err.stack ?? err.message : String(err) });
  return Response.json({ error: { code: "internal", message: "Internal server error" } }, { status: 500 });
}

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("bad_request", "Request body is not valid JSON");
  }
}

function parseWith<T>(schema: ZodType<T>, value: unknown, prefix?: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation", "Validation failed", fieldErrorsFromZod(result.error, prefix));
  return result.data;
}

/** Wraps a route handler: parses params/query/body with zod and maps errors to responses in one place. */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: Spec<P, Q, B>,
  handler: (input: Parsed<P, Q, B>) => Promise<unknown>,
) {
  return async (req: Request, ctx: RouteContext): Promise<Response> => {
    try {
      const url = new URL(req.url);
      const rawParams = (await ctx?.params) ?? {};
      const params = spec.params ? parseWith(spec.params, rawParams) : (rawParams as P);
      const query = spec.query ? parseWith(spec.query, Object.fromEntries(url.searchParams)) : ({} as Q);
      let body = undefined as B;
      if (spec.body) {
        const raw = await readJson(req);
        if (raw === undefined) throw new AppError("bad_request", "Request body is required");
        body = parseWith(spec.body, raw);
      }
      const result = await handler({ req, params, query, body, searchParams: url.searchParams });
      if (result instanceof Response) return result;
      if (result === undefined) return new Response(null, { status: 204 });
      return Response.json(result, { status: spec.status ?? 200 });
    } catch (err) {
      return errorResponse(err);
    }
  };
}
