import { z } from "zod";
import { streamEntityChanges } from "@/lib/events/entity-stream";
import { route } from "@/lib/http/route";

const topic = z.string().regex(/^[a-z0-9-]+\/[a-z0-9][a-z0-9._-]*$/i, "Use <blueprint>/<identifier>");
const query = z.object({
  topics: z
    .string()
    .transform((v) => v.split(",").filter(Boolean))
    .pipe(z.array(topic).min(1, "Name at least one entity").max(500, "At most 500 entities per stream"))
    .describe("Comma-separated <blueprint>/<identifier>, e.g. deployment/cart-dev (at most 500)"),
});

// GET /api/v1/events?topics=deployment/cart-dev,… — server-sent `change` events as those entities change
export const GET = route(
  { query, doc: { summary: "Server-sent `change` events as the named entities change", eventStream: true } },
  async ({ query, req, authorize }) => {
    authorize("read", { kind: "catalog" });
    return new Response(streamEntityChanges(query.topics, req.signal), {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  },
);
