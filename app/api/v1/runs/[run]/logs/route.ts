import { z } from "zod";
import { route } from "@/lib/http/route";
import { getRun, listRunLogs } from "@/lib/runs/run-store";
import { runParams } from "@/lib/runs/run-params";

const query = z.object({ after: z.coerce.number().int().min(0).default(0) });

// GET /api/v1/runs/{run}/logs — log lines after id `after` (oldest first, up to 500)
export const GET = route(
  { params: runParams, query, doc: { summary: "A run's log lines after id `after`" } },
  async ({ params, query, authorize }) => {
    const run = await getRun(params.run);
    authorize("read", { kind: "run", requestedBy: run.requestedBy });
    return { items: await listRunLogs(params.run, query.after) };
  },
);
