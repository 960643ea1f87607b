import { z } from "zod";
import { route } from "@/lib/http/route";
import { getAction } from "@/lib/runs/action-mirror";

const params = z.object({ action: z.string() });

// GET /api/v1/actions/{action} — one action: trigger, blueprint, roles and input JSON Schema
export const GET = route(
  { params, doc: { summary: "One action with its input JSON Schema" } },
  async ({ params, authorize }) => {
    authorize("read", { kind: "catalog" });
    return getAction(params.action);
  },
);
