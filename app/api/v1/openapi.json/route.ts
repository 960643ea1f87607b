import { publicRoute } from "@/lib/http/route";
import { getOpenApiDocument } from "@/lib/openapi/document";

// GET /api/v1/openapi.json — this API's OpenAPI 3.1 document, generated from the routes' zod schemas (public, like any API reference)
export const GET = publicRoute({ doc: { summary: "This OpenAPI 3.1 document" } }, async () => getOpenApiDocument());
