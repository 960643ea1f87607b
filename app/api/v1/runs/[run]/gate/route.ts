import { route } from "@/lib/http/route";
import { getRunGateView } from "@/lib/policies/gate-view";
import { runParams } from "@/lib/runs/run-params";

// GET /api/v1/runs/{run}/gate — the run's policy checklist, soak note, override and whether it blocks approval
export const GET = route(
  {
    params: runParams,
    doc: { summary: "A run's policy gate: checklist, override, and why approval is blocked (null: no gate)" },
  },
  async ({ params, user, authorize }) => getRunGateView(params.run, user, authorize),
);
