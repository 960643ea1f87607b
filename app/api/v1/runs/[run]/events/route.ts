import { route } from "@/lib/http/route";
import { getRun } from "@/lib/runs/run-store";
import { runParams } from "@/lib/runs/run-params";
import { streamRun } from "@/lib/runs/run-stream";

// GET /api/v1/runs/{run}/events — server-sent events: `run` (state) and `log` (new lines), live
export const GET = route(
  {
    params: runParams,
    doc: {
      summary: "Server-sent `run` (state), `status` (each status change) and `log` events of a run, live",
      eventStream: true,
    },
  },
  async ({ params, req, authorize }) => {
    const run = await getRun(params.run);
    authorize("read", { kind: "run", requestedBy: run.requestedBy });
    const after = Number(req.headers.get("last-event-id") ?? 0) || 0;
    return new Response(streamRun(run.id, after, req.signal), {
      headers: {
        "content-type": "text/event-stream",
        "cache-control": "no-cache, no-transform",
        connection: "keep-alive",
        "x-accel-buffering": "no",
      },
    });
  },
);
