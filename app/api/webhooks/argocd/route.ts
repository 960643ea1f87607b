import { argocdEventSchema } from "@/lib/deployments/argocd-event";
import { ingestArgocdDelivery } from "@/lib/deployments/argocd-delivery";
import { publicRoute } from "@/lib/http/route";

// POST /api/webhooks/argocd — ArgoCD notifications (the plain entity-payload templates and Slipway's richer ones); shared-secret auth
export const POST = publicRoute(
  {
    doc: {
      summary: "ArgoCD notifications: a deployment's sync and health status",
      description:
        "Also served, with the same secret, checks and answers, by the ingestion listener on `SLIPWAY_INGEST_PORT` " +
        "(a plain Node.js HTTP server, for high delivery rates).",
      body: argocdEventSchema,
      webhookSecret: true,
      responses: { 404: "No such deployment entity" },
    },
  },
  async ({ req }) => ({ outcome: await ingestArgocdDelivery(req.headers, await req.text()) }),
);
