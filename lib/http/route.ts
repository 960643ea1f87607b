import type { ZodType } from "zod";
import { AppError, causeChain, RETRY_AFTER_SECONDS, statusForCode } from "@/lib/errors";
import { can, forbiddenMessage, type Resource, type Verb } from "@/lib/auth/permissions";
import { hasScope, principalFromRequest, type Principal } from "@/lib/auth/principal";
import type { SessionUser } from "@/lib/auth/roles";
import type { Scope } from "@/lib/auth/token-schema";
import { getEnv } from "@/lib/env";
import { logger } from "@/lib/logger";
import { observeRequest } from "@/lib/metrics/http-metrics";
import { assertSameOriginMutation } from "./csrf";
import { fieldErrorsFromZod } from "./field-errors";
import { readJsonBody, rejectNulValues } from "./input-hygiene";

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

type Parsed<P, Q, B> = { req: Request; params: P; query: Q; body: B; searchParams: URLSearchParams };

/** What the API reference (GET /api/v1/openapi.json) says about a handler beyond its zod schemas. */
export type RouteDoc = {
  summary: string;
  description?: string;
  /** A body the handler parses itself (it answers 400, not 422, when the body does not fit). */
  body?: ZodType;
  /** Answers other than the defaults, by status: a 2xx here replaces the default success answer. */
  responses?: Record<number, string>;
  /** The success answer is a server-sent event stream. */
  eventStream?: boolean;
  /** Callers prove themselves with the ArgoCD webhook's shared secret (a public route checking it). */
  webhookSecret?: boolean;
};

type Spec<P, Q, B> = {
  params?: ZodType<P>;
  query?: ZodType<Q>;
  body?: ZodType<B>;
  /** Status for a successful non-Response result (default 200). */
  status?: number;
  doc?: RouteDoc;
};

/** A handler's inputs and callers, attached to it so the OpenAPI document is built from what it parses. */
export type RouteDescription = Spec<unknown, unknown, unknown> & {
  auth: "public" | "webhook-secret" | { scope?: Scope; sessionOnly: boolean; tokenOnly: boolean };
};

export type RouteHandler = ((req: Request, ctx: RouteContext) => Promise<Response>) & { openapi: RouteDescription };

/** Also times every answer into slipway_http_request_duration_seconds, by route template (see /metrics). */
function describedHandler(
  handler: (req: Request, ctx: RouteContext) => Promise<Response>,
  description: RouteDescription,
): RouteHandler {
  const measured = async (req: Request, ctx: RouteContext): Promise<Response> => {
    const started = performance.now();
    const res = await handler(req, ctx);
    const params = ((await ctx?.params) ?? {}) as Record<string, string | string[] | undefined>;
    observeRequest(req, params, res.status, (performance.now() - started) / 1000);
    return res;
  };
  return Object.assign(measured, { openapi: description });
}

/** The token scope a request needs: the route's, else `read` for GET and `write` otherwise. */
export const scopeFor = (method: string, scope?: Scope): Scope =>
  scope ?? (method === "GET" || method === "HEAD" ? "read" : "write");

export function errorResponse(err: unknown): Response {
  // A pool checkout that timed out arrives wrapped by the query builder: look through the causes.
  const appError = causeChain(err).find((e) => e instanceof AppError);
  if (appError) {
    const body: Record<string, unknown> = { code: appError.code, message: appError.message };
    if (appError.fields) body.fields = appError.fields;
    // 503 tells the caller (and ArgoCD's notifier) to try again, and when.
    const headers: HeadersInit = appError.code === "unavailable" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {};
    return Response.json({ error: body }, { status: statusForCode(appError.code), headers });
  }
  // Unknown errors are logged in full but answered generically: never echo internals.
  logger.error("unhandled error in route", { error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  return Response.json({ error: { code: "internal", message: "Internal server error" } }, { status: 500 });
}

function parseWith<T>(schema: ZodType<T>, value: unknown, prefix?: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation", "Validation failed", fieldErrorsFromZod(result.error, prefix));
  return result.data;
}

type Handler<I> = (input: I) => Promise<unknown>;

async function respond(spec: Spec<unknown, unknown, unknown>, run: () => Promise<unknown>): Promise<Response> {
  try {
    const result = await run();
    if (result instanceof Response) return result;
    if (result === undefined) return new Response(null, { status: 204 });
    return Response.json(result, { status: spec.status ?? 200 });
  } catch (err) {
    return errorResponse(err);
  }
}

async function parseInput<P, Q, B>(spec: Spec<P, Q, B>, req: Request, ctx: RouteContext): Promise<Parsed<P, Q, B>> {
  const url = new URL(req.url);
  const rawParams = (await ctx?.params) ?? {};
  rejectNulValues(rawParams, "");
  rejectNulValues(Object.fromEntries(url.searchParams), "");
  const params = spec.params ? parseWith(spec.params, rawParams) : (rawParams as P);
  const query = spec.query ? parseWith(spec.query, Object.fromEntries(url.searchParams)) : ({} as Q);
  let body = undefined as B;
  if (spec.body) {
    const raw = await readJsonBody(req);
    if (raw === undefined) throw new AppError("bad_request", "Request body is required");
    body = parseWith(spec.body, raw);
  }
  return { req, params, query, body, searchParams: url.searchParams };
}

/**
 * A route anyone may call: health checks, Auth.js itself, and webhooks that check their own secret.
 * Parses params/query/body with zod and maps errors to responses in one place.
 */
export function publicRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: Spec<P, Q, B>,
  handler: Handler<Parsed<P, Q, B>>,
) {
  return describedHandler((req, ctx) => respond(spec, async () => handler(await parseInput(spec, req, ctx))), {
    ...spec,
    auth: spec.doc?.webhookSecret ? "webhook-secret" : "public",
  });
}

type AuthSpec = {
  /** Token scope the route needs; defaults to `read` for GET and `write` otherwise. */
  scope?: Scope;
  /** Refuse API tokens (token management itself: a token must not mint or revoke tokens). */
  sessionOnly?: boolean;
  /** Refuse browser sessions (machine-to-machine webhooks: no cookie may trigger them). */
  tokenOnly?: boolean;
};

export type Authed<P, Q, B> = Parsed<P, Q, B> & {
  principal: Principal;
  user: SessionUser;
  /** Throws 403 unless `can(user, verb, resource)`. Every handler must call it before answering. */
  authorize: (verb: Verb, resource: Resource) => void;
};

/**
 * Wraps a route handler for signed-in callers (session cookie or API token): 401 when anonymous,
 * 403 when a token lacks the scope, then zod parsing, then the handler, which must call `authorize`.
 * A handler that answers without having checked a permission is answered with 500 instead, so a
 * forgotten check fails loudly (and the route-matrix test) rather than leaking.
 */
export function route<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: Spec<P, Q, B> & AuthSpec,
  handler: Handler<Authed<P, Q, B>>,
) {
  const { scope, sessionOnly = false, tokenOnly = false, ...inputs } = spec;
  const serve = (req: Request, ctx: RouteContext): Promise<Response> =>
    respond(spec, async () => {
      const principal = await principalFromRequest(req.headers);
      if (!principal) throw new AppError("unauthenticated", "Sign in or send an API token");
      if (sessionOnly && principal.via !== "session")
        throw new AppError("forbidden", "This needs a browser session; API tokens cannot use it");
      if (tokenOnly && principal.via !== "token")
        throw new AppError(
          "forbidden",
          "This endpoint takes an API token (Authorization: Bearer …), not a browser session",
        );
      if (principal.via === "session") assertSameOriginMutation(req, getEnv().AUTH_URL);
      const needed = scopeFor(req.method, scope);
      if (!hasScope(principal, needed)) throw new AppError("forbidden", `The API token lacks the "${needed}" scope`);
      const input = await parseInput(spec, req, ctx);
      let checked = false;
      const authorize = (verb: Verb, resource: Resource) => {
        checked = true;
        if (!can(principal.user, verb, resource))
          throw new AppError("forbidden", forbiddenMessage(verb, resource, principal.user));
      };
      const result = await handler({ ...input, principal, user: principal.user, authorize });
      if (!checked) {
        logger.error("route answered without a permission check", {
          method: req.method,
          path: new URL(req.url).pathname,
        });
        throw new Error("permission check missing");
      }
      return result;
    });
  return describedHandler(serve, { ...inputs, auth: { scope, sessionOnly, tokenOnly } });
}
