import * as actionRoute from "@/app/api/v1/actions/[action]/route";
import * as actionRunsRoute from "@/app/api/v1/actions/[action]/runs/route";
import * as actionsRoute from "@/app/api/v1/actions/route";
import * as auditRoute from "@/app/api/v1/audit/route";
import * as entityRoute from "@/app/api/v1/blueprints/[blueprint]/entities/[entity]/route";
import * as entitiesRoute from "@/app/api/v1/blueprints/[blueprint]/entities/route";
import * as facetsRoute from "@/app/api/v1/blueprints/[blueprint]/facets/route";
import * as blueprintRoute from "@/app/api/v1/blueprints/[blueprint]/route";
import * as blueprintsRoute from "@/app/api/v1/blueprints/route";
import * as catalogDashboardRoute from "@/app/api/v1/dashboards/catalog/route";
import * as doraDashboardRoute from "@/app/api/v1/dashboards/dora/route";
import * as pipelineDashboardRoute from "@/app/api/v1/dashboards/pipeline/route";
import * as resourcesDashboardRoute from "@/app/api/v1/dashboards/resources/route";
import * as syncRoute from "@/app/api/v1/deployments/[deployment]/sync/route";
import * as eventsRoute from "@/app/api/v1/events/route";
import * as meRoute from "@/app/api/v1/me/route";
import * as notificationReadRoute from "@/app/api/v1/me/notifications/[notification]/read/route";
import * as openapiRoute from "@/app/api/v1/openapi.json/route";
import * as cancelRoute from "@/app/api/v1/runs/[run]/cancel/route";
import * as decisionsRoute from "@/app/api/v1/runs/[run]/decisions/route";
import * as runEventsRoute from "@/app/api/v1/runs/[run]/events/route";
import * as runLogsRoute from "@/app/api/v1/runs/[run]/logs/route";
import * as rerunRoute from "@/app/api/v1/runs/[run]/rerun/route";
import * as runRoute from "@/app/api/v1/runs/[run]/route";
import * as withdrawRoute from "@/app/api/v1/runs/[run]/withdraw/route";
import * as gateRoute from "@/app/api/v1/runs/[run]/gate/route";
import * as gateOverrideRoute from "@/app/api/v1/runs/[run]/gate/override/route";
import * as policiesRoute from "@/app/api/v1/policies/route";
import * as policyRoute from "@/app/api/v1/policies/[policy]/route";
import * as shippedPoliciesRoute from "@/app/api/v1/policies/shipped/route";
import * as runsRoute from "@/app/api/v1/runs/route";
import * as searchRoute from "@/app/api/v1/search/route";
import * as tokenRoute from "@/app/api/v1/tokens/[token]/route";
import * as tokensRoute from "@/app/api/v1/tokens/route";
import * as actionWebhookRoute from "@/app/api/webhooks/actions/route";
import * as argocdWebhookRoute from "@/app/api/webhooks/argocd/route";
import * as fluxWebhookRoute from "@/app/api/webhooks/flux/route";
import * as forgejoWebhookRoute from "@/app/api/webhooks/forgejo/route";
import * as importConflictsRoute from "@/app/api/v1/imports/conflicts/route";
import * as importRunsRoute from "@/app/api/v1/imports/runs/route";
import * as portExportRoute from "@/app/api/v1/imports/port/export/route";
import * as portImportRoute from "@/app/api/v1/imports/port/route";

// Every route module the OpenAPI document describes, by OpenAPI path, in the document's order. A route
// file under app/api/v1 or app/api/webhooks missing here fails lib/openapi/openapi-document.test.ts.
export const API_ROUTES: Record<string, Record<string, unknown>> = {
  "/api/v1/blueprints": blueprintsRoute,
  "/api/v1/blueprints/{blueprint}": blueprintRoute,
  "/api/v1/blueprints/{blueprint}/entities": entitiesRoute,
  "/api/v1/blueprints/{blueprint}/entities/{entity}": entityRoute,
  "/api/v1/blueprints/{blueprint}/facets": facetsRoute,
  "/api/v1/events": eventsRoute,
  "/api/v1/actions": actionsRoute,
  "/api/v1/actions/{action}": actionRoute,
  "/api/v1/actions/{action}/runs": actionRunsRoute,
  "/api/v1/runs": runsRoute,
  "/api/v1/runs/{run}": runRoute,
  "/api/v1/runs/{run}/logs": runLogsRoute,
  "/api/v1/runs/{run}/events": runEventsRoute,
  "/api/v1/runs/{run}/decisions": decisionsRoute,
  "/api/v1/runs/{run}/cancel": cancelRoute,
  "/api/v1/runs/{run}/withdraw": withdrawRoute,
  "/api/v1/runs/{run}/rerun": rerunRoute,
  "/api/v1/runs/{run}/gate": gateRoute,
  "/api/v1/runs/{run}/gate/override": gateOverrideRoute,
  "/api/v1/policies": policiesRoute,
  "/api/v1/policies/shipped": shippedPoliciesRoute,
  "/api/v1/policies/{policy}": policyRoute,
  "/api/v1/deployments/{deployment}/sync": syncRoute,
  "/api/v1/dashboards/catalog": catalogDashboardRoute,
  "/api/v1/dashboards/pipeline": pipelineDashboardRoute,
  "/api/v1/dashboards/resources": resourcesDashboardRoute,
  "/api/v1/dashboards/dora": doraDashboardRoute,
  "/api/v1/search": searchRoute,
  "/api/v1/me": meRoute,
  "/api/v1/me/notifications/{notification}/read": notificationReadRoute,
  "/api/v1/tokens": tokensRoute,
  "/api/v1/tokens/{token}": tokenRoute,
  "/api/v1/audit": auditRoute,
  "/api/v1/imports/runs": importRunsRoute,
  "/api/v1/imports/conflicts": importConflictsRoute,
  "/api/v1/imports/port": portImportRoute,
  "/api/v1/imports/port/export": portExportRoute,
  "/api/v1/openapi.json": openapiRoute,
  "/api/webhooks/actions": actionWebhookRoute,
  "/api/webhooks/argocd": argocdWebhookRoute,
  "/api/webhooks/flux": fluxWebhookRoute,
  "/api/webhooks/forgejo": forgejoWebhookRoute,
};
