import { z } from "zod";
import { syncDeployment } from "@/lib/deployments/sync-deployment";
import { route } from "@/lib/http/route";
import { clusterPort } from "@/lib/wiring";

const params = z.object({ deployment: z.string() });

// POST /api/v1/deployments/{deployment}/sync — "Sync now": ask ArgoCD to sync this deployment's Application
export const POST = route(
  {
    params,
    scope: "actions",
    status: 202,
    doc: { summary: "Sync now: ask ArgoCD to sync the deployment's Application" },
  },
  async ({ params, user, authorize }) => syncDeployment(params.deployment, user, authorize, clusterPort()),
);
