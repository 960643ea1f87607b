import { z } from "zod";
import { route } from "@/lib/http/route";
import { listActions } from "@/lib/runs/action-mirror";

const query = z.object({ blueprint: z.string().optional() });

// GET /api/v1/actions — the registered actions (optionally of one blueprint), with input JSON Schemas
export const GET = route(
  { query, doc: { summary: "The registered actions with their input JSON Schemas" } },
  async ({ query, authorize }) => {
    authorize("read", { kind: "catalog" });
    return { items: await listActions(query) };
  },
);
