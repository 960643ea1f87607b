import { z } from "zod";
import type { ZodObjectInput, ZodOpenApiOperationObject, ZodOpenApiResponseObject } from "zod-openapi";
import { ERROR_CODES } from "@/lib/errors";
import { scopeFor, type RouteDescription } from "@/lib/http/route";

/** The body of every error answer (`errorResponse` in lib/http/route.ts). */
const errorBody = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      fields: z
        .record(z.string(), z.array(z.string()))
        .optional()
        .describe("Messages by field path, e.g. properties.port or relations.dependsOn"),
    }),
  })
  .meta({ id: "Error" });

export const securitySchemes = {
  session: {
    type: "apiKey",
    in: "cookie",
    name: "authjs.session-token",
    description: "The browser session after signing in at /signin (`__Secure-authjs.session-token` over https).",
  },
  apiToken: {
    type: "http",
    scheme: "bearer",
    description:
      "An API token from POST /api/v1/tokens. Its scopes (read, write, actions) are listed on each operation.",
  },
  argocdWebhookSecret: {
    type: "http",
    scheme: "bearer",
    description: "The shared secret ArgoCD notifications send (SLIPWAY_ARGOCD_WEBHOOK_SECRET).",
  },
} as const;

type Method = "get" | "post" | "put" | "patch" | "delete";

function security(method: Method, auth: RouteDescription["auth"]) {
  if (auth === "public") return [];
  if (auth === "webhook-secret") return [{ argocdWebhookSecret: [] }];
  const session = { session: [] };
  const token = { apiToken: [scopeFor(method.toUpperCase(), auth.scope)] };
  if (auth.tokenOnly) return [token];
  return auth.sessionOnly ? [session] : [session, token];
}

const SUCCESS: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

/** The answers `route()` gives every handler with these inputs and callers, plus the ones the route names. */
function answers(d: RouteDescription): Record<number, string> {
  const named = d.doc?.responses ?? {};
  const status = d.status ?? 200;
  const out: Record<number, string> = Object.keys(named).some((s) => Number(s) < 300)
    ? {}
    : { [status]: SUCCESS[status] ?? "OK" };
  if (d.body || d.doc?.body) {
    out[400] = "The body is missing or is not JSON";
    out[413] = "The body is larger than 1 MiB";
    if (typeof d.auth === "object" && !d.auth.tokenOnly)
      out[415] = "A browser session sent a body that is not application/json";
  }
  if (d.auth === "webhook-secret") out[401] = "Missing or wrong webhook secret";
  else if (d.auth !== "public") out[401] = "Not signed in and no API token";
  if (typeof d.auth === "object")
    out[403] = d.auth.sessionOnly
      ? "Not permitted, or called with an API token (this needs a browser session)"
      : d.auth.tokenOnly
        ? "Not permitted, the API token lacks the scope, or called with a browser session (this takes a token)"
        : "Not permitted, the API token lacks the scope, or a cross-site request with a browser session";
  if (d.params) out[404] = "Not found";
  if (d.params || d.query || d.body) out[422] = "Validation failed; error.fields names each problem";
  return { ...out, ...named };
}

function response(status: number, description: string, eventStream: boolean): ZodOpenApiResponseObject {
  if (status >= 400) return { description, content: { "application/json": { schema: errorBody } } };
  if (status === 204) return { description };
  return { description, content: eventStream ? { "text/event-stream": {} } : { "application/json": {} } };
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `get` + `/api/v1/blueprints/{blueprint}/entities` → `getBlueprintsByBlueprintEntities`. */
function operationId(method: Method, path: string): string {
  const words = path
    .split("/")
    .filter((s) => s && s !== "api" && s !== "v1")
    .map((s) => (s.startsWith("{") ? `By${capitalize(s.slice(1, -1))}` : s.split(/[-.]/).map(capitalize).join("")));
  return method + words.join("");
}

/** The OpenAPI operation for one handler, from the schemas it parses with and the callers it lets in. */
export function describeOperation(method: Method, path: string, d: RouteDescription): ZodOpenApiOperationObject {
  const body = d.body ?? d.doc?.body;
  const op: ZodOpenApiOperationObject = {
    operationId: operationId(method, path),
    summary: d.doc?.summary,
    tags: [path.startsWith("/api/webhooks/") ? "webhooks" : path.split("/")[3]!.replace(".json", "")],
    security: security(method, d.auth),
    responses: Object.fromEntries(
      Object.entries(answers(d)).map(([s, text]) => [s, response(Number(s), text, d.doc?.eventStream ?? false)]),
    ),
  };
  if (d.doc?.description) op.description = d.doc.description;
  if (d.params || d.query)
    op.requestParams = {
      ...(d.params && { path: d.params as ZodObjectInput }),
      ...(d.query && { query: d.query as ZodObjectInput }),
    };
  if (body) op.requestBody = { required: true, content: { "application/json": { schema: body } } };
  return op;
}
