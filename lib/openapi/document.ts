import { createDocument } from "zod-openapi";
import type { RouteHandler } from "@/lib/http/route";
import { API_ROUTES } from "./api-routes";
import { describeOperation, securitySchemes } from "./operation";

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

const DESCRIPTION = `Slipway's catalog, actions and runs. Every /api/v1 operation takes a browser session or an API
token (\`Authorization: Bearer <token>\`) with the scope it lists; bodies are JSON. Errors are
\`{ "error": { "code", "message", "fields"? } }\`. Lists are keyset-paginated: pass a page's \`nextCursor\`
as \`cursor\`. Generated from the zod schemas the routes parse their input with.`;

/** The OpenAPI 3.1 document of /api/v1 and the webhooks, built from the route handlers themselves. */
export function buildOpenApiDocument() {
  const paths = Object.fromEntries(
    Object.entries(API_ROUTES).map(([path, mod]) => {
      const operations = METHODS.flatMap((method) => {
        const handler = mod[method.toUpperCase()] as Partial<RouteHandler> | undefined;
        if (handler === undefined) return [];
        if (!handler.openapi)
          throw new Error(`${method.toUpperCase()} ${path} is not built with route()/publicRoute()`);
        return [[method, describeOperation(method, path, handler.openapi)]];
      });
      return [path, Object.fromEntries(operations)];
    }),
  );
  return createDocument({
    openapi: "3.1.1",
    info: { title: "Slipway API", version: "1", description: DESCRIPTION },
    paths,
    components: { securitySchemes },
  });
}

let built: ReturnType<typeof buildOpenApiDocument> | null = null;

/** Built once per process: the routes cannot change while it runs. */
export const getOpenApiDocument = () => (built ??= buildOpenApiDocument());
